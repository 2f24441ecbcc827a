import type { App } from "@slack/bolt";
import { buildAppHome } from "../../views/app-home.ts";

/** Publishes the App Home whenever its Home tab is opened. */
export function registerAppHome(app: App): void {
  app.event("app_home_opened", async ({ event, client, logger }) => {
    if (event.tab !== "home") return;
    try {
      await client.views.publish({ user_id: event.user, view: buildAppHome() });
    } catch (error) {
      logger.warn("could not publish App Home", error instanceof Error ? error.message : String(error));
    }
  });
}
