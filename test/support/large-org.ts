/**
 * A large organisation for the tests at scale: by default 25 managers of 200 reps each (5,000 reps), a few admins
 * and 100,000 clients, written straight into the store with bulk SQL (insertRows: one statement per 5,000 rows), as
 * a CSV import would take minutes. Deterministic: client i belongs to rep i % reps (so the first `reps` clients
 * cover every rep), and the generated rows are returned for the tests to work out what to expect.
 * Client names get no search tails (ClientNameTail): these tests never look a client up by name.
 */
import { addDays } from "../../src/domain/cadence.ts";
import { insertRows, newId } from "../../src/store/bulk.ts";
import type { DatabaseTarget } from "../../src/store/database-url.ts";
import { dateToDb } from "../../src/store/dates.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";

export const managerId = (m: number) => `U0MGR${String(m).padStart(3, "0")}`;
export const repId = (r: number) => `U0REP${String(r).padStart(5, "0")}`;
export const adminId = (a: number) => `U0ADM${String(a).padStart(2, "0")}`;

export interface OrgClient {
  id: string;
  index: number;
  name: string;
  nameKey: string;
  ownerSlackId: string;
  tier: "A" | "B" | "C";
  score: number;
  annualRevenue: number;
  relationshipSince: Date;
  cadenceDays: number;
  satisfaction: number | null;
  lastTouchAt: Date;
  /** The follow-up's due day (YYYY-MM-DD), or none. */
  followUpDueOn: string | null;
}

export interface OrgPerson {
  slackId: string;
  role: "rep" | "manager" | "admin";
  managerSlackId: string | null;
}

export interface LargeOrgOptions {
  workspaceId: string;
  /** The day the data is laid out around (YYYY-MM-DD): touches before it, follow-ups around it. */
  asOf: string;
  /** Reps per manager, one entry per manager (default 25 of 200). */
  teams?: readonly number[];
  admins?: number;
  clients?: number;
  /** Changes to client i's defaults (see baseClient). */
  client?: (client: OrgClient) => Partial<Omit<OrgClient, "id" | "index" | "ownerSlackId">>;
}

export interface LargeOrg {
  people: OrgPerson[];
  reps: string[];
  managers: string[];
  admins: string[];
  clients: OrgClient[];
  /** Each manager's reports, in Slack id order. */
  reportsOf: Map<string, string[]>;
}

const at = (day: string) => dateToDb(day);

/**
 * Client i by default: tier A (one in ten), B (three in ten) or C, with distinct-looking scores; a key client one in
 * fifty (revenue of 2M and more, since 2012), every other under the key-client revenue; cadence 90 days and no
 * satisfaction, so that only the rules a test sets up fire; last touched 5-24 days before `asOf` (one in a hundred
 * 120 days before: a key client of those is not covered); a follow-up due 20 days before to 19 days after `asOf`.
 */
function baseClient(index: number, owner: string, asOf: string): OrgClient {
  const tier = index % 10 === 0 ? "A" : index % 10 <= 3 ? "B" : "C";
  const key = index % 50 === 0;
  const name = `Org Client ${String(index).padStart(6, "0")}`;
  return {
    id: newId(),
    index,
    name,
    nameKey: name.toLowerCase(),
    ownerSlackId: owner,
    tier,
    score: tier === "A" ? 75 + ((index * 7) % 25) : tier === "B" ? 45 + ((index * 7) % 30) : (index * 7) % 45,
    annualRevenue: key ? 2_000_000 + index : 10_000 + (index % 900) * 100,
    relationshipSince: at(key ? "2012-01-01" : "2025-06-01"),
    cadenceDays: 90,
    satisfaction: null,
    lastTouchAt: at(addDays(asOf, index % 100 === 0 ? -120 : -(5 + (index % 20)))),
    followUpDueOn: addDays(asOf, (index % 40) - 20),
  };
}

/** Writes rows of one table in one transaction, a chunk per statement. */
export async function bulkInsert(db: Db, target: DatabaseTarget, table: string, rows: readonly Record<string, string | number | boolean | Date | null>[]): Promise<void> {
  await db.$transaction((tx) => insertRows(tx, target.provider, table, rows), { maxWait: 10_000, timeout: 120_000 });
}

/** Builds the organisation in `options.workspaceId` (which must exist), through a Prisma client of its own. */
export async function insertLargeOrg(target: DatabaseTarget, options: LargeOrgOptions): Promise<LargeOrg> {
  const { workspaceId, asOf } = options;
  const teams = options.teams ?? Array.from({ length: 25 }, () => 200);
  const people: OrgPerson[] = [];
  const reportsOf = new Map<string, string[]>();
  const reps: string[] = [];
  teams.forEach((size, m) => {
    people.push({ slackId: managerId(m), role: "manager", managerSlackId: null });
    const team: string[] = [];
    for (let k = 0; k < size; k++) {
      const rep = repId(reps.length);
      reps.push(rep);
      team.push(rep);
      people.push({ slackId: rep, role: "rep", managerSlackId: managerId(m) });
    }
    reportsOf.set(managerId(m), team);
  });
  const admins = Array.from({ length: options.admins ?? 3 }, (_, a) => adminId(a));
  for (const admin of admins) people.push({ slackId: admin, role: "admin", managerSlackId: null });

  const clients = Array.from({ length: options.clients ?? 100_000 }, (_, i) => {
    const base = baseClient(i, reps[i % reps.length]!, asOf);
    return { ...base, ...options.client?.(base) };
  });

  const db = createPrismaClient(target);
  try {
    const created = at(addDays(asOf, -400));
    await bulkInsert(
      db,
      target,
      "User",
      people.map((p) => ({ id: newId(), workspaceId, slackId: p.slackId, role: p.role, managerSlackId: p.managerSlackId, active: true, createdAt: created, updatedAt: created })),
    );
    await bulkInsert(
      db,
      target,
      "Client",
      clients.map((c) => ({
        id: c.id,
        workspaceId,
        name: c.name,
        nameKey: c.nameKey,
        ownerSlackId: c.ownerSlackId,
        annualRevenue: c.annualRevenue,
        relationshipSince: c.relationshipSince,
        relationshipType: "transactional-standard",
        lifecycleStage: "active",
        riskLevel: "low",
        satisfaction: c.satisfaction,
        cadenceDays: c.cadenceDays,
        score: c.score,
        tier: c.tier,
        lastTouchAt: c.lastTouchAt,
        createdAt: created,
        updatedAt: created,
      })),
    );
    await bulkInsert(
      db,
      target,
      "FollowUp",
      clients.flatMap((c) =>
        c.followUpDueOn === null ? [] : [{ id: newId(), workspaceId, clientId: c.id, dueOn: at(c.followUpDueOn), basis: "cadence", createdAt: created, updatedAt: created }],
      ),
    );
  } finally {
    await db.$disconnect();
  }
  return { people, reps, managers: teams.map((_, m) => managerId(m)), admins, clients, reportsOf };
}
