-- AlterTable
ALTER TABLE "MinutesImport" ADD COLUMN     "readAttempts" INTEGER NOT NULL DEFAULT 0;
