-- Why a risk state ended (a ClearCause as JSON), so the note says "back to normal" only when it was resolved.
-- AlterTable
ALTER TABLE "RiskFlag" ADD COLUMN "clearCause" TEXT;
