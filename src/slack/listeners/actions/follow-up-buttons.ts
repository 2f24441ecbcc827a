import type { App, BlockButtonAction, BlockOverflowAction, RespondFn } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS, parseFollowUpButtonValue, parseOverflowOptionValue, SNOOZE_DAYS } from "../../ids.ts";
import { ephemeral } from "../../views/blocks.ts";
import { buildFollowUpList, followUpNotice } from "../../views/follow-ups.ts";
import { somethingWentWrong } from "../../views/replies.ts";
import { buildSnoozeModal } from "../../views/snooze-modal.ts";
import { publishHome } from "../home-tab.ts";
import { contextOf, messagesOrDefault, readerOnce, type ReaderOnce } from "../request-context.ts";
import { openLogModalFor } from "./client-buttons.ts";
import type { ActionArgs, PressHandler } from "./pressed.ts";

/** The apology in the reader's language, or in English when even that cannot be read. */
const apology = async (reader: ReaderOnce) => somethingWentWrong(await messagesOrDefault(reader));

/** No such client: said on its own, the list left as it was; the App Home (no response_url) is published again. */
async function unknownClient(reader: ReaderOnce, respond: RespondFn, fromHome: boolean, republishHome: () => Promise<void>): Promise<void> {
  if (fromHome) return republishHome();
  await respond({ ...ephemeral(followUpNotice(await messagesOrDefault(reader), { kind: "unknown-client" })), replace_original: false });
}

/**
 * Done, Snooze and Log on a follow-up row: Done and Snooze 1 day are buttons, the others options of the row's
 * overflow menu, and a message posted before the menu existed still has all five as buttons: each reaches the same
 * handler. Done and Snooze act, then redraw the list in place with a line saying what happened (on the App Home,
 * which has no response_url, the whole tab is published again). A second click on a stale message changes nothing
 * and says so.
 */
export function registerFollowUpButtons(app: App, services: Services): void {
  const unknown = ({ body, respond, client, logger }: ActionArgs) => {
    const ctx = contextOf(body);
    return unknownClient(readerOnce(services, ctx), respond, body.view?.type === "home", () => publishHome(client, services, ctx, logger));
  };

  const act =
    (kind: "done" | "snooze"): PressHandler =>
    async (args, pressed) => {
      const { body, respond, client, logger } = args;
      const ctx = contextOf(body);
      const fromHome = body.view?.type === "home";
      const target = parseFollowUpButtonValue(pressed.value);
      const reader = readerOnce(services, ctx);
      // A value we did not write names no client: the user hears so, as for a client that is gone.
      if (!target) return unknown(args);
      try {
        const result =
          kind === "done"
            ? await services.followUps.done(ctx, target.clientId, target.dueOn)
            : await services.followUps.snooze(ctx, target.clientId, target.dueOn, SNOOZE_DAYS[pressed.actionId] ?? 1);
        if (fromHome) return void (await publishHome(client, services, ctx, logger));
        const { t } = await reader();
        const notice = followUpNotice(t, result);
        const list = await services.followUps.list(ctx, target.listOwnerId);
        // Someone who may not act on this list gets the reason on its own; the list stays as it was.
        if (result.kind === "refused" || list.kind === "refused") return void (await respond({ ...ephemeral(notice), replace_original: false }));
        await respond({ ...buildFollowUpList(t, list, notice), replace_original: true });
      } catch (error) {
        logger.error("follow-up button failed", error instanceof Error ? error.message : String(error));
        if (fromHome) return void (await publishHome(client, services, ctx, logger));
        await respond({ ...(await apology(reader)), replace_original: false });
      }
    };

  // "Snooze until…" asks for a date and a reason in a modal; its submission does the rest (views/snooze.ts).
  const snoozeUntil: PressHandler = async (args, pressed) => {
    const { body, respond, client, logger } = args;
    const ctx = contextOf(body);
    const fromHome = body.view?.type === "home";
    const target = parseFollowUpButtonValue(pressed.value);
    const reader = readerOnce(services, ctx);
    const found = target ? await services.clients.findById(ctx, target.clientId) : null;
    if (!target || !found) return unknown(args);
    try {
      const { t, today } = await reader();
      const view = buildSnoozeModal(t, { clientName: found.name, dueOn: target.dueOn, today, origin: { buttonValue: pressed.value ?? "", fromHome } });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      logger.warn("could not open the snooze modal", error instanceof Error ? error.message : String(error));
      if (!fromHome) await respond({ ...(await apology(reader)), replace_original: false });
    }
  };

  const handlers = new Map<string, PressHandler>([
    [ACTIONS.followUpDone, act("done")],
    [ACTIONS.followUpSnoozeDay, act("snooze")],
    [ACTIONS.followUpSnoozeWeek, act("snooze")],
    [ACTIONS.followUpSnoozeUntil, snoozeUntil],
    [ACTIONS.openLogModal, (args, pressed) => openLogModalFor(services, args, pressed.value)],
  ]);

  // The buttons (Log a touch has its own listener, for cards and notices too: client-buttons.ts).
  for (const actionId of [ACTIONS.followUpDone, ACTIONS.followUpSnoozeDay, ACTIONS.followUpSnoozeWeek, ACTIONS.followUpSnoozeUntil]) {
    const handler = handlers.get(actionId)!;
    app.action<BlockButtonAction>(actionId, async ({ ack, action, ...args }) => {
      await ack();
      await handler(args, { actionId, value: action.value });
    });
  }

  // The overflow menu: its option names the button it stands for. One naming no button of a follow-up row (a value
  // we did not write) is answered as a value that names no client.
  app.action<BlockOverflowAction>(ACTIONS.followUpMore, async ({ ack, action, ...args }) => {
    await ack();
    const chosen = parseOverflowOptionValue((action as Partial<BlockOverflowAction["actions"][number]>).selected_option?.value);
    const handler = chosen ? handlers.get(chosen.actionId) : undefined;
    if (!chosen || !handler) return unknown(args);
    await handler(args, chosen);
  });
}
