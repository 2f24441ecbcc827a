import { describe, expect, it } from "vitest";
import type { Home } from "../../src/services/home.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildAppHome } from "../../src/slack/views/app-home.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";

const EN = messagesFor("en");
const hostile = `<!channel> ${"名".repeat(190)} &amp; <@U999>`;
const team = Array.from({ length: 45 }, (_, i) => ({ slackId: `U0REP${i}`, overdue: i }));

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
    risks: Array.from({ length: 10 }, (_, i) => ({
      id: `r${i}`,
      clientId: `c${i}`,
      rule: "silence",
      reason: "no touch for 96 days, cadence 30",
      details: null,
      openedAt: new Date(),
      clearedAt: null,
      client: { id: `c${i}`, name: hostile, ownerSlackId: "U0ME" },
    })),
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
  });

  it("shows the help alone when there is no data to show", () => {
    const view = buildAppHome(EN);
    expect(JSON.stringify(view.blocks)).toContain("/tier <client>");
    expect(blockKitProblems(view)).toEqual([]);
  });
});
