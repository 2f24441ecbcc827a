/**
 * The store's side of a workspace's life: installations (installer made admin, reinstall), removal (once), payload
 * claims (once per key, given back on failure, pruned), and a purge that deletes that workspace's rows only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { requestGuard } from "../../src/services/request-guard.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const logger = createLogger("silent");
const AT = new Date("2026-11-23T10:00:00Z");
let database: TestDatabase;
let store: Store;
let db: Db;

const installation = (workspaceId: string, installerId: string, botToken: string) => ({
  workspaceId,
  workspaceName: `${workspaceId} Inc`,
  enterpriseId: null,
  appId: "A0APP",
  botToken,
  botId: "B0BOT",
  botUserId: "U0BOT",
  botScopes: ["commands", "chat:write"],
  installerId,
});

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, logger);
  db = createPrismaClient(database.target);
});

afterAll(async () => {
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

describe("installations", () => {
  it("stores an installation, makes its installer an admin, and replaces it on a reinstall", async () => {
    await store.installations.save(installation("T0ONE", "U0FIRST", "xoxb-one-a"), AT);
    expect(await store.users.find("T0ONE", "U0FIRST")).toMatchObject({ role: "admin" });
    await store.installations.save(installation("T0ONE", "U0SECOND", "xoxb-one-b"), new Date(AT.getTime() + 1000));
    expect(await store.installations.find("T0ONE")).toMatchObject({ botToken: "xoxb-one-b", installerId: "U0SECOND", botScopes: ["commands", "chat:write"] });
    expect(await store.installations.botToken("T0ONE")).toBe("xoxb-one-b");
    expect(await store.workspaces.find("T0ONE")).toMatchObject({ name: "T0ONE Inc", installerId: "U0SECOND", uninstalledAt: null });
    expect((await store.audit.forEntity("T0ONE", "workspace", "T0ONE", 10)).filter((a) => a.action === "app.install")).toHaveLength(2);
  });

  it("removes an installation once, and says whether anything changed", async () => {
    expect(await store.installations.remove("T0ONE", "app_uninstalled", AT)).toBe(true);
    expect(await store.installations.remove("T0ONE", "tokens_revoked", AT)).toBe(false);
    expect(await store.installations.remove("T0NEVER", "app_uninstalled", AT)).toBe(false);
    expect(await store.installations.botToken("T0ONE")).toBeUndefined();
    expect(await store.workspaces.installedIds()).not.toContain("T0ONE");
    expect(await store.workspaces.find("T0NEVER")).toBeNull();
  });
});

describe("payload claims", () => {
  it("claims a key once per workspace, gives it back, and prunes old ones", async () => {
    let now = AT;
    const guard = requestGuard({ store, clock: { now: () => now } });
    expect(await guard.claim("T0ONE", "event:Ev1")).toBe(true);
    expect(await guard.claim("T0ONE", "event:Ev1")).toBe(false);
    expect(await guard.claim("T0TWO", "event:Ev1")).toBe(true);
    await guard.release("T0ONE", "event:Ev1");
    expect(await guard.claim("T0ONE", "event:Ev1")).toBe(true);
    now = new Date(AT.getTime() + 2 * 24 * 3600 * 1000);
    expect(await store.processedRequests.prune(new Date(now.getTime() - 24 * 3600 * 1000))).toBe(2);
    expect(await guard.claim("T0ONE", "event:Ev1")).toBe(true);
  });
});

describe("purge", () => {
  it("deletes every row of one workspace in one go and counts them; other workspaces keep theirs", async () => {
    for (const team of ["T0GONE", "T0KEPT"]) {
      await store.installations.save(installation(team, `U0${team.slice(2)}ADMIN`, `xoxb-${team}`), AT);
      await store.users.saveRole(team, "U0REP", "rep", null);
      await store.audit.record(team, { actorSlackId: "cli", action: "import.clients", entity: "import" });
      await store.outbox.enqueue(team, { kind: "nudge", recipient: "U0REP", period: "2026-11-23", payload: { text: "hi" } });
      await store.processedRequests.claim(team, "event:EvP", AT);
    }
    const counts = await store.workspaces.purge("T0GONE");
    expect(counts).toMatchObject({ workspaces: 1, installations: 1, users: 2, auditEntries: 2, outboundMessages: 1, processedRequests: 1, clients: 0 });
    expect(await store.workspaces.find("T0GONE")).toBeNull();
    expect(await store.users.list("T0GONE")).toEqual([]);
    expect(await store.installations.find("T0GONE")).toBeNull();
    expect((await store.users.list("T0KEPT")).length).toBe(2);
    expect(await store.installations.botToken("T0KEPT")).toBe("xoxb-T0KEPT");
    expect(Object.values(await store.workspaces.purge("T0GONE")).every((n) => n === 0)).toBe(true);
    expect(await store.processedRequests.claim("T0GONE", "event:EvP", AT)).toBe(true);
  });
});

describe("contacts, credit calendar and deals", () => {
  /** One client with a contact named on a touch, a calendar event and a deal moved once: a row in each new table. */
  async function clientWithEverything(team: string, name: string) {
    await db.workspace.upsert({ where: { id: team }, create: { id: team }, update: {} });
    const client = await db.client.create({ data: { workspaceId: team, name, nameKey: name.toLowerCase() } });
    const contact = await db.contact.create({ data: { workspaceId: team, clientId: client.id, name: "Li Wei", nameKey: "li wei", role: "finance" } });
    const occurredAt = new Date("2026-11-20T08:00:00Z");
    const touch = await db.interaction.create({ data: { workspaceId: team, clientId: client.id, repSlackId: "U0REP", type: "call", occurredAt, summary: "terms" } });
    await db.interactionContact.create({ data: { workspaceId: team, interactionId: touch.id, contactId: contact.id, clientId: client.id, occurredAt } });
    await db.clientEvent.create({ data: { workspaceId: team, clientId: client.id, kind: "covenant-test", firstOn: new Date("2026-12-31T00:00:00Z"), recurrence: "quarterly", nextOn: new Date("2026-12-31T00:00:00Z") } });
    const deal = await db.deal.create({ data: { workspaceId: team, clientId: client.id, name: "Term loan", nameKey: "term loan", amount: 50_000_000, currency: "CNY" } });
    await db.dealStageChange.create({ data: { workspaceId: team, dealId: deal.id, fromStage: "lead", toStage: "mandate" } });
    return client;
  }

  it("go with their client when it is deleted, and a purge counts each kind", async () => {
    const doomed = await clientWithEverything("T0CED", "Doomed Wind");
    await db.client.delete({ where: { id: doomed.id } });
    const left = await Promise.all([db.contact.count(), db.interactionContact.count(), db.clientEvent.count(), db.deal.count(), db.dealStageChange.count()]);
    expect(left).toEqual([0, 0, 0, 0, 0]);

    await clientWithEverything("T0CED", "Purged Solar");
    await clientWithEverything("T0CEDKEPT", "Kept Hydro");
    const counts = await store.workspaces.purge("T0CED");
    expect(counts).toMatchObject({ contacts: 1, interactionContacts: 1, clientEvents: 1, deals: 1, dealStageChanges: 1, interactions: 1, clients: 1 });
    expect(await db.contact.count({ where: { workspaceId: "T0CEDKEPT" } })).toBe(1);
    expect(await db.deal.count({ where: { workspaceId: "T0CEDKEPT" } })).toBe(1);
  });

  it("keep one contact and one deal per name at a client, and one event per kind and date", async () => {
    const client = await db.client.findFirstOrThrow({ where: { workspaceId: "T0CEDKEPT" } });
    await expect(db.contact.create({ data: { workspaceId: "T0CEDKEPT", clientId: client.id, name: "LI WEI", nameKey: "li wei" } })).rejects.toThrow();
    await expect(db.deal.create({ data: { workspaceId: "T0CEDKEPT", clientId: client.id, name: "Term Loan", nameKey: "term loan" } })).rejects.toThrow();
    await expect(db.clientEvent.create({ data: { workspaceId: "T0CEDKEPT", clientId: client.id, kind: "covenant-test", firstOn: new Date("2026-12-31T00:00:00Z") } })).rejects.toThrow();
  });
});
