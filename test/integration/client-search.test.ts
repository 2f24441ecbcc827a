/**
 * Client lookup through the indexed name tails: a name is found by the start of any of its words (several words
 * too), archived clients are not, and imported clients are found like added ones. No scan of every name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { clientNameKey } from "../../src/domain/text.ts";
import type { ClientFields } from "../../src/store/clients.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const TEAM = "T0SEARCH";
const OTHER = "T0SEARCH2";
let database: TestDatabase;
let store: Store;

const fields = (name: string): ClientFields => ({
  name,
  nameKey: clientNameKey(name),
  ownerSlackId: "U0REP",
  annualRevenue: null,
  relationshipSince: null,
  relationshipType: null,
  lifecycleStage: null,
  riskLevel: null,
  industry: null,
  region: null,
  satisfaction: null,
  cadenceDays: null,
  tierOverride: null,
  tierOverrideReason: null,
  score: 0,
  tier: "C",
});

const names = async (fragment: string) => (await store.clients.search(TEAM, clientNameKey(fragment), 26)).map((c) => c.name);

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, createLogger("silent"));
  await store.workspaces.ensure(TEAM);
  await store.workspaces.ensure(OTHER);
  for (const name of ["Acme Trading Co", "Trading Partners", "Zeta Acme Holdings", "Old Acme Works", "华能国际电力"]) {
    await store.clients.create(TEAM, fields(name), "U0REP", "create");
  }
  await store.clients.create(OTHER, fields("Acme Elsewhere"), "U0REP", "create");
  await store.clients.importBatch(TEAM, { creates: [fields("Imported Acme Rail")], updates: [] }, "cli", "import");
  const old = await store.clients.findByKey(TEAM, "old acme works");
  await store.clients.archive(TEAM, old!.id, new Date());
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe("client search", () => {
  it("finds a name by the start of any word, in name order, in this workspace only, archived ones left out", async () => {
    expect(await names("acme")).toEqual(["Acme Trading Co", "Imported Acme Rail", "Zeta Acme Holdings"]);
    expect(await names("trad")).toEqual(["Acme Trading Co", "Trading Partners"]);
    expect(await names("acme trad")).toEqual(["Acme Trading Co"]);
    expect(await names("华能")).toEqual(["华能国际电力"]);
    expect(await names("cme")).toEqual([]);
  });

  it("lists each client once even when several of its words match", async () => {
    await store.clients.create(TEAM, fields("Delta Delta Delta"), "U0REP", "create");
    expect(await names("delta")).toEqual(["Delta Delta Delta"]);
  });

  it("gives candidate names for suggestions from word starts", async () => {
    const candidates = await store.clients.namesSharing(TEAM, ["ac", "zz"], 200);
    expect(candidates.sort()).toEqual(["Acme Trading Co", "Imported Acme Rail", "Zeta Acme Holdings"]);
  });
});
