/**
 * Follow-ups follow the cadence: a client that moves tier (by import, by the edit form's override, by `rescore`
 * under a new rules file) gets its follow-up from cadence re-dated from the same touch day; a follow-up someone set
 * (`next:`) stays. The card says which. Through signed HTTP and the importer, on both stores.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES, rulesSchema } from "../../src/domain/rules.ts";
import { importService } from "../../src/services/imports.ts";
import { rescoreService } from "../../src/services/rescore.ts";
import { dateFromDb } from "../../src/store/dates.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

// Monday 23 Nov 2026, 09:00 in Shanghai: the rep's day is a day after the UTC day of a touch logged before 08:00.
const NOW = new Date("2026-11-23T01:00:00Z");
const clock = { now: () => NOW };
const REP = "U0CADENCE";
const HEADER = "name,owner,annual_revenue,relationship_since,relationship_type,lifecycle_stage,risk_level,industry,region,satisfaction,cadence_days";
// Tier A (cadence 14) until the revenue is cut to 50,000: then tier B (cadence 30).
const clientRow = (name: string, revenue: number) => `${name},${REP},${revenue},2012-05-01,,mature,low,energy,Hubei,95,`;
let t: TestBot;

const importClients = (rows: string[]) =>
  importService({ store: t.bot.services.store, rules: DEFAULT_RULES, clock }).importCsv("clients", TEST_TEAM, Readable.from([[HEADER, ...rows].join("\n")]), { fileName: "clients.csv" });

async function followUpOf(name: string) {
  const { store } = t.bot.services;
  const client = (await store.clients.list(TEST_TEAM, {}, 100)).items.find((c) => c.name === name)!;
  const followUp = await store.followUps.forClient(TEST_TEAM, client.id);
  return followUp ? { dueOn: dateFromDb(followUp.dueOn), basis: followUp.basis } : null;
}

async function card(name: string) {
  const reply = await t.slack.command("/tier", name, { userId: REP });
  expect(reply.status).toBe(200);
  return allText(asEphemeral(reply.json));
}

beforeAll(async () => {
  t = await startTestBot({ clock });
  t.emulator.setUser(REP, { tz: "Asia/Shanghai" });
  expect(await importClients([clientRow("Mekong Hydro Consortium", 20_000_000), clientRow("Pearl Delta Ports", 20_000_000)])).toMatchObject({ imported: 2 });
  // The rep's Monday morning: a touch from the cadence, and one with a date set by the rep.
  for (const text of ["Mekong Hydro Consortium call Reviewed the timetable", "Pearl Delta Ports call Agreed next steps next:2026-12-10"]) {
    const reply = await t.slack.command("/log", text, { userId: REP });
    expect(allText(asEphemeral(reply.json))).toMatch(/Logged a call/);
  }
});

afterAll(async () => {
  await t?.stop();
});

describe("follow-ups follow the cadence", () => {
  it("starts one cadence (tier A: 14 days) after the rep's day, and says where each date comes from", async () => {
    expect(await followUpOf("Mekong Hydro Consortium")).toEqual({ dueOn: "2026-12-07", basis: "cadence" });
    expect(await followUpOf("Pearl Delta Ports")).toEqual({ dueOn: "2026-12-10", basis: "logged" });
    expect(await card("Mekong Hydro Consortium")).toMatch(/Mon 7 Dec 2026 \(in 14 days; from the cadence\)/);
    expect(await card("Pearl Delta Ports")).toMatch(/Thu 10 Dec 2026 \(in 17 days; set on a logged touch\)/);
  });

  it("an import that moves the client to tier B re-dates the cadence follow-up from the same day, and keeps the one set", async () => {
    expect(await importClients([clientRow("Mekong Hydro Consortium", 50_000), clientRow("Pearl Delta Ports", 50_000)])).toMatchObject({ imported: 2, updated: 2 });
    const shown = await card("Mekong Hydro Consortium");
    expect(shown).toContain("cadence 30 days");
    // 23 Nov (the rep's day, not the UTC 22nd) + 30 days.
    expect(await followUpOf("Mekong Hydro Consortium")).toEqual({ dueOn: "2026-12-23", basis: "cadence" });
    expect(shown).toMatch(/Wed 23 Dec 2026 \(in 30 days; from the cadence\)/);
    expect(await followUpOf("Pearl Delta Ports")).toEqual({ dueOn: "2026-12-10", basis: "logged" });
  });

  it("an override to tier C in the edit form re-dates it again (cadence 90), the one set still kept", async () => {
    const { store, records } = t.bot.services;
    const client = (await store.clients.list(TEST_TEAM, {}, 100)).items.find((c) => c.name === "Mekong Hydro Consortium")!;
    const saved = await records.edit({ workspaceId: TEST_TEAM, userId: REP }, client.id, { ...client, tierOverride: "C", tierOverrideReason: "winding down" });
    expect(saved.kind).toBe("saved");
    expect(await followUpOf("Mekong Hydro Consortium")).toEqual({ dueOn: "2027-02-21", basis: "cadence" });
    // Back to the computed tier (B, 30 days) for the next case.
    await records.edit({ workspaceId: TEST_TEAM, userId: REP }, client.id, { ...client, tierOverride: null, tierOverrideReason: null });
    expect(await followUpOf("Mekong Hydro Consortium")).toEqual({ dueOn: "2026-12-23", basis: "cadence" });
  });

  it("a rules file with a new tier B cadence takes effect at the next rescore, for the cadence follow-up only", async () => {
    const rules = rulesSchema.parse({ cadence: { byTier: { A: 14, B: 21, C: 90 }, byRelationshipType: {} } });
    const stats = await rescoreService({ store: t.bot.services.store, rules }).rescore(TEST_TEAM, NOW);
    expect(stats.followUpsRedated).toBe(1);
    expect(await followUpOf("Mekong Hydro Consortium")).toEqual({ dueOn: "2026-12-14", basis: "cadence" });
    expect(await followUpOf("Pearl Delta Ports")).toEqual({ dueOn: "2026-12-10", basis: "logged" });
    // Nothing changes when run again.
    expect((await rescoreService({ store: t.bot.services.store, rules }).rescore(TEST_TEAM, NOW)).followUpsRedated).toBe(0);
  });
});
