/** Client use cases shared by slash commands, modals and the CLI. */
import { cadenceDaysFor } from "../domain/cadence.ts";
import { closestNames } from "../domain/closest-names.ts";
import { LIMITS } from "../domain/interaction.ts";
import { RELATIONSHIP_TYPES, type RelationshipType, type Rules, type Tier } from "../domain/rules.ts";
import { currentRisks, revenueTotalFor, type RiskFlag } from "../domain/risk.ts";
import { isKeyClient, keyClientFilter, keyStatusFromJson, scoreAndTier, scoreClient, type DimensionScore, type KeyStatus } from "../domain/scoring.ts";
import { todayInZone } from "../domain/when.ts";
import { clientNameKey, decodeSlackEntities, isRecordId, normalizeClientName } from "../domain/text.ts";
import type { Store } from "../store/index.ts";
import type { ClientFields, ClientRow } from "../store/clients.ts";
import type { InteractionRow } from "../store/interactions.ts";
import { dateFromDb } from "../store/dates.ts";
import type { Clock, RequestContext } from "./context.ts";
import { LARGEST_REVENUES, riskService } from "./risks.ts";

export type NameProblem = { problem: "name-empty" } | { problem: "name-too-long"; limit: number; length: number };

export type AddClientResult =
  | { kind: "created"; client: ClientRow }
  | { kind: "exists"; client: ClientRow }
  | ({ kind: "invalid" } & NameProblem);

export type ClientResolution =
  | { kind: "found"; client: ClientRow }
  | { kind: "ambiguous"; query: string; matches: ClientRow[] }
  | { kind: "none"; query: string; suggestions: string[] }
  | { kind: "empty" };

export interface ClientCard {
  client: ClientRow;
  tier: Tier;
  overridden: boolean;
  score: number;
  breakdown: DimensionScore[];
  keyClient: boolean;
  /** The latest time it joined or left the key list, with the thresholds then (null: none recorded). */
  keyEvent: { joined: boolean; on: string; status: KeyStatus | null } | null;
  /** The rules' currency, for the amounts the card names. */
  currency: string;
  cadenceDays: number;
  /** The client's relationship type when it is one the rules know (its playbook hint is the view's). */
  relationshipType: RelationshipType | null;
  followUp: { dueOn: string; basis: string } | null;
  recent: InteractionRow[];
  risks: RiskFlag[];
}

export interface ClientList {
  items: ClientRow[];
  total: number;
  risks: ReadonlyMap<string, RiskFlag[]>;
  /** The owners (among the listed, and the caller) over the rules' key clients per rep: the key list only, else none. */
  overCap: KeyOverCap;
}

export interface KeyOverCap {
  maxPerRep: number;
  owners: { ownerSlackId: string; keyClients: number }[];
}

/** Slash-command text as Slack sends it (entities escaped) becomes a display name, or a reason it cannot. */
export function parseClientName(raw: string): { ok: true; name: string; key: string } | ({ ok: false } & NameProblem) {
  const name = normalizeClientName(decodeSlackEntities(raw));
  const length = [...name].length;
  if (length === 0) return { ok: false, problem: "name-empty" };
  if (length > LIMITS.clientName) return { ok: false, problem: "name-too-long", limit: LIMITS.clientName, length };
  return { ok: true, name, key: clientNameKey(name) };
}

const MAX_CHOICES = 25;
const LIST_SIZE = 40;

export const CLIENT_LIST_FILTERS = ["all", "mine", "A", "B", "C", "key"] as const;
export type ClientListFilter = (typeof CLIENT_LIST_FILTERS)[number];
/** Names read for the closest-names suggestions when nothing matches. */
const SUGGESTION_CANDIDATES = 200;
/** The touches the card lists. */
const RECENT_TOUCHES = 3;
/** The other clients whose revenue the card adds up before it needs the workspace's whole total. */
const LARGEST_OTHERS = LARGEST_REVENUES;

export function clientService(deps: { store: Store; rules: Rules; clock: Clock }) {
  const { store, rules, clock } = deps;
  const risks = riskService({ store, rules });

  /**
   * The revenue total the card's concentration rule divides by. Summing every client on every card would scan the
   * workspace, so the card first adds up the largest other clients (an index range) and this one: the whole total is
   * read only when the client may really be over the limit (see revenueTotalFor).
   */
  async function revenueTotalForShare(ctx: RequestContext, client: ClientRow, largestOthers: { sum: number; count: number }): Promise<number> {
    const revenue = client.annualRevenue;
    if (!revenue) return 0;
    const partial = { sum: largestOthers.sum + (client.archivedAt ? 0 : revenue), complete: largestOthers.count < LARGEST_OTHERS };
    return revenueTotalFor(partial, [revenue], rules) ?? store.clients.revenueTotal(ctx.workspaceId);
  }

  /** Score and tier for a client's fields, as the rules say today. */
  function scored(fields: Omit<ClientFields, "score" | "tier">): Pick<ClientFields, "score" | "tier"> {
    return scoreAndTier(fields, rules, clock.now());
  }

  function suggestionFragments(key: string): string[] {
    const words = key.split(" ").filter((w) => [...w].length >= 2);
    const head = [...key].slice(0, 2).join("");
    return [...new Set([...words, head])].slice(0, 6);
  }

  return {
    scored,

    async add(ctx: RequestContext, rawName: string): Promise<AddClientResult> {
      const parsed = parseClientName(rawName);
      if (!parsed.ok) return { kind: "invalid", ...parsed };
      await store.workspaces.ensure(ctx.workspaceId);
      const profile = {
        name: parsed.name,
        nameKey: parsed.key,
        ownerSlackId: ctx.userId,
        annualRevenue: null,
        relationshipSince: null,
        relationshipType: null,
        lifecycleStage: null,
        riskLevel: null,
        industry: null,
        region: null,
        satisfaction: null,
        cadenceDays: null,
        tierOverride: null,
        tierOverrideReason: null,
      };
      const result = await store.clients.create(ctx.workspaceId, { ...profile, ...scored(profile) }, ctx.userId, "create");
      if (!result.created) return { kind: "exists", client: result.existing };
      await store.audit.record(ctx.workspaceId, {
        actorSlackId: ctx.userId,
        action: "client.create",
        entity: "client",
        entityId: result.client.id,
        details: { name: result.client.name },
      });
      return { kind: "created", client: result.client };
    },

    /** Exact name (ignoring case and spacing) first, then a unique partial match, else choices or suggestions. */
    async resolve(ctx: RequestContext, rawQuery: string): Promise<ClientResolution> {
      const query = normalizeClientName(decodeSlackEntities(rawQuery));
      const key = clientNameKey(query);
      if (!key) return { kind: "empty" };
      const exact = await store.clients.findByKey(ctx.workspaceId, key);
      if (exact && !exact.archivedAt) return { kind: "found", client: exact };
      const partial = await store.clients.search(ctx.workspaceId, key, MAX_CHOICES + 1);
      if (partial.length === 1) return { kind: "found", client: partial[0]! };
      if (partial.length > 1) return { kind: "ambiguous", query, matches: partial.slice(0, MAX_CHOICES) };
      const candidates = await store.clients.namesSharing(ctx.workspaceId, suggestionFragments(key), SUGGESTION_CANDIDATES);
      return { kind: "none", query, suggestions: closestNames(query, candidates, 5) };
    },

    /**
     * `/client list [mine|A|B|C|key]`: active clients by name (key clients, by the rules' revenue and years, highest
     * score first), with the risk states each listed client is in now (none: not in the map). The key list also
     * names each owner among the listed, and the caller, who carries more key clients than the rules'
     * keyClient.maxPerRep, most first.
     */
    async list(ctx: RequestContext, filter: ClientListFilter): Promise<ClientList> {
      const now = clock.now();
      const key = keyClientFilter(rules, now);
      const listed = await store.clients.list(
        ctx.workspaceId,
        filter === "mine" ? { ownerSlackId: ctx.userId } : filter === "key" ? { key } : filter === "all" ? {} : { tier: filter },
        LIST_SIZE,
        filter === "key" ? "score" : "name",
      );
      const owners = new Set([ctx.userId, ...listed.items.flatMap((c) => (c.ownerSlackId ? [c.ownerSlackId] : []))]);
      const [atRisk, keyCounts] = await Promise.all([
        risks.inScope(ctx.workspaceId, { kind: "clients", ids: listed.items.map((c) => c.id) }, now),
        filter === "key" ? store.clients.keyClientCounts(ctx.workspaceId, [...owners], key) : Promise.resolve([]),
      ]);
      const maxPerRep = rules.keyClient.maxPerRep;
      const over = keyCounts
        .filter((c) => c.count > maxPerRep)
        .sort((a, b) => b.count - a.count || (a.ownerSlackId < b.ownerSlackId ? -1 : a.ownerSlackId > b.ownerSlackId ? 1 : 0))
        .map((c) => ({ ownerSlackId: c.ownerSlackId, keyClients: c.count }));
      return { ...listed, risks: new Map(atRisk.map((c) => [c.id, c.risks])), overCap: { maxPerRep, owners: over } };
    },

    findById(ctx: RequestContext, id: string): Promise<ClientRow | null> {
      // A button value or form metadata can be anything: only a record id's shape ever reaches the store.
      return isRecordId(id) ? store.clients.findById(ctx.workspaceId, id) : Promise.resolve(null);
    },

    /** Active clients whose name contains what the user typed, for pickers. */
    search(ctx: RequestContext, typed: string, limit: number): Promise<ClientRow[]> {
      const key = clientNameKey(normalizeClientName(decodeSlackEntities(typed)));
      return key ? store.clients.search(ctx.workspaceId, key, limit) : Promise.resolve([]);
    },

    /**
     * Everything the card shows; the risk states are the client's at this instant, as every surface tells them
     * (currentRisks: calendar days in UTC, whatever the reader's timezone).
     */
    async card(ctx: RequestContext, client: ClientRow): Promise<ClientCard> {
      const { recent, followUp, lastMeeting, lastNegative, largestOthers } = await store.cardInputs.of(ctx.workspaceId, client.id, RECENT_TOUCHES, LARGEST_OTHERS);
      const revenueTotal = await revenueTotalForShare(ctx, client, largestOthers);
      const now = clock.now();
      const { score, breakdown } = scoreClient(client, rules, now);
      const tier = (client.tierOverride ?? client.tier) as Tier;
      const type = (RELATIONSHIP_TYPES as readonly string[]).includes(client.relationshipType ?? "")
        ? (client.relationshipType as RelationshipType)
        : null;
      const keyClient = isKeyClient(client, rules, now);
      const cadenceDays = cadenceDaysFor({ tier, relationshipType: client.relationshipType, cadenceDays: client.cadenceDays }, rules);
      const dueOn = followUp ? dateFromDb(followUp.dueOn) : null;
      const inputs = {
        ...client,
        tier,
        archived: client.archivedAt !== null,
        followUpDueOn: dueOn,
        lastMeetingAt: lastMeeting?.occurredAt ?? null,
        lastNegative: lastNegative ? { at: lastNegative.occurredAt, type: lastNegative.type } : null,
      };
      const risks = currentRisks(inputs, revenueTotal, now, rules);
      const keyChange = await store.keyChanges.latestFor(ctx.workspaceId, client.id);
      return {
        client,
        tier,
        overridden: client.tierOverride !== null,
        score,
        breakdown,
        keyClient,
        keyEvent: keyChange ? { joined: keyChange.joined, on: todayInZone(keyChange.createdAt, "UTC"), status: keyStatusFromJson(keyChange.details) } : null,
        currency: rules.currency,
        cadenceDays,
        relationshipType: type,
        followUp: followUp && dueOn ? { dueOn, basis: followUp.basis } : null,
        recent,
        risks,
      };
    },
  };
}
export type ClientService = ReturnType<typeof clientService>;
