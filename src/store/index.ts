/** The store: one repository per aggregate over one Prisma client. Only this folder imports Prisma. */
import { auditRepository } from "./audit.ts";
import { clientRepository } from "./clients.ts";
import { digestInputRepository } from "./digest-inputs.ts";
import { followUpRepository } from "./follow-ups.ts";
import { installationRepository } from "./installations.ts";
import { interactionRepository } from "./interactions.ts";
import { jobRunRepository } from "./job-runs.ts";
import { outboxRepository } from "./outbox.ts";
import { pingStore, type Db } from "./prisma.ts";
import { processedRequestRepository } from "./processed-requests.ts";
import { riskFlagRepository } from "./risk-flags.ts";
import { riskInputRepository } from "./risk-inputs.ts";
import { userRepository } from "./users.ts";
import { workspaceRepository } from "./workspaces.ts";

export function createStore(db: Db) {
  return {
    workspaces: workspaceRepository(db),
    installations: installationRepository(db),
    users: userRepository(db),
    clients: clientRepository(db),
    interactions: interactionRepository(db),
    followUps: followUpRepository(db),
    audit: auditRepository(db),
    jobRuns: jobRunRepository(db),
    outbox: outboxRepository(db),
    riskFlags: riskFlagRepository(db),
    riskInputs: riskInputRepository(db),
    digestInputs: digestInputRepository(db),
    processedRequests: processedRequestRepository(db),
    ping: () => pingStore(db),
    close: () => db.$disconnect(),
  };
}
export type Store = ReturnType<typeof createStore>;
