-- A risk state's reason as the rule's numbers and dates (JSON), so readers see it in their language (src/domain/risk.ts).
-- AlterTable
ALTER TABLE "RiskFlag" ADD COLUMN     "details" TEXT;
