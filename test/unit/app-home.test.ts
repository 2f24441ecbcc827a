import { describe, expect, it } from "vitest";
import type { RiskFlag } from "../../src/domain/risk.ts";
import type { Home } from "../../src/services/home.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildAppHome } from "../../src/slack/views/app-home.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { everyRule } from "../support/rows.ts";

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
    keyClients: {
      items: Array.from({ length: 10 }, (_, i) => ({ id: `k${i}`, name: hostile, tier: "A", score: 99 - i, nextFollowUp: { dueOn: "2026-11-20", daysLate: 3 } })),
      total: 25,
    },
    topClients: { items: Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, name: hostile, tier: "A", lastTouchOn: "2026-11-20" })), total: 31 },
    // Every rule fires for each of the eight clients shown, of 300 in a risk state.
    risks: {
      items: Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, name: hostile, ownerSlackId: "U0ME", tier: "A" as const, risks: everyRule })),
      clients: 300,
      states: 2100,
    },
    team,
    coverage: { keyClients: 900, covered: 899, percent: 99, mostUncovered: [{ slackId: "U0REP1", uncovered: 1 }] },
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
    expect(json).toContain("…and 15 more: `/client list key`.");
    expect(json).toContain("*Your team's key clients*: 899 of 900 key clients covered (99%), touched within their cadence");
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

  it("says a manager's team coverage in words and a percentage, with who has the most uncovered, or that there is nothing to cover", () => {
    const base = { ...crowdedHome(), role: "manager" as const, operations: null };
    const covered = (coverage: Home["coverage"]) => allText(buildAppHome(EN, { ...base, coverage }));
    expect(covered({ keyClients: 12, covered: 5, percent: 41, mostUncovered: [{ slackId: "U0REP2", uncovered: 4 }, { slackId: "U0REP7", uncovered: 3 }] })).toContain(
      "*Your team's key clients*: 5 of 12 key clients covered (41%), touched within their cadence\nMost uncovered key clients:\n• <@U0REP2>: 4 uncovered\n• <@U0REP7>: 3 uncovered",
    );
    expect(covered({ keyClients: 1, covered: 1, percent: 100, mostUncovered: [] })).toContain("1 of 1 key client covered (100%), touched within their cadence\nEvery key client on the team is covered.");
    expect(covered({ keyClients: 0, covered: 0, percent: null, mostUncovered: [] })).toContain("*Your team's key clients*: none.");
    expect(covered(null)).not.toContain("Your team's key clients");
  });

  it("lists key clients with their next follow-up, or says none is set, and none at all in words", () => {
    const home = crowdedHome();
    const keyClients = { items: [{ id: "k", name: "Keel & Co", tier: "A", score: 88, nextFollowUp: null }], total: 1 };
    const text = allText(buildAppHome(EN, { ...home, keyClients }));
    expect(text).toContain("*Your key clients* (1), highest score first\n• *Keel &amp; Co* · tier A · score 88 · no follow-up set");
    expect(text).not.toContain("…and 0 more");
    expect(allText(buildAppHome(EN, { ...home, keyClients: { items: [], total: 0 } }))).toContain("*Your key clients*: none.");
  });

  it("shows the help alone when there is no data to show", () => {
    const view = buildAppHome(EN);
    expect(JSON.stringify(view.blocks)).toContain("/tier <client>");
    expect(blockKitProblems(view)).toEqual([]);
  });
});
