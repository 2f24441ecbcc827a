/** The store: one repository per aggregate over one Prisma client. Only this folder imports Prisma. */
import { auditRepository } from "./audit.ts";
import { cardInputRepository } from "./card-inputs.ts";
import { clientRepository } from "./clients.ts";
import { digestInputRepository } from "./digest-inputs.ts";
import { followUpRepository } from "./follow-ups.ts";
import { installationRepository } from "./installations.ts";
import { interactionRepository } from "./interactions.ts";
import { jobRunRepository } from "./job-runs.ts";
import { keyChangeRepository } from "./key-changes.ts";
import { outboxRepository } from "./outbox.ts";
import { pingStore, refreshStatistics, type Database, type ModelTable } from "./prisma.ts";
import { processedRequestRepository } from "./processed-requests.ts";
import { riskFlagRepository } from "./risk-flags.ts";
import { riskInputRepository } from "./risk-inputs.ts";
import { userRepository } from "./users.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { workspaceRepository } from "./workspaces.ts";

/**
 * `provider` picks the dialect of the few set-based statements Prisma cannot express; `sql` is the hot paths' way
 * past Prisma's per-statement cost (direct-sql.ts).
 */
export function createStore({ db, sql }: Database, provider: DatabaseTarget["provider"]) {
  return {
    workspaces: workspaceRepository(db),
    installations: installationRepository(db),
    users: userRepository(db, provider),
    clients: clientRepository(db, sql, provider),
    interactions: interactionRepository(db, sql, provider),
    followUps: followUpRepository(db, sql, provider),
    audit: auditRepository(db),
    jobRuns: jobRunRepository(db),
    keyChanges: keyChangeRepository(db, sql),
    outbox: outboxRepository(db, provider),
    riskFlags: riskFlagRepository(db, sql),
    riskInputs: riskInputRepository(sql, provider),
    digestInputs: digestInputRepository(db, provider),
    cardInputs: cardInputRepository(sql),
    processedRequests: processedRequestRepository(db, sql, provider),
    ping: () => pingStore(db),
    /** After a bulk change (an import, a first risk run): see refreshStatistics. One table, or all. */
    refreshStatistics: (table?: ModelTable) => refreshStatistics(db, { provider }, table),
    close: () => db.$disconnect(),
  };
}
export type Store = ReturnType<typeof createStore>;
