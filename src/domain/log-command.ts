// Parsing the text of `/log <client> <type> <summary> [next:<when>] [sentiment:<s>]`. Pure; errors are codes
// with the facts a reply needs (limits, the offending value), turned into user text at the Slack edge.

import { LIMITS, isInteractionType, isSentiment } from "./interaction.ts";
import type { InteractionType, Sentiment } from "./interaction.ts";
import { codePointLength, decodeSlackEntities, normalizeClientName } from "./text.ts";

export const LOG_USAGE = `/log <client> <type> <summary> [next:<when>] [sentiment:positive|neutral|negative]`;

export type LogOption = "next" | "sentiment";

export type LogCommandError =
  | { code: "empty" }
  | { code: "missing-type" }
  | { code: "missing-client" }
  | { code: "missing-summary" }
  | { code: "bad-sentiment"; value: string }
  | { code: "duplicate-option"; option: LogOption }
  | { code: "client-name-too-long"; limit: number; actual: number }
  | { code: "summary-too-long"; limit: number; actual: number }
  | { code: "command-too-long"; limit: number; actual: number };

export interface LogCommand {
  /** Display form (see normalizeClientName); look the client up by clientNameKey. */
  clientName: string;
  type: InteractionType;
  summary: string;
  /** The `next:` value as typed (NFKC-folded); the caller validates it with parseWhen in the user's zone. */
  next?: string;
  sentiment?: Sentiment;
}

export type ParseLogCommandResult = { ok: true; value: LogCommand } | { ok: false; error: LogCommandError };

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokenize(s: string, from = 0): Token[] {
  const re = /\S+/gu;
  re.lastIndex = from;
  const tokens: Token[] = [];
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * The interaction type a token names: the whole word, any case, fullwidth folded; one trailing `:`, `,`, `;`
 * or `.` is allowed ("meeting: went well").
 */
function typeOf(token: string): InteractionType | undefined {
  const word = token.normalize("NFKC").toLowerCase().replace(/[:,;.]$/, "");
  return isInteractionType(word) ? word : undefined;
}

function optionOf(token: string): { key: LogOption; value: string } | undefined {
  // NFKC turns a fullwidth colon (common with CJK input methods) into ":".
  const match = /^(next|sentiment):(.*)$/isu.exec(token.normalize("NFKC"));
  if (!match) return undefined;
  const key = (match[1] ?? "").toLowerCase() === "next" ? "next" : "sentiment";
  return { key, value: match[2] ?? "" };
}

// Sentence punctuation typed right after a value ("next:friday.") is not part of it.
const stripTrailingPunctuation = (s: string): string => s.replace(/[.,;!]+$/u, "");

const QUOTES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["\u201C", "\u201D"], // macOS and iOS turn typed quotes into curly ones
]);

/**
 * A client name that contains a type word ("Global Email Ltd") can be quoted: `"Global Email Ltd" email …`.
 * Only used when a type word follows the closing quote; otherwise the plain rule applies.
 */
function quotedClient(text: string): { inner: string; typeToken: Token } | undefined {
  const start = text.search(/\S/u);
  const open = start >= 0 ? text.charAt(start) : "";
  const close = QUOTES.get(open);
  if (close === undefined) return undefined;
  const closeAt = text.indexOf(close, start + 1);
  if (closeAt < 0) return undefined;
  const typeToken = tokenize(text, closeAt + 1)[0];
  if (typeToken === undefined || typeToken.start === closeAt + 1 || typeOf(typeToken.text) === undefined) {
    return undefined;
  }
  return { inner: text.slice(start + 1, closeAt), typeToken };
}

/** Summary text as stored: line breaks kept, runs of spaces and tabs collapsed, control characters dropped. */
function cleanSummary(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/\p{Cs}/gu, "\uFFFD") // lone surrogates cannot be stored as UTF-8
    .replace(/[^\S\n]+/gu, " ")
    .replace(/[\p{Cc}]/gu, (ch) => (ch === "\n" ? ch : ""))
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const fail = (error: LogCommandError): ParseLogCommandResult => ({ ok: false, error });

/**
 * Parses `/log` text as Slack sends it (`&`, `<`, `>` escaped). The client is the text before the first
 * interaction-type word (or a quoted name); `next:` and `sentiment:` may appear anywhere after the type word
 * and are removed from the summary. Limits are counted in code points after decoding; over-long input is an
 * error, never cut. Never throws.
 */
export function parseLogCommand(rawText: string): ParseLogCommandResult {
  const text = decodeSlackEntities(rawText);
  const length = codePointLength(text);
  if (length > LIMITS.commandText) {
    return fail({ code: "command-too-long", limit: LIMITS.commandText, actual: length });
  }
  if (text.trim() === "") return fail({ code: "empty" });

  let clientText: string;
  let typeToken: Token;
  const quoted = quotedClient(text);
  if (quoted) {
    clientText = quoted.inner;
    typeToken = quoted.typeToken;
  } else {
    const found = tokenize(text).find((t) => typeOf(t.text) !== undefined);
    if (found === undefined) return fail({ code: "missing-type" });
    clientText = text.slice(0, found.start);
    typeToken = found;
  }
  const type = typeOf(typeToken.text);
  if (type === undefined) return fail({ code: "missing-type" }); // unreachable: both paths checked the token

  const clientName = normalizeClientName(clientText);
  if (clientName === "") return fail({ code: "missing-client" });
  const clientLength = codePointLength(clientName);
  if (clientLength > LIMITS.clientName) {
    return fail({ code: "client-name-too-long", limit: LIMITS.clientName, actual: clientLength });
  }

  const options: { next?: string; sentiment?: string } = {};
  const summaryPieces: string[] = [];
  let pieceStart = typeToken.end;
  const rest = tokenize(text, typeToken.end);
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (token === undefined) break;
    const option = optionOf(token.text);
    if (option === undefined) continue;
    if (options[option.key] !== undefined) return fail({ code: "duplicate-option", option: option.key });
    let value = option.value;
    let end = token.end;
    const following = rest[i + 1];
    // "next: 3d" — a space after the colon is an easy slip; take the next word as the value.
    if (value === "" && following !== undefined && optionOf(following.text) === undefined) {
      value = following.text.normalize("NFKC");
      end = following.end;
      i++;
    }
    options[option.key] = stripTrailingPunctuation(value);
    summaryPieces.push(text.slice(pieceStart, token.start));
    pieceStart = end;
  }
  summaryPieces.push(text.slice(pieceStart));

  let sentiment: Sentiment | undefined;
  if (options.sentiment !== undefined) {
    const candidate = options.sentiment.toLowerCase();
    if (!isSentiment(candidate)) return fail({ code: "bad-sentiment", value: options.sentiment });
    sentiment = candidate;
  }

  const summary = cleanSummary(summaryPieces.join(" "));
  if (summary === "") return fail({ code: "missing-summary" });
  const summaryLength = codePointLength(summary);
  if (summaryLength > LIMITS.summary) {
    return fail({ code: "summary-too-long", limit: LIMITS.summary, actual: summaryLength });
  }

  const value: LogCommand = { clientName, type, summary };
  if (options.next !== undefined) value.next = options.next;
  if (sentiment !== undefined) value.sentiment = sentiment;
  return { ok: true, value };
}
