-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('scheduled', 'held', 'cancelled');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('present', 'in_attendance', 'apologies', 'supported_by');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('open', 'done', 'dropped');

-- CreateEnum
CREATE TYPE "DuePrecision" AS ENUM ('day', 'month', 'quarter', 'season', 'year');

-- CreateEnum
CREATE TYPE "ReminderState" AS ENUM ('scheduled', 'sending', 'sent', 'cancelled', 'skipped', 'failed');

-- CreateEnum
CREATE TYPE "ExtensionStatus" AS ENUM ('pending', 'approved', 'declined', 'withdrawn');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('pending', 'parsing', 'previewed', 'confirmed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "name" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "nextActionNumber" INTEGER NOT NULL DEFAULT 1,
    "uninstalledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Installation" (
    "id" UUID NOT NULL,
    "workspaceId" UUID,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "appId" TEXT,
    "botUserId" TEXT,
    "botId" TEXT,
    "botScopes" TEXT[],
    "installerUserId" TEXT,
    "payloadCiphertext" TEXT NOT NULL,
    "encryptionKeyId" TEXT NOT NULL,
    "installedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Board" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slackChannelId" TEXT,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "chairSlackUserId" TEXT,
    "secretarySlackUserId" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "holidayRegion" TEXT NOT NULL DEFAULT 'england-and-wales',
    "recurrenceRule" TEXT,
    "defaultLocation" TEXT,
    "defaultStartMinutes" INTEGER,
    "reminderPolicy" JSONB,
    "requireExtensionApproval" BOOLEAN NOT NULL DEFAULT true,
    "amberWithinDays" INTEGER NOT NULL DEFAULT 7,
    "nextActionNumber" INTEGER NOT NULL DEFAULT 1,
    "createdBySlackUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Board_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "boardId" UUID NOT NULL,
    "title" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "location" TEXT,
    "status" "MeetingStatus" NOT NULL DEFAULT 'scheduled',
    "sourceDocumentHash" TEXT,
    "sourceFileName" TEXT,
    "minutesText" TEXT,
    "digestChannelId" TEXT,
    "digestMessageTs" TEXT,
    "createdBySlackUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinuteItem" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "number" TEXT,
    "heading" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "sourceLine" INTEGER,

    CONSTRAINT "MinuteItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendee" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "slackUserId" TEXT,
    "status" "AttendanceStatus" NOT NULL DEFAULT 'present',
    "position" INTEGER NOT NULL,
    "sourceLine" INTEGER,

    CONSTRAINT "Attendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "minuteItemId" UUID,
    "reference" TEXT,
    "text" TEXT NOT NULL,
    "sourceLine" INTEGER,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Action" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "boardId" UUID,
    "number" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'open',
    "dueAt" TIMESTAMPTZ(3),
    "duePrecision" "DuePrecision",
    "dueText" TEXT,
    "dueMeetingId" UUID,
    "originMeetingId" UUID,
    "originMinuteItemId" UUID,
    "sourceLine" INTEGER,
    "sourceChannelId" TEXT,
    "sourceMessageTs" TEXT,
    "createdBySlackUserId" TEXT,
    "closedBySlackUserId" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionOwner" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "actionId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "slackUserId" TEXT,
    "bodyName" TEXT,

    CONSTRAINT "ActionOwner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionEvent" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "actionId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actorSlackUserId" TEXT,
    "actorLabel" TEXT,
    "before" JSONB,
    "after" JSONB,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "boardId" UUID,
    "actionId" UUID,
    "meetingId" UUID,
    "subject" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL DEFAULT '',
    "fireAt" TIMESTAMPTZ(3) NOT NULL,
    "state" "ReminderState" NOT NULL DEFAULT 'scheduled',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sendingStartedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "slackChannelId" TEXT,
    "slackMessageTs" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "actionId" UUID NOT NULL,
    "requestedBySlackUserId" TEXT NOT NULL,
    "requestedDueAt" TIMESTAMPTZ(3) NOT NULL,
    "requestedDuePrecision" "DuePrecision" NOT NULL DEFAULT 'day',
    "requestedDueText" TEXT,
    "reason" TEXT,
    "status" "ExtensionStatus" NOT NULL DEFAULT 'pending',
    "decidedBySlackUserId" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "approverChannelId" TEXT,
    "approverMessageTs" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinutesImport" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "boardId" UUID,
    "meetingId" UUID,
    "status" "ImportStatus" NOT NULL DEFAULT 'pending',
    "fileName" TEXT,
    "slackFileId" TEXT,
    "documentHash" TEXT,
    "result" JSONB,
    "error" TEXT,
    "progressChannelId" TEXT,
    "progressMessageTs" TEXT,
    "createdBySlackUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MinutesImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slackTeamId_key" ON "Workspace"("slackTeamId");

-- CreateIndex
CREATE INDEX "Installation_enterpriseId_idx" ON "Installation"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "Installation_teamId_enterpriseId_key" ON "Installation"("teamId", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "Board_workspaceId_code_key" ON "Board"("workspaceId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Board_workspaceId_slackChannelId_key" ON "Board"("workspaceId", "slackChannelId");

-- CreateIndex
CREATE INDEX "Meeting_workspaceId_boardId_startsAt_idx" ON "Meeting"("workspaceId", "boardId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_boardId_sourceDocumentHash_key" ON "Meeting"("boardId", "sourceDocumentHash");

-- CreateIndex
CREATE INDEX "MinuteItem_meetingId_position_idx" ON "MinuteItem"("meetingId", "position");

-- CreateIndex
CREATE INDEX "Attendee_meetingId_position_idx" ON "Attendee"("meetingId", "position");

-- CreateIndex
CREATE INDEX "Decision_meetingId_idx" ON "Decision"("meetingId");

-- CreateIndex
CREATE INDEX "Action_workspaceId_status_dueAt_idx" ON "Action"("workspaceId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Action_boardId_status_idx" ON "Action"("boardId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Action_workspaceId_reference_key" ON "Action"("workspaceId", "reference");

-- CreateIndex
CREATE INDEX "ActionOwner_actionId_position_idx" ON "ActionOwner"("actionId", "position");

-- CreateIndex
CREATE INDEX "ActionOwner_workspaceId_slackUserId_idx" ON "ActionOwner"("workspaceId", "slackUserId");

-- CreateIndex
CREATE INDEX "ActionEvent_actionId_createdAt_idx" ON "ActionEvent"("actionId", "createdAt");

-- CreateIndex
CREATE INDEX "Reminder_state_fireAt_idx" ON "Reminder"("state", "fireAt");

-- CreateIndex
CREATE INDEX "Reminder_workspaceId_actionId_idx" ON "Reminder"("workspaceId", "actionId");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_subject_kind_fireAt_recipient_key" ON "Reminder"("subject", "kind", "fireAt", "recipient");

-- CreateIndex
CREATE INDEX "ExtensionRequest_actionId_status_idx" ON "ExtensionRequest"("actionId", "status");

-- CreateIndex
CREATE INDEX "MinutesImport_workspaceId_status_idx" ON "MinutesImport"("workspaceId", "status");

-- AddForeignKey
ALTER TABLE "Installation" ADD CONSTRAINT "Installation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinuteItem" ADD CONSTRAINT "MinuteItem_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinuteItem" ADD CONSTRAINT "MinuteItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendee" ADD CONSTRAINT "Attendee_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendee" ADD CONSTRAINT "Attendee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_minuteItemId_fkey" FOREIGN KEY ("minuteItemId") REFERENCES "MinuteItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_dueMeetingId_fkey" FOREIGN KEY ("dueMeetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_originMeetingId_fkey" FOREIGN KEY ("originMeetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_originMinuteItemId_fkey" FOREIGN KEY ("originMinuteItemId") REFERENCES "MinuteItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionOwner" ADD CONSTRAINT "ActionOwner_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionOwner" ADD CONSTRAINT "ActionOwner_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvent" ADD CONSTRAINT "ActionEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvent" ADD CONSTRAINT "ActionEvent_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesImport" ADD CONSTRAINT "MinutesImport_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesImport" ADD CONSTRAINT "MinutesImport_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinutesImport" ADD CONSTRAINT "MinutesImport_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ActionEvent is the append-only audit of an action: rows are added, and go only
-- with their action or workspace; they are never changed.
CREATE FUNCTION "ActionEvent_forbid_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ActionEvent rows are append-only (id %)', OLD."id";
END
$$;

CREATE TRIGGER "ActionEvent_append_only" BEFORE UPDATE ON "ActionEvent"
  FOR EACH ROW EXECUTE FUNCTION "ActionEvent_forbid_update"();
