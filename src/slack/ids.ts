import { isRecordId } from "../domain/text.ts";

/** Every identifier Slack sends back to us, in one place: the views set them, the listeners match them. */
export const COMMANDS = {
  tier: "/tier",
  log: "/log",
  client: "/client",
  followups: "/followups",
  team: "/team",
} as const;

/** Callback ids of the global and message shortcuts (manifest.yml). */
export const SHORTCUTS = {
  logTouch: "log_touch",
  logMessage: "log_message",
} as const;

export const ACTIONS = {
  openLogModal: "log_open",
  showClientCard: "client_show",
  clientPicker: "client_pick",
  undoTouch: "touch_undo",
  editTouch: "touch_edit",
  followUpDone: "followup_done",
  followUpSnoozeDay: "followup_snooze_1d",
  followUpSnoozeWeek: "followup_snooze_1w",
  followUpSnoozeUntil: "followup_snooze_until",
  /** A follow-up row's overflow menu: each option stands for one of the buttons above (overflowOptionValue). */
  followUpMore: "followup_more",
} as const;

/** Snooze buttons and how many days each moves the follow-up. */
export const SNOOZE_DAYS: Record<string, number> = {
  [ACTIONS.followUpSnoozeDay]: 1,
  [ACTIONS.followUpSnoozeWeek]: 7,
};

/**
 * A follow-up button's value: the client, the due date the user saw (so a stale click is recognised) and whose
 * list it is (so the list can be redrawn after the click; ephemeral messages do not come back with the payload).
 */
export const followUpButtonValue = (clientId: string, dueOn: string, listOwnerId: string) => `${clientId}|${dueOn}|${listOwnerId}`;
export function parseFollowUpButtonValue(value: string | undefined): { clientId: string; dueOn: string; listOwnerId: string } | null {
  const match = /^([^|]+)\|(\d{4}-\d{2}-\d{2})\|([UW][A-Z0-9]+)$/.exec(value ?? "");
  // A forged value can carry anything; a client id that is no record id (a NUL byte fails PostgreSQL) names no client.
  return match && isRecordId(match[1]) ? { clientId: match[1], dueOn: match[2]!, listOwnerId: match[3]! } : null;
}

/**
 * An overflow menu option's value: the action id of the button it stands for and that button's value, so the
 * listener handles the option exactly as the button (and a message posted before the menu existed keeps working).
 */
export const overflowOptionValue = (actionId: string, value: string) => `${actionId}:${value}`;
export function parseOverflowOptionValue(optionValue: string | undefined): { actionId: string; value: string } | null {
  const match = /^([a-z0-9_]+):([\s\S]*)$/.exec(optionValue ?? "");
  return match ? { actionId: match[1]!, value: match[2]! } : null;
}

export const VIEWS = {
  logInteraction: "log_interaction",
  editInteraction: "touch_edit_form",
  snoozeFollowUp: "followup_snooze",
  editClient: "client_edit",
} as const;

/** An input whose block_id and action_id are the same word: the field's name in view.state.values. */
const inputField = <Name extends string>(name: Name) => ({ block: name, action: name }) as const;

/** block_id / action_id pairs of the client edit modal's inputs. */
export const CLIENT_EDIT = {
  owner: inputField("owner"),
  annualRevenue: inputField("annual_revenue"),
  relationshipSince: inputField("relationship_since"),
  relationshipType: inputField("relationship_type"),
  lifecycleStage: inputField("lifecycle_stage"),
  riskLevel: inputField("risk_level"),
  satisfaction: inputField("satisfaction"),
  industry: inputField("industry"),
  region: inputField("region"),
  cadenceDays: inputField("cadence_days"),
  tierOverride: inputField("tier_override"),
  overrideReason: inputField("override_reason"),
} as const;

/** block_id / action_id pairs of the snooze modal's inputs. */
export const SNOOZE_MODAL = {
  until: inputField("until"),
  reason: inputField("reason"),
} as const;

/** block_id / action_id pairs of the log modal's inputs. */
export const LOG_MODAL = {
  client: { block: "client", action: ACTIONS.clientPicker },
  type: inputField("type"),
  date: inputField("date"),
  sentiment: inputField("sentiment"),
  summary: inputField("summary"),
  next: inputField("next"),
} as const;
