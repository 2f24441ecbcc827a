import { describe, expect, it } from "vitest";
import type { RiskFlag } from "../../src/domain/risk.ts";
import type { Home } from "../../src/services/home.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildAppHome } from "../../src/slack/views/app-home.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";

const EN = messagesFor("en");
const hostile = `<!channel> ${"名".repeat(190)} &amp; <@U999>`;
const team = Array.from({ length: 45 }, (_, i) => ({ slackId: `U0REP${i}`, overdue: i }));

const everyRule: RiskFlag[] = [
  { rule: "overdue", days: 1000, dueOn: "2024-02-27" },
  { rule: "silence", days: 1000, cadenceDays: 14, neverTouched: false },
  { rule: "negative", touchType: "meeting", on: "2026-11-20" },
  { rule: "satisfaction", satisfaction: 10, below: 90 },
  { rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: "2026-01-05" },
  { rule: "lifecycle" },
  { rule: "concentration", sharePercent: 95, limitPercent: 30 },
];

function crowdedHome(): Home {
  return {
    role: "admin",
    today: "2026-11-23",
    followUps: {
      kind: "list",
      ownerId: "U0ME",
      isSelf: true,
      today: "2026-11-23",
      items: Array.from({ length: 20 }, (_, i) => ({ clientId: `c${i}`, clientName: hostile, tier: "A", dueOn: "2026-11-20", daysLate: 3 })),
      more: 12,
    },
    topClients: { items: Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, name: hostile, tier: "A", lastTouchOn: "2026-11-20" })), total: 31 },
    // Every rule fires for each of the eight clients shown, of 300 in a risk state.
    risks: {
      items: Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, name: hostile, ownerSlackId: "U0ME", tier: "A" as const, risks: everyRule })),
      clients: 300,
      states: 2100,
    },
    team,
    operations: { failures: [], waiting: { retry: 0, nextRetryAt: null, due: 0, sending: 0 }, jobRuns: [] },
  };
}

describe("buildAppHome", () => {
  it("keeps a crowded tab within Slack's limits and escapes every name", () => {
    const view = buildAppHome(EN, crowdedHome());
    expect(blockKitProblems(view)).toEqual([]);
    expect(mentionProblems(view, team.map((m) => m.slackId))).toEqual([]);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain("…and 12 more. `/followups` lists them.");
    expect(json).toContain("…and 21 more: `/client list A`.");
    expect(json).toContain("…and 15 more.");
    // Whole clients: the first client's seven states fill the list, and the other 299 clients are counted.
    expect(json).toContain("*Risks on your clients*: 2100 risk states on 300 clients");
    expect(json.match(/lifecycle stage is at-risk/g)).toHaveLength(1);
    expect(json).toContain("…and 299 more clients in a risk state: `/client list mine` shows each one's risks");
  });

  it("lists the risk states by client, most first, as many whole clients as fit ten lines", () => {
    const two: RiskFlag[] = [{ rule: "lifecycle" }, { rule: "satisfaction", satisfaction: 60, below: 90 }];
    const home = { ...crowdedHome(), risks: { items: Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, name: `Client ${i}`, ownerSlackId: "U0ME", tier: "B" as const, risks: two })), clients: 8, states: 16 } };
    const text = allText(buildAppHome(EN, home));
    expect(text).toContain("*Risks on your clients*: 16 risk states on 8 clients\n• *Client 0*: lifecycle at-risk, lifecycle stage is at-risk\n• *Client 0*: low satisfaction, satisfaction 60, below 90\n• *Client 1*:");
    expect(text).toContain("• *Client 4*: low satisfaction");
    expect(text).not.toContain("Client 5");
    expect(text).toContain("…and 3 more clients in a risk state");
  });

  it("shows the help alone when there is no data to show", () => {
    const view = buildAppHome(EN);
    expect(JSON.stringify(view.blocks)).toContain("/tier <client>");
    expect(blockKitProblems(view)).toEqual([]);
  });
});
