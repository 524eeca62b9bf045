-- AlterTable
ALTER TABLE "ExtensionRequest" ADD COLUMN     "approverMessages" JSONB;
