import type { App, MessageShortcut } from "@slack/bolt";
import { decodeSlackEntities } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { SHORTCUTS } from "../../ids.ts";
import { buildLogModal } from "../../views/log-modal.ts";
import { contextOf } from "../request-context.ts";

/**
 * The shortcuts that open the log modal: "Log a touch" from anywhere, and "Log as a client touch" on a message,
 * which prefills the summary with the message and keeps its permalink with the touch.
 */
export function registerLogShortcuts(app: App, services: Services): void {
  app.shortcut(SHORTCUTS.logTouch, async ({ ack, shortcut, client, logger }) => {
    await ack();
    const ctx = contextOf(shortcut);
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: buildLogModal({ today: await services.profiles.today(ctx) }) });
    } catch (error) {
      logger.warn("could not open the log modal", error instanceof Error ? error.message : String(error));
    }
  });

  app.shortcut<MessageShortcut>(SHORTCUTS.logMessage, async ({ ack, shortcut, client, respond, logger }) => {
    await ack();
    const ctx = contextOf(shortcut);
    try {
      // The permalink is a nicety: without it (Slack unreachable, no access) the message text is still logged.
      const permalink = await client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts })
        .then((answer) => answer.permalink)
        .catch(() => undefined);
      const summary = decodeSlackEntities(shortcut.message.text ?? "").trim();
      const today = await services.profiles.today(ctx);
      await client.views.open({ trigger_id: shortcut.trigger_id, view: buildLogModal({ today, ...(summary ? { summary } : {}), ...(permalink ? { permalink } : {}) }) });
    } catch (error) {
      logger.warn("could not open the log modal from a message", error instanceof Error ? error.message : String(error));
      await respond({ response_type: "ephemeral", text: "I couldn't open the log form just now. Try again, or use `/log`." }).catch(() => undefined);
    }
  });
}
