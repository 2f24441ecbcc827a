import type { App, MessageShortcut } from "@slack/bolt";
import { decodeSlackEntities } from "../../../domain/text.ts";
import type { Services } from "../../../services/index.ts";
import { DEFAULT_MESSAGES, type Messages } from "../../i18n/index.ts";
import { SHORTCUTS } from "../../ids.ts";
import { buildLogModal } from "../../views/log-modal.ts";
import { contextOf, readerOf } from "../request-context.ts";

/**
 * The shortcuts that open the log modal: "Log a touch" from anywhere, and "Log as a client touch" on a message,
 * which prefills the summary with the message and keeps its permalink with the touch.
 */
export function registerLogShortcuts(app: App, services: Services): void {
  app.shortcut(SHORTCUTS.logTouch, async ({ ack, shortcut, client, logger }) => {
    await ack();
    const ctx = contextOf(shortcut);
    try {
      const { t, today } = await readerOf(services, ctx);
      await client.views.open({ trigger_id: shortcut.trigger_id, view: buildLogModal(t, { today }) });
    } catch (error) {
      logger.warn("could not open the log modal", error instanceof Error ? error.message : String(error));
    }
  });

  app.shortcut<MessageShortcut>(SHORTCUTS.logMessage, async ({ ack, shortcut, client, respond, logger }) => {
    await ack();
    const ctx = contextOf(shortcut);
    let t: Messages = DEFAULT_MESSAGES; // the reader's words once read; English if even that read failed
    try {
      const reader = await readerOf(services, ctx);
      t = reader.t;
      // The permalink is a nicety: without it (Slack unreachable, no access) the message text is still logged.
      const permalink = await client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts })
        .then((answer) => answer.permalink)
        .catch(() => undefined);
      const summary = decodeSlackEntities(shortcut.message.text ?? "").trim();
      await client.views.open({ trigger_id: shortcut.trigger_id, view: buildLogModal(t, { today: reader.today, ...(summary ? { summary } : {}), ...(permalink ? { permalink } : {}) }) });
    } catch (error) {
      logger.warn("could not open the log modal from a message", error instanceof Error ? error.message : String(error));
      await respond({ response_type: "ephemeral", text: t.log.couldNotOpen }).catch(() => undefined);
    }
  });
}
