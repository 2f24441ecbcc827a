/** The store: one repository per aggregate over one Prisma client. Only this folder imports Prisma. */
import { auditRepository } from "./audit.ts";
import { clientRepository } from "./clients.ts";
import { followUpRepository } from "./follow-ups.ts";
import { interactionRepository } from "./interactions.ts";
import { jobRunRepository } from "./job-runs.ts";
import { outboxRepository } from "./outbox.ts";
import { pingStore, type Db } from "./prisma.ts";
import { userRepository } from "./users.ts";
import type { DatabaseTarget } from "./database-url.ts";
import { workspaceRepository } from "./workspaces.ts";

/** `provider` picks the dialect of the few set-based statements Prisma cannot express. */
export function createStore(db: Db, provider: DatabaseTarget["provider"]) {
  return {
    workspaces: workspaceRepository(db),
    users: userRepository(db),
    clients: clientRepository(db, provider),
    interactions: interactionRepository(db, provider),
    followUps: followUpRepository(db, provider),
    audit: auditRepository(db),
    jobRuns: jobRunRepository(db),
    outbox: outboxRepository(db),
    ping: () => pingStore(db),
    close: () => db.$disconnect(),
  };
}
export type Store = ReturnType<typeof createStore>;
