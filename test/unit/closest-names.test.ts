import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_SIMILARITY, closestNames, nameSimilarity } from "../../src/domain/closest-names.ts";
import { clientNameKey } from "../../src/domain/text.ts";

const CLIENTS = [
  "Acme Corp",
  "Acme Trading",
  "Apex Industries",
  "Beta LLC",
  "华能国际电力股份",
  "华润置地",
  "中国华能集团",
  "🚀 Rocket Co",
  "ＡＣＭＥ Japan",
  "Alpha",
  "Omega",
] as const;

describe("closestNames", () => {
  it.each([
    // containment: closer in length first
    ["acme", ["Acme Corp", "ＡＣＭＥ Japan", "Acme Trading"]],
    // the same key wins outright, whatever the case, spacing or width
    ["  ACME   corp ", ["Acme Corp", "ＡＣＭＥ Japan", "Acme Trading"]],
    // typos
    ["acne", ["Acme Corp", "ＡＣＭＥ Japan", "Acme Trading"]],
    ["Acme Trdaing", ["Acme Trading", "ＡＣＭＥ Japan", "Acme Corp"]],
    ["apex", ["Apex Industries", "Alpha"]],
    // CJK: no spaces needed
    ["华能", ["华能国际电力股份", "中国华能集团"]],
    ["华能国记", ["华能国际电力股份", "中国华能集团"]],
    ["华润", ["华润置地"]],
    // emoji in the name do not get in the way
    ["rocket", ["🚀 Rocket Co"]],
    // nothing reaches the bar: the best weak matches still help
    ["xyz", ["Apex Industries"]],
    // nothing in common at all
    ["zzzz", []],
    ["", []],
    ["   ", []],
  ])("%j → %j", (query, expected) => {
    expect(closestNames(query, CLIENTS)).toEqual(expected);
  });

  it.each([
    ["limit", "acme", CLIENTS, 2, ["Acme Corp", "ＡＣＭＥ Japan"]],
    ["limit 0", "acme", CLIENTS, 0, []],
    ["no candidates", "acme", [], 5, []],
    ["ties: alphabetical", "acme", ["Acme B", "Acme A", "Acme C"], 5, ["Acme A", "Acme B", "Acme C"]],
    ["duplicates listed once", "acme", ["Acme", "Acme", "Acme Corp"], 5, ["Acme", "Acme Corp"]],
    ["default limit is 5", "client", ["Client 1", "Client 2", "Client 3", "Client 4", "Client 5", "Client 6"], undefined, ["Client 1", "Client 2", "Client 3", "Client 4", "Client 5"]],
  ])("%s", (_label, query, candidates, limit, expected) => {
    expect(closestNames(query, candidates, limit)).toEqual(expected);
  });

  it.each([["ａｃｍｅ ｊａｐａｎ"], ["ACME JAPAN"], ["acme\u3000japan"]])("puts the same key first: %j", (query) => {
    expect(closestNames(query, CLIENTS)[0]).toBe("ＡＣＭＥ Japan");
  });

  it("drops weak matches when good ones exist", () => {
    for (const name of closestNames("beta", CLIENTS)) {
      expect(nameSimilarity(clientNameKey("beta"), clientNameKey(name))).toBeGreaterThanOrEqual(MIN_SIMILARITY);
    }
  });

  it("returns a bounded, duplicate-free subset of the candidates, exact key first", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.array(fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), { maxLength: 30 }),
        fc.integer({ min: 0, max: 10 }),
        (query, candidates, limit) => {
          const result = closestNames(query, candidates, limit);
          expect(result.length).toBeLessThanOrEqual(limit);
          expect(new Set(result).size).toBe(result.length);
          for (const name of result) expect(candidates).toContain(name);
          const key = clientNameKey(query);
          if (key !== "" && limit > 0 && candidates.some((c) => clientNameKey(c) === key)) {
            expect(clientNameKey(result[0] ?? "")).toBe(key);
          }
        },
      ),
    );
  });
});

describe("nameSimilarity", () => {
  it.each([
    ["acme", "acme", 1],
    ["acme", "", 0],
    ["", "acme", 0],
  ])("%j ~ %j = %d", (a, b, expected) => {
    expect(nameSimilarity(a, b)).toBe(expected);
  });

  it("stays within [0, 1] and scores 1 only for equal keys", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const score = nameSimilarity(a, b);
        return score >= 0 && score <= 1 && (score === 1) === (a === b && a !== "");
      }),
    );
  });

  it("does not call two long names that differ only past the compared prefix equal", () => {
    const a = `${"x".repeat(100)}a`;
    const b = `${"x".repeat(100)}b`;
    expect(nameSimilarity(a, b)).toBeLessThan(1);
  });
});
