import type { App, ViewStateValue } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { LOG_MODAL, VIEWS } from "../../ids.ts";
import { decodeLogModalOrigin } from "../../views/log-modal.ts";
import { interactionLogged } from "../../views/replies.ts";
import { publishHome } from "../home-tab.ts";
import { contextOf, readerOf } from "../request-context.ts";
import { formInput, readTouchForm } from "./touch-form.ts";

/**
 * The log modal's submission. Field problems go back onto the fields (`response_action: errors`); a valid touch is
 * stored once per view (a retried submission finds it already stored) and confirmed by DM.
 */
export function registerLogModalSubmission(app: App, services: Services): void {
  app.view(VIEWS.logInteraction, async ({ ack, body, view, client, logger }) => {
    const ctx = contextOf(body);
    const origin = decodeLogModalOrigin(view.private_metadata);
    const values = view.state.values as Record<string, Record<string, ViewStateValue>>;
    const { t, today } = await readerOf(services, ctx);
    const found = await services.clients.findById(ctx, formInput(values, LOG_MODAL.client)?.selected_option?.value ?? "");
    const form = readTouchForm(t, values, today);
    if (!found || !form.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(found ? {} : { [LOG_MODAL.client.block]: t.log.error.pickClient }) };
      await ack({ response_action: "errors", errors });
      return;
    }
    const { type, sentiment, summary, touchedOn, next } = form;
    await ack();

    // A past day is logged at noon UTC of that day: the date is what matters to cadence and reports.
    const occurredAt = !touchedOn || touchedOn === today ? services.clock.now() : new Date(`${touchedOn}T12:00:00Z`);
    const result = await services.interactions.log(ctx, {
      client: found,
      type,
      summary,
      sentiment,
      occurredAt,
      ...(next ? { next: { date: next } } : {}),
      source: origin.permalink ? "shortcut" : "modal",
      requestKey: `view:${view.id}`,
      ...(origin.permalink ? { permalink: origin.permalink } : {}),
    });
    if (result.kind !== "logged") return; // a retried submission: the first one was confirmed already
    const reply = interactionLogged(t, found.name, type, result.followUp, result.interaction.id);
    try {
      await client.chat.postMessage({ channel: ctx.userId, text: reply.text, blocks: reply.blocks });
    } catch (error) {
      logger.warn("could not confirm a logged touch", error instanceof Error ? error.message : String(error));
    }
    if (origin.fromHome) await publishHome(client, services, ctx, logger);
  });
}
