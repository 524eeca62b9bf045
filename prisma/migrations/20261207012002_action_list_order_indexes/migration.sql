-- Lists read a page soonest due first, ties oldest first. With createdAt in the index the page
-- is read in index order and stops at its end; without it every action due the same day (a
-- vague date such as "end of June" falls on one) was joined to its owners and events, then sorted.
-- The new indexes are made before the old ones go, so no moment is left without one.

-- CreateIndex
CREATE INDEX "Action_workspaceId_status_dueAt_createdAt_idx" ON "Action"("workspaceId", "status", "dueAt", "createdAt");

-- CreateIndex
CREATE INDEX "Action_boardId_status_dueAt_createdAt_idx" ON "Action"("boardId", "status", "dueAt", "createdAt");

-- DropIndex
DROP INDEX "Action_workspaceId_status_dueAt_idx";

-- DropIndex
DROP INDEX "Action_boardId_status_idx";
