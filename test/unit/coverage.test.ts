import { describe, expect, it } from "vitest";
import { addToCoverage, coveragePercent, emptyCoverage, keyClientCovered, mostUncovered } from "../../src/domain/coverage.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";

const TODAY = "2026-11-23";
const client = (ownerSlackId: string | null, lastTouch: string | null, over: { tier?: string; cadenceDays?: number | null; relationshipType?: string | null } = {}) => ({
  ownerSlackId,
  tier: over.tier ?? "A",
  relationshipType: over.relationshipType ?? null,
  cadenceDays: over.cadenceDays ?? null,
  lastTouchAt: lastTouch ? new Date(`${lastTouch}T10:00:00Z`) : null,
});

describe("key-client coverage by owner", () => {
  it("counts a key client covered when touched within its cadence (the digest's isCovered), the cadence's last day included", () => {
    expect(keyClientCovered(client("U1", "2026-11-09"), DEFAULT_RULES, TODAY)).toBe(true); // A: 14 days
    expect(keyClientCovered(client("U1", "2026-11-08"), DEFAULT_RULES, TODAY)).toBe(false);
    expect(keyClientCovered(client("U1", "2026-09-01", { cadenceDays: 100 }), DEFAULT_RULES, TODAY)).toBe(true);
    expect(keyClientCovered(client("U1", null), DEFAULT_RULES, TODAY)).toBe(false);
  });

  it("adds pages up, and names the owners with the most uncovered, most first, none with zero", () => {
    const coverage = emptyCoverage();
    addToCoverage(coverage, [client("U1", TODAY), client("U2", null), client("U2", "2026-01-01")], DEFAULT_RULES, TODAY);
    addToCoverage(coverage, [client("U3", null), client("U1", TODAY), client(null, null)], DEFAULT_RULES, TODAY);
    expect(coverage).toMatchObject({ keyClients: 6, covered: 2 });
    expect(mostUncovered(coverage, 3)).toEqual([
      { ownerSlackId: "U2", keyClients: 2, uncovered: 2 },
      { ownerSlackId: "U3", keyClients: 1, uncovered: 1 },
    ]);
    expect(mostUncovered(coverage, 1)).toHaveLength(1);
    expect(coveragePercent(coverage)).toBe(33);
  });

  it("rounds the percentage down, so that 100% means every one is covered, and has none for no key clients", () => {
    expect(coveragePercent({ keyClients: 1000, covered: 999 })).toBe(99);
    expect(coveragePercent({ keyClients: 3, covered: 3 })).toBe(100);
    expect(coveragePercent({ keyClients: 0, covered: 0 })).toBeNull();
  });
});
