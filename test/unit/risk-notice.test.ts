import { describe, expect, it } from "vitest";
import { buildRiskNotice, type RiskNoticeItem } from "../../src/slack/views/risk-alert.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";

const hostile = `<!channel> ${"名".repeat(190)} &amp; <@U999>`;
const item = (i: number, overrides: Partial<RiskNoticeItem> = {}): RiskNoticeItem => ({
  clientId: `c${i}`,
  clientName: `Client ${i}`,
  ownerSlackId: "U0OWNER",
  tier: "A",
  rule: "silence",
  reason: "no touch for 96 days, cadence 30",
  change: "entered",
  ...overrides,
});

describe("buildRiskNotice", () => {
  it("groups a client's rules in one block, with a Log button", () => {
    const message = buildRiskNotice([item(1), item(1, { rule: "overdue", reason: "follow-up overdue by 5 days (due 2026-11-18)" })], false);
    expect(message.blocks).toHaveLength(2);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain("*Gone quiet*: no touch for 96 days, cadence 30");
    expect(json).toContain("*Follow-up overdue*: follow-up overdue by 5 days");
    expect(json).toContain('"action_id":"log_open","value":"c1"');
    expect(message.text).toBe("Risk: Client 1 (gone quiet, follow-up overdue)");
  });

  it("stays within Slack's limits for a flood of hostile names, naming owners in the channel and counting the rest", () => {
    const items = [
      ...Array.from({ length: 120 }, (_, i) => item(i, { clientName: hostile })),
      ...Array.from({ length: 40 }, (_, i) => item(1000 + i, { clientName: hostile, change: "left", ownerSlackId: null })),
    ];
    for (const forChannel of [false, true]) {
      const message = buildRiskNotice(items, forChannel);
      expect(blockKitProblems(message)).toEqual([]);
      expect(mentionProblems(message, ["U0OWNER"])).toEqual([]);
      const json = JSON.stringify(message.blocks);
      expect(json).toContain("…and 75 more.");
      expect(json).toContain("…and 30 more back to normal.");
      expect(json.includes("<@U0OWNER>")).toBe(forChannel);
    }
  });
});
