-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "requestKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Action_workspaceId_requestKey_key" ON "Action"("workspaceId", "requestKey");
