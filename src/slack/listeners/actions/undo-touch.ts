import type { App, BlockButtonAction } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS } from "../../ids.ts";
import { touchNotUndoable, touchUndone } from "../../views/replies.ts";
import { contextOf } from "../request-context.ts";

/** "Undo" on a touch's confirmation: the rep takes it back within a day; the confirmation says so in place. */
export function registerUndoTouch(app: App, services: Services): void {
  app.action<BlockButtonAction>(ACTIONS.undoTouch, async ({ ack, body, action, respond }) => {
    await ack();
    const result = await services.interactions.undo(contextOf(body), action.value ?? "");
    if (result.kind === "undone") await respond({ ...touchUndone(result.summary), replace_original: true });
    else await respond({ ...touchNotUndoable(), replace_original: false });
  });
}
