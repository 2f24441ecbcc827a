import type { RequestContext } from "../../services/context.ts";
import type { ClientResolution } from "../../services/clients.ts";
import type { Services } from "../../services/index.ts";
import type { ClientRow } from "../../store/clients.ts";
import { buildClientCard } from "../views/client-card.ts";
import type { Messages } from "../i18n/index.ts";
import type { ReaderOnce } from "./request-context.ts";
import { readerOf } from "./request-context.ts";
import { clientChoices, clientUnknown, TIER_USAGE, usage, type EphemeralReply } from "../views/replies.ts";

/** What to say when a name did not lead to exactly one client. */
export function notFoundReply(t: Messages, found: Exclude<ClientResolution, { kind: "found" }>, usageLine = TIER_USAGE): EphemeralReply {
  switch (found.kind) {
    case "empty":
      return usage(t, usageLine, t.replies.whichClientPart);
    case "none":
      return clientUnknown(t, found.query, found.suggestions);
    case "ambiguous":
      return clientChoices(t, found.query, found.matches);
  }
}

/**
 * The card for a client the user named: shared by `/tier` and `/client show`. `reader` is the command's (read
 * once, see readerOnce) when it has one.
 */
export async function cardReplyForQuery(services: Services, ctx: RequestContext, query: string, reader: ReaderOnce = () => readerOf(services, ctx)): Promise<EphemeralReply> {
  const found = await services.clients.resolve(ctx, query);
  const { t, today } = await reader();
  if (found.kind !== "found") return notFoundReply(t, found);
  return buildClientCard(t, await services.clients.card(ctx, found.client), today);
}

export async function cardReply(services: Services, ctx: RequestContext, client: ClientRow): Promise<EphemeralReply> {
  const { t, today } = await readerOf(services, ctx);
  return buildClientCard(t, await services.clients.card(ctx, client), today);
}
