import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";
import { publishHome } from "../home-tab.ts";

/** Publishes the App Home whenever its Home tab is opened. */
export function registerAppHome(app: App, services: Services): void {
  app.event("app_home_opened", async ({ event, body, client, logger }) => {
    if (event.tab !== "home") return;
    await publishHome(client, services, { workspaceId: body.team_id, userId: event.user }, logger);
  });
}
