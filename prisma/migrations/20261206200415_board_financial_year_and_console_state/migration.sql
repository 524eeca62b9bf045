-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "financialYearStartMonth" INTEGER NOT NULL DEFAULT 4;

-- CreateTable
CREATE TABLE "ConsoleState" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsoleState_pkey" PRIMARY KEY ("key")
);
