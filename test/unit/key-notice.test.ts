import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { keyStatusFromJson, keyStatusOf } from "../../src/domain/scoring.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildKeyNotice } from "../../src/slack/views/key-notice.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { englishLeft } from "../support/english-left.ts";

const [EN, ZH] = [messagesFor("en"), messagesFor("zh-CN")];
const NOW = new Date("2026-11-23T00:00:00Z");
const status = (annualRevenue: number, since: string) => JSON.stringify(keyStatusOf({ annualRevenue, relationshipSince: new Date(since) }, DEFAULT_RULES, NOW));

describe("key status and its notice", () => {
  it("names the threshold a client now meets or misses, and reads back what it stored", () => {
    const left = keyStatusFromJson(status(50_000, "2012-05-01"))!;
    expect(left).toEqual({ key: false, annualRevenue: 50_000, minAnnualRevenue: 100_000, relationshipYears: 14, minRelationshipYears: 3 });
    expect(EN.key.why(left, "CNY")).toBe("annual revenue 50,000 CNY, below 100,000 CNY");
    expect(EN.key.why(keyStatusFromJson(status(50_000, "2025-01-01"))!, "CNY")).toBe("annual revenue 50,000 CNY, below 100,000 CNY and a relationship of 1 year, under 3");
    expect(EN.key.why(keyStatusFromJson(status(2_000_000, "2015-01-01"))!, "USD")).toBe("annual revenue 2,000,000 USD, at or above 100,000 USD and a relationship of 11 years, at least 3");
    for (const broken of ["", "{", "[]", '{"key":true}']) expect(keyStatusFromJson(broken)).toBeNull();
  });

  it("tells an owner in their language who joined and who left, within Slack's limits, counting past ten", () => {
    const hostile = `<!channel> ${"名".repeat(100)} &amp; <@U999>`;
    const items = [
      { clientName: "Mekong Hydro Consortium", joined: false, details: status(50_000, "2012-05-01") },
      { clientName: "Pearl Delta Ports", joined: true, details: status(2_000_000, "2015-01-01") },
      ...Array.from({ length: 12 }, () => ({ clientName: hostile, joined: true, details: "not json" })),
    ];
    const en = buildKeyNotice(EN, items, "CNY");
    expect(allText(en)).toContain(":information_source: *Mekong Hydro Consortium* is no longer a key client: annual revenue 50,000 CNY, below 100,000 CNY.");
    expect(allText(en)).toContain(":key: *Pearl Delta Ports* is now a key client: annual revenue 2,000,000 CNY");
    expect(allText(en)).toContain("…and 4 more.");
    expect(en.text).toBe("13 joined the key list, 1 left it");
    expect(blockKitProblems(en)).toEqual([]);
    expect(mentionProblems(en, [])).toEqual([]);
    const zh = buildKeyNotice(ZH, items.slice(0, 2), "CNY");
    expect(allText(zh)).toContain("*Mekong Hydro Consortium* 已不再是重点客户：年收入 50,000 CNY，低于 100,000 CNY。");
    expect(englishLeft(allText(zh).replace(/Mekong Hydro Consortium|Pearl Delta Ports|CNY/g, ""))).toEqual([]);
  });
});
