import type { AllMiddlewareArgs, App, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS, parseFollowUpButtonValue, SNOOZE_DAYS } from "../../ids.ts";
import { ephemeral } from "../../views/blocks.ts";
import { buildFollowUpList, followUpNotice } from "../../views/follow-ups.ts";
import { somethingWentWrong } from "../../views/replies.ts";
import { buildSnoozeModal } from "../../views/snooze-modal.ts";
import { publishHome } from "../home-tab.ts";
import { contextOf, messagesOrDefault, readerOnce, type ReaderOnce } from "../request-context.ts";

/** The apology in the reader's language, or in English when even that cannot be read. */
const apology = async (reader: ReaderOnce) => somethingWentWrong(await messagesOrDefault(reader));

/** No such client: said on its own, the list left as it was; the App Home (no response_url) is published again. */
async function unknownClient(reader: ReaderOnce, respond: RespondFn, fromHome: boolean, republishHome: () => Promise<void>): Promise<void> {
  if (fromHome) return republishHome();
  await respond({ ...ephemeral(followUpNotice(await messagesOrDefault(reader), { kind: "unknown-client" })), replace_original: false });
}

/**
 * Done and Snooze on a follow-up list: act, then redraw the list in place with a line saying what happened (on the
 * App Home, which has no response_url, the whole tab is published again). A second click on a stale message
 * changes nothing and says so.
 */
export function registerFollowUpButtons(app: App, services: Services): void {
  const handle = (kind: "done" | "snooze") =>
    async ({ ack, body, action, respond, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
      await ack();
      const ctx = contextOf(body);
      const fromHome = body.view?.type === "home";
      const target = parseFollowUpButtonValue(action.value);
      const reader = readerOnce(services, ctx);
      // A value we did not write names no client: the user hears so, as for a client that is gone.
      if (!target) return void (await unknownClient(reader, respond, fromHome, () => publishHome(client, services, ctx, logger)));
      try {
        const result =
          kind === "done"
            ? await services.followUps.done(ctx, target.clientId, target.dueOn)
            : await services.followUps.snooze(ctx, target.clientId, target.dueOn, SNOOZE_DAYS[action.action_id] ?? 1);
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
  app.action<BlockButtonAction>(ACTIONS.followUpSnoozeUntil, async ({ ack, body, action, respond, client, logger }) => {
    await ack();
    const ctx = contextOf(body);
    const fromHome = body.view?.type === "home";
    const target = parseFollowUpButtonValue(action.value);
    const reader = readerOnce(services, ctx);
    const found = target ? await services.clients.findById(ctx, target.clientId) : null;
    if (!target || !found) return void (await unknownClient(reader, respond, fromHome, () => publishHome(client, services, ctx, logger)));
    try {
      const { t, today } = await reader();
      const view = buildSnoozeModal(t, { clientName: found.name, dueOn: target.dueOn, today, origin: { buttonValue: action.value ?? "", fromHome } });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      logger.warn("could not open the snooze modal", error instanceof Error ? error.message : String(error));
      if (!fromHome) await respond({ ...(await apology(reader)), replace_original: false });
    }
  });
  app.action<BlockButtonAction>(ACTIONS.followUpDone, handle("done"));
  app.action<BlockButtonAction>(ACTIONS.followUpSnoozeDay, handle("snooze"));
  app.action<BlockButtonAction>(ACTIONS.followUpSnoozeWeek, handle("snooze"));
}
