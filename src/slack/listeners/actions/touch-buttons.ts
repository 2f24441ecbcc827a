import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS } from "../../ids.ts";
import { buildEditTouchModal } from "../../views/log-modal.ts";
import { somethingWentWrong, touchNotEditable, touchNotUndoable, touchUndone } from "../../views/replies.ts";
import { contextOf } from "../request-context.ts";

/**
 * "Undo" and "Edit" on a touch's confirmation: the rep takes it back within a day (the confirmation says so in
 * place), or changes it in the log form, prefilled.
 */
export function registerTouchButtons(app: App, services: Services): void {
  app.action<BlockButtonAction>(ACTIONS.undoTouch, async ({ ack, body, action, respond }) => {
    await ack();
    const result = await services.interactions.undo(contextOf(body), action.value ?? "");
    if (result.kind === "undone") await respond({ ...touchUndone(result.summary), replace_original: true });
    else await respond({ ...touchNotUndoable(), replace_original: false });
  });

  app.action<BlockButtonAction>(ACTIONS.editTouch, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const ctx = contextOf(body);
    const touch = await services.interactions.touchToEdit(ctx, action.value ?? "");
    if (!touch) return void (await respond({ ...touchNotEditable(), replace_original: false }));
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildEditTouchModal(touch) });
    } catch (error) {
      logger.warn("could not open the edit form", error instanceof Error ? error.message : String(error));
      await respond({ ...somethingWentWrong(), replace_original: false });
    }
  });
}
