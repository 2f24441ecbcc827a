import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS } from "../../ids.ts";
import { buildEditTouchModal } from "../../views/log-modal.ts";
import { somethingWentWrong, touchNotEditable, touchNotUndoable, touchUndone } from "../../views/replies.ts";
import { contextOf, readerOf } from "../request-context.ts";

/**
 * "Undo" and "Edit" on a touch's confirmation: the rep takes it back within a day (the confirmation says so in
 * place), or changes it in the log form, prefilled.
 */
export function registerTouchButtons(app: App, services: Services): void {
  app.action<BlockButtonAction>(ACTIONS.undoTouch, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = contextOf(body);
    const result = await services.interactions.undo(ctx, action.value ?? "");
    const { t } = await readerOf(services, ctx);
    if (result.kind === "undone") await respond({ ...touchUndone(t, result.summary), replace_original: true });
    else await respond({ ...touchNotUndoable(t), replace_original: false });
  });

  app.action<BlockButtonAction>(ACTIONS.editTouch, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const ctx = contextOf(body);
    const { t } = await readerOf(services, ctx);
    const touch = await services.interactions.touchToEdit(ctx, action.value ?? "");
    if (!touch) return void (await respond({ ...touchNotEditable(t), replace_original: false }));
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildEditTouchModal(t, touch) });
    } catch (error) {
      logger.warn("could not open the edit form", error instanceof Error ? error.message : String(error));
      await respond({ ...somethingWentWrong(t), replace_original: false });
    }
  });
}
