-- Lists read a page soonest due first, ties oldest first. With createdAt in the index the rows
-- come in index order without a sort; without it every action due the same day (a vague date
-- such as "end of June" falls on one) was joined to its owners and events, then sorted.
-- The runner applies a migration in one transaction: writes to "Action" wait while the indexes
-- are built (a second or two for a hundred thousand actions), so apply it outside busy hours.

-- CreateIndex
CREATE INDEX "Action_workspaceId_status_dueAt_createdAt_idx" ON "Action"("workspaceId", "status", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "Action_boardId_status_dueAt_createdAt_idx" ON "Action"("boardId", "status", "dueAt", "createdAt");

-- DropIndex
DROP INDEX "Action_workspaceId_status_dueAt_idx";

-- DropIndex
DROP INDEX "Action_boardId_status_idx";
