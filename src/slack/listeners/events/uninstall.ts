import type { App } from "@slack/bolt";
import type { Services } from "../../../services/index.ts";

/**
 * app_uninstalled and tokens_revoked (bot tokens): the workspace's tokens are deleted and its jobs stop; its data
 * stays until an admin purges it (`npm run purge -- --team T…`). Bolt delivers these without authorizing them.
 */
export function registerUninstall(app: App, services: Pick<Services, "installs">): void {
  app.event("app_uninstalled", async ({ context, logger }) => {
    if (!context.teamId) return;
    if (await services.installs.removed(context.teamId, "app_uninstalled")) logger.info(`app uninstalled from ${context.teamId}: tokens deleted, data kept until purged`);
  });
  app.event("tokens_revoked", async ({ event, context, logger }) => {
    if (!context.teamId || (event.tokens.bot ?? []).length === 0) return;
    if (await services.installs.removed(context.teamId, "tokens_revoked")) logger.info(`bot token revoked in ${context.teamId}: tokens deleted, data kept until purged`);
  });
}
