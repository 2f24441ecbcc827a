import { describe, expect, it } from "vitest";
import { riskDetailsJson, type RiskFlag } from "../../src/domain/risk.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildRiskNotice, type RiskNoticeItem } from "../../src/slack/views/risk-alert.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";

const EN = messagesFor("en");
const hostile = `<!channel> ${"名".repeat(190)} &amp; <@U999>`;
const SILENCE: RiskFlag = { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false };
/** A risk state as the store gives it back: its rule, its English reason and its details. */
const stored = (flag: RiskFlag) => ({ rule: flag.rule, reason: EN.risk.reason(flag), details: riskDetailsJson(flag) });
const item = (i: number, overrides: Partial<RiskNoticeItem> = {}): RiskNoticeItem => ({
  clientId: `c${i}`,
  clientName: `Client ${i}`,
  ownerSlackId: "U0OWNER",
  tier: "A",
  ...stored(SILENCE),
  change: "entered",
  ...overrides,
});

describe("buildRiskNotice", () => {
  it("says a resolved state is back to normal, and one whose rule stopped applying ended, not back to normal", () => {
    const meeting = stored({ rule: "key-meeting", quarter: 4, year: 2026, lastMeetingOn: null });
    const items = [
      item(1, { ...stored(SILENCE), change: "left", clearCause: JSON.stringify({ rule: "silence", cause: "touched", on: "2026-11-20" }) }),
      item(2, { ...meeting, clientName: "Mekong Hydro Consortium", change: "left", clearCause: JSON.stringify({ rule: "key-meeting", cause: "not-key" }) }),
      item(3, { ...stored(SILENCE), change: "left", clearCause: null }),
    ];
    const message = buildRiskNotice(EN, items, false);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(":white_check_mark: *Client 1* is back to normal: Gone quiet: a touch was logged on Fri 20 Nov 2026.");
    expect(json).toContain(
      ":information_source: *Mekong Hydro Consortium*: Key client without a meeting this quarter ended: no longer a key client, so the quarterly-meeting rule no longer applies.",
    );
    expect(json).not.toMatch(/Mekong Hydro Consortium\* is back to normal/);
    // A state closed before causes were kept reads as it always did.
    expect(json).toContain(":white_check_mark: *Client 3* is back to normal: gone quiet no longer applies.");
    expect(message.text).toBe("Back to normal: Client 1, Client 3. Risk state ended, not resolved: Mekong Hydro Consortium");
  });


  it("groups a client's rules in one block, with a Log button", () => {
    const message = buildRiskNotice(EN, [item(1), item(1, stored({ rule: "overdue", days: 5, dueOn: "2026-11-18" }))], false);
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
      const message = buildRiskNotice(EN, items, forChannel);
      expect(blockKitProblems(message)).toEqual([]);
      expect(mentionProblems(message, ["U0OWNER"])).toEqual([]);
      const json = JSON.stringify(message.blocks);
      expect(json).toContain("…and 75 more.");
      expect(json).toContain("…and 30 more clients whose risk states ended.");
      expect(json.includes("<@U0OWNER>")).toBe(forChannel);
    }
  });

  it("shows a state recorded without details by its stored English reason", () => {
    const message = buildRiskNotice(EN, [item(1, { reason: "no touch for 96 days, cadence 30 <!here>", details: null })], false);
    expect(JSON.stringify(message.blocks)).toContain("*Gone quiet*: no touch for 96 days, cadence 30 &lt;!here&gt;");
  });
});
