import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS } from "../../ids.ts";
import { buildLogModal } from "../../views/log-modal.ts";
import { clientGone, somethingWentWrong } from "../../views/replies.ts";
import { cardReply } from "../client-card-reply.ts";
import { contextOf, messagesOrDefault, readerOf, readerOnce } from "../request-context.ts";
import { publishHome } from "../home-tab.ts";
import type { ActionArgs } from "./pressed.ts";

/**
 * "Log a touch" for the client `clientId`: the log form, prefilled with the client. From its button on cards,
 * replies and risk notices, and from a follow-up row's overflow menu.
 */
export async function openLogModalFor(services: Services, { body, client, respond, logger }: ActionArgs, clientId: string | undefined): Promise<void> {
  const ctx = contextOf(body);
  const fromHome = body.view?.type === "home";
  const reader = readerOnce(services, ctx);
  const found = await services.clients.findById(ctx, clientId ?? "");
  // The App Home has no response_url: a client gone meanwhile disappears from the refreshed tab instead.
  if (!found && fromHome) return void (await publishHome(client, services, ctx, logger));
  if (!found) return void (await respond({ ...clientGone(await messagesOrDefault(reader)), replace_original: false }));
  try {
    const { t, today } = await reader();
    await client.views.open({ trigger_id: body.trigger_id, view: buildLogModal(t, { today, client: found, fromHome }) });
  } catch (error) {
    logger.warn("could not open the log modal", error instanceof Error ? error.message : String(error));
    if (!fromHome) await respond({ ...somethingWentWrong(await messagesOrDefault(reader)), replace_original: false });
  }
}

/** "Log a touch" and "Show card" buttons on cards and replies; the button's value is the client id. */
export function registerClientButtons(app: App, services: Services): void {
  app.action<BlockButtonAction>(ACTIONS.openLogModal, async ({ ack, action, ...args }) => {
    await ack();
    await openLogModalFor(services, args, action.value);
  });

  app.action<BlockButtonAction>(ACTIONS.showClientCard, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = contextOf(body);
    const found = await services.clients.findById(ctx, action.value ?? "");
    const reply = found ? await cardReply(services, ctx, found) : clientGone((await readerOf(services, ctx)).t);
    await respond({ ...reply, replace_original: false });
  });
}
