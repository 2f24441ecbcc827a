// Vocabulary of a logged touch, shared by the /log parser, the log modal, CSV import and the store.

export const INTERACTION_TYPES = ["call", "meeting", "email", "visit", "message", "note"] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const DEFAULT_SENTIMENT: Sentiment = "neutral";

/** Limits in Unicode code points, counted after Slack entities are decoded. */
export const LIMITS = {
  summary: 3000,
  clientName: 200,
  /** Short free-text client fields: industry, region. */
  shortText: 100,
  // A sanity bound on what the /log parser reads at all: comfortably above client + summary + options,
  // so a merely over-long summary still gets the precise "summary-too-long" message.
  commandText: 20_000,
} as const;

// Widened to ReadonlySet<string> so the guards can test arbitrary strings without casts.
const TYPE_SET: ReadonlySet<string> = new Set(INTERACTION_TYPES);
const SENTIMENT_SET: ReadonlySet<string> = new Set(SENTIMENTS);

export function isInteractionType(value: unknown): value is InteractionType {
  return typeof value === "string" && TYPE_SET.has(value);
}

export function isSentiment(value: unknown): value is Sentiment {
  return typeof value === "string" && SENTIMENT_SET.has(value);
}
