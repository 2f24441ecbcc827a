/** Store rows for view tests: a client and a touch with every field set, overridable field by field. */
import type { RiskFlag } from "../../src/domain/risk.ts";
import type { ClientRow } from "../../src/store/clients.ts";
import type { InteractionRow } from "../../src/store/interactions.ts";

export const OWNER = "U0OWNER01";
export const REP = "U0REP0001";

export function clientRow(overrides: Partial<ClientRow> = {}): ClientRow {
  return {
    id: "clh0000000000000000000001",
    createdAt: new Date("2021-03-10T00:00:00Z"),
    name: "Acme Power",
    nameKey: "acme power",
    ownerSlackId: OWNER,
    annualRevenue: 2_400_000,
    relationshipSince: new Date("2021-03-10T00:00:00Z"),
    relationshipType: "strategic-cooperative",
    lifecycleStage: "active",
    riskLevel: "medium",
    industry: "energy",
    region: "East China",
    satisfaction: 70,
    cadenceDays: null,
    score: 73,
    tier: "B",
    tierOverride: null,
    tierOverrideReason: null,
    lastTouchAt: new Date("2026-06-01T09:30:00Z"),
    archivedAt: null,
    ...overrides,
  };
}

let interactionCounter = 0;
export function interactionRow(overrides: Partial<InteractionRow> = {}): InteractionRow {
  interactionCounter += 1;
  return {
    id: `int${String(interactionCounter).padStart(22, "0")}`,
    clientId: "clh0000000000000000000001",
    repSlackId: REP,
    type: "call",
    occurredAt: new Date("2026-06-01T09:30:00Z"),
    summary: "Discussed the Q3 renewal; they want a site visit.",
    sentiment: "positive",
    nextFollowUpOn: null,
    source: "slash",
    permalink: null,
    ...overrides,
  };
}

/** Every risk rule firing at once, with the longest reasons they can have: for views held to Block Kit's limits. */
export const everyRule: RiskFlag[] = [
  { rule: "overdue", days: 1000, dueOn: "2024-02-27" },
  { rule: "silence", days: 1000, cadenceDays: 14, neverTouched: false },
  { rule: "negative", touchType: "meeting", on: "2026-11-20" },
  { rule: "satisfaction", satisfaction: 10, below: 90 },
  { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: "2026-01-05" },
  { rule: "lifecycle" },
  { rule: "concentration", sharePercent: 95, limitPercent: 30 },
];
