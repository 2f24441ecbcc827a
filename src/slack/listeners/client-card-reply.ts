import type { RequestContext } from "../../services/context.ts";
import type { ClientResolution } from "../../services/clients.ts";
import type { Services } from "../../services/index.ts";
import type { ClientRow } from "../../store/clients.ts";
import { buildClientCard } from "../views/client-card.ts";
import { readerOf } from "./request-context.ts";
import { clientChoices, clientUnknown, TIER_USAGE, usage, type EphemeralReply } from "../views/replies.ts";

/** What to say when a name did not lead to exactly one client. */
export function notFoundReply(found: Exclude<ClientResolution, { kind: "found" }>, usageLine = TIER_USAGE): EphemeralReply {
  switch (found.kind) {
    case "empty":
      return usage(usageLine, "Which client? Give a name or part of one.");
    case "none":
      return clientUnknown(found.query, found.suggestions);
    case "ambiguous":
      return clientChoices(found.query, found.matches);
  }
}

/** The card for a client the user named: shared by `/tier`, `/client show` and the "Show card" buttons. */
export async function cardReplyForQuery(services: Services, ctx: RequestContext, query: string): Promise<EphemeralReply> {
  const found = await services.clients.resolve(ctx, query);
  return found.kind === "found" ? cardReply(services, ctx, found.client) : notFoundReply(found);
}

export async function cardReply(services: Services, ctx: RequestContext, client: ClientRow): Promise<EphemeralReply> {
  const { t, today } = await readerOf(services, ctx);
  return buildClientCard(t, await services.clients.card(ctx, client, today), today);
}
