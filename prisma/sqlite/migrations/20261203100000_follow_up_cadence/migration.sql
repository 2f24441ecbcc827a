-- The cadence a follow-up from cadence was set with: when the client's effective cadence changes (a tier move, its
-- relationship type or own cadence, the rules file), the follow-up is re-dated by the difference, from the same day.
-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN "cadenceDays" INTEGER;
