-- AlterTable
ALTER TABLE "MinutesImport" ADD COLUMN     "liveSlackFileId" TEXT;

-- Imports under way now: the newest of each file's holds it (an older one left beside it
-- by a second press finishes as it would have, without the key).
UPDATE "MinutesImport" SET "liveSlackFileId" = "slackFileId"
WHERE "id" IN (
  SELECT DISTINCT ON ("workspaceId", "slackFileId") "id" FROM "MinutesImport"
  WHERE "slackFileId" IS NOT NULL AND "status" IN ('pending', 'parsing', 'previewed')
  ORDER BY "workspaceId", "slackFileId", "createdAt" DESC
);

-- CreateIndex
CREATE UNIQUE INDEX "MinutesImport_workspaceId_liveSlackFileId_key" ON "MinutesImport"("workspaceId", "liveSlackFileId");

-- One file, one import under way: a file import holds its file from the moment it is
-- created until it is confirmed, fails or is cancelled, whichever code path moves it.
-- The app never writes liveSlackFileId; a second import of a file under way is refused
-- by the unique index above (Prisma's P2002), and the importer is shown the first.
CREATE FUNCTION "MinutesImport_hold_live_file"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" NOT IN ('pending', 'parsing', 'previewed') THEN
    NEW."liveSlackFileId" := NULL;
  ELSIF TG_OP = 'INSERT' THEN
    NEW."liveSlackFileId" := NEW."slackFileId";
  ELSE
    NEW."liveSlackFileId" := OLD."liveSlackFileId";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "MinutesImport_live_file" BEFORE INSERT OR UPDATE ON "MinutesImport"
  FOR EACH ROW EXECUTE FUNCTION "MinutesImport_hold_live_file"();
