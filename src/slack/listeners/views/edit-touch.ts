import type { App, ViewStateValue } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { LOG_MODAL, VIEWS } from "../../ids.ts";
import { touchEdited, touchNotEditable } from "../../views/replies.ts";
import { contextOf, readerOf } from "../request-context.ts";
import { readTouchForm } from "./touch-form.ts";

/**
 * The edit form's submission: the same checks as the log form, on the fields; a saved edit (or the reason it could
 * not be saved) is said by DM, as a logged touch is.
 */
export function registerEditTouchSubmission(app: App, services: Services): void {
  app.view(VIEWS.editInteraction, async ({ ack, body, view, client, logger }) => {
    const ctx = contextOf(body);
    const { t, today } = await readerOf(services, ctx);
    const form = readTouchForm(t, view.state.values as Record<string, Record<string, ViewStateValue>>, today);
    if (!form.ok) return void (await ack({ response_action: "errors", errors: form.errors }));
    const result = await services.interactions.edit(ctx, view.private_metadata, { ...form, touchedOn: form.touchedOn ?? today });
    if (result.kind === "duplicate") {
      return void (await ack({ response_action: "errors", errors: { [LOG_MODAL.date.block]: t.log.error.duplicate } }));
    }
    await ack();
    const reply = result.kind === "edited" ? touchEdited(t, result) : touchNotEditable(t);
    try {
      await client.chat.postMessage({ channel: ctx.userId, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });
    } catch (error) {
      logger.warn("could not confirm an edited touch", error instanceof Error ? error.message : String(error));
    }
  });
}
