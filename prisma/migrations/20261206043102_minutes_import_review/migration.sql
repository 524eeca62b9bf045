-- AlterTable
ALTER TABLE "MinutesImport" ADD COLUMN     "changes" JSONB,
ADD COLUMN     "review" JSONB;
