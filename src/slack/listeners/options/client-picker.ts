import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { ACTIONS } from "../../ids.ts";
import { clientOption } from "../../views/log-modal.ts";
import { contextOf } from "../request-context.ts";

/** Search-as-you-type for the client picker (external_select). Slack allows 100 options; 3 seconds to answer. */
export function registerClientPicker(app: App, services: Services): void {
  app.options(ACTIONS.clientPicker, async ({ ack, body }) => {
    const matches = await services.clients.search(contextOf(body), body.value, 50);
    await ack({ options: matches.map(clientOption) });
  });
}
