/** Registers every Slack listener on the app, one surface per module. */
import type { App } from "@slack/bolt";
import type { Services } from "../../services/index.ts";
import { registerClientButtons } from "./actions/client-buttons.ts";
import { registerFollowUpButtons } from "./actions/follow-up-buttons.ts";
import { registerTouchButtons } from "./actions/touch-buttons.ts";
import { registerClientCommand } from "./commands/client.ts";
import { registerFollowUpsCommand } from "./commands/followups.ts";
import { registerTeamCommand } from "./commands/team.ts";
import { registerLogCommand } from "./commands/log.ts";
import { registerTierCommand } from "./commands/tier.ts";
import { registerAppHome } from "./events/app-home.ts";
import { registerUninstall } from "./events/uninstall.ts";
import { registerClientPicker } from "./options/client-picker.ts";
import { registerRetryGuard } from "./retries.ts";
import { registerLogShortcuts } from "./shortcuts/log-shortcuts.ts";
import { registerClientEditSubmission } from "./views/client-edit.ts";
import { registerEditTouchSubmission } from "./views/edit-touch.ts";
import { registerLogModalSubmission } from "./views/log-modal.ts";
import { registerSnoozeSubmission } from "./views/snooze.ts";

export function registerListeners(app: App, services: Services): void {
  // First: a retried or duplicated payload stops here.
  registerRetryGuard(app, services);
  registerTierCommand(app, services);
  registerLogCommand(app, services);
  registerClientCommand(app, services);
  registerFollowUpsCommand(app, services);
  registerTeamCommand(app, services);
  registerClientButtons(app, services);
  registerFollowUpButtons(app, services);
  registerTouchButtons(app, services);
  registerClientPicker(app, services);
  registerLogModalSubmission(app, services);
  registerEditTouchSubmission(app, services);
  registerClientEditSubmission(app, services);
  registerSnoozeSubmission(app, services);
  registerAppHome(app, services);
  registerLogShortcuts(app, services);
  registerUninstall(app, services);
}
