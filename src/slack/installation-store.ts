/**
 * @slack/oauth's InstallationStore on the project's store: Bolt's OAuth flow saves each workspace's installation
 * here and its `authorize` reads the bot token back for every request. Installations are scoped by team id; an
 * org-wide (Enterprise Grid) install is refused, as the manifest does not offer one. Tokens are never logged.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/oauth";
import type { BotTokenFor } from "../jobs/slack-delivery.ts";
import type { Store } from "../store/index.ts";

export class UnsupportedInstallationError extends Error {}

/** The bot scopes the app asks for when installed; manifest.yml declares the same list (a test compares them). */
export const BOT_SCOPES = ["commands", "chat:write", "users:read", "im:write", "im:history", "channels:history", "groups:history"] as const;

export function prismaInstallationStore(store: Pick<Store, "installations">, now: () => Date): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      if (installation.isEnterpriseInstall || !teamId) throw new UnsupportedInstallationError("org-wide installs are not supported: install the app in each workspace");
      if (!installation.bot) throw new UnsupportedInstallationError("the installation has no bot token");
      await store.installations.save(
        {
          workspaceId: teamId,
          workspaceName: installation.team?.name ?? null,
          enterpriseId: installation.enterprise?.id ?? null,
          appId: installation.appId ?? null,
          botToken: installation.bot.token,
          botId: installation.bot.id ?? null,
          botUserId: installation.bot.userId,
          botScopes: installation.bot.scopes,
          installerId: installation.user.id,
        },
        now(),
      );
    },

    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<"v2", false>> {
      const row = query.teamId ? await store.installations.find(query.teamId) : null;
      // Bolt turns this into an authorization failure: the request is acknowledged and no listener runs.
      if (!row) throw new Error(`no installation for team ${query.teamId ?? "(none)"}${query.enterpriseId ? ` of enterprise ${query.enterpriseId}` : ""}`);
      return {
        team: { id: row.workspaceId },
        enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
        user: { id: row.installerId, token: undefined, scopes: undefined },
        bot: { token: row.botToken, scopes: row.botScopes, id: row.botId ?? "", userId: row.botUserId },
        ...(row.appId ? { appId: row.appId } : {}),
        tokenType: "bot",
        isEnterpriseInstall: false,
        authVersion: "v2",
      };
    },

    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      if (query.teamId) await store.installations.remove(query.teamId, "app_uninstalled", now());
    },
  };
}

/** A workspace's bot token: the configured one in single-workspace mode, else the workspace's installation's. */
export function botTokenLookup(singleToken: string | undefined, store: Pick<Store, "installations">): BotTokenFor {
  return singleToken ? async () => singleToken : (workspaceId) => store.installations.botToken(workspaceId);
}
