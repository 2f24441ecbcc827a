/** Every identifier Slack sends back to us, in one place: the views set them, the listeners match them. */
export const COMMANDS = {
  tier: "/tier",
  log: "/log",
  client: "/client",
} as const;

export const ACTIONS = {
  openLogModal: "log_open",
  showClientCard: "client_show",
  clientPicker: "client_pick",
} as const;

export const VIEWS = {
  logInteraction: "log_interaction",
} as const;

/** block_id / action_id pairs of the log modal's inputs. */
export const LOG_MODAL = {
  client: { block: "client", action: ACTIONS.clientPicker },
  type: { block: "type", action: "type" },
  date: { block: "date", action: "date" },
  sentiment: { block: "sentiment", action: "sentiment" },
  summary: { block: "summary", action: "summary" },
  next: { block: "next", action: "next" },
} as const;
