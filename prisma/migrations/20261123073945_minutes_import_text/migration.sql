-- AlterTable
ALTER TABLE "MinutesImport" ADD COLUMN     "sourceText" TEXT;
