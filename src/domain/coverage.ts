/**
 * Key-client coverage by owner, the digest's meaning of it (isCovered: touched within the client's cadence, as
 * cadenceDaysFor gives it), for surfaces that also say who carries the uncovered ones (App Home). Pure.
 */
import { cadenceDaysFor } from "./cadence.ts";
import { isCovered } from "./digest.ts";
import { TIERS, type Rules, type Tier } from "./rules.ts";
import { todayInZone } from "./when.ts";

export interface CoverageInput {
  ownerSlackId: string | null;
  tier: string;
  relationshipType: string | null;
  cadenceDays: number | null;
  lastTouchAt: Date | null;
}

export interface OwnerCoverage {
  ownerSlackId: string;
  keyClients: number;
  uncovered: number;
}

export interface Coverage {
  keyClients: number;
  covered: number;
  /** Each owner with key clients, in the order first seen. */
  byOwner: OwnerCoverage[];
}

const isTier = (tier: string): tier is Tier => (TIERS as readonly string[]).includes(tier);

/** Whether one key client is covered on `today`: its last touch (a UTC calendar day) within its cadence. */
export function keyClientCovered(client: CoverageInput, rules: Rules, today: string): boolean {
  const cadence = cadenceDaysFor({ tier: isTier(client.tier) ? client.tier : "C", relationshipType: client.relationshipType, cadenceDays: client.cadenceDays }, rules);
  return isCovered(client.lastTouchAt ? todayInZone(client.lastTouchAt, "UTC") : null, cadence, today);
}

export const emptyCoverage = (): Coverage => ({ keyClients: 0, covered: 0, byOwner: [] });

/** Adds key clients to a running coverage (pages of a team's key clients add up). */
export function addToCoverage(coverage: Coverage, clients: readonly CoverageInput[], rules: Rules, today: string): Coverage {
  const owners = new Map(coverage.byOwner.map((o) => [o.ownerSlackId, o]));
  for (const client of clients) {
    const covered = keyClientCovered(client, rules, today);
    coverage.keyClients += 1;
    if (covered) coverage.covered += 1;
    if (!client.ownerSlackId) continue;
    let owner = owners.get(client.ownerSlackId);
    if (!owner) {
      owner = { ownerSlackId: client.ownerSlackId, keyClients: 0, uncovered: 0 };
      owners.set(client.ownerSlackId, owner);
      coverage.byOwner.push(owner);
    }
    owner.keyClients += 1;
    if (!covered) owner.uncovered += 1;
  }
  return coverage;
}

/** Whole percent covered, rounded down (never 100% while one is uncovered); null when there are no key clients. */
export function coveragePercent(coverage: Pick<Coverage, "keyClients" | "covered">): number | null {
  return coverage.keyClients === 0 ? null : Math.floor((coverage.covered / coverage.keyClients) * 100);
}

/** The owners with the most uncovered key clients, most first (then by id), at most `take`, none with zero. */
export function mostUncovered(coverage: Coverage, take: number): OwnerCoverage[] {
  return coverage.byOwner
    .filter((o) => o.uncovered > 0)
    .sort((a, b) => b.uncovered - a.uncovered || (a.ownerSlackId < b.ownerSlackId ? -1 : a.ownerSlackId > b.ownerSlackId ? 1 : 0))
    .slice(0, take);
}
