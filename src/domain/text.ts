// Text handling for user input that crosses Slack: entity decoding/encoding, client-name normal forms,
// code-point-safe truncation and mention tokens. Pure: no Slack or I/O imports.

const DECODE_MAP: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };
const ENCODE_MAP: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Slack escapes a typed `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;` (and only those). A single left-to-right
 * pass decodes each entity exactly once, so a literally typed "&lt;" (sent as "&amp;lt;") stays "&lt;".
 */
export function decodeSlackEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt);/g, (entity) => DECODE_MAP[entity] ?? entity);
}

/**
 * Escapes text for mrkdwn. Only `&`, `<`, `>` are control characters there; neutralising `<` and `>`
 * defuses `<!channel>`, `<@U…>` and links typed by users. Inverse of {@link decodeSlackEntities}.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/[&<>]/g, (ch) => ENCODE_MAP[ch] ?? ch);
}

// Invisible characters that would make two names look identical yet differ: bidi embeddings, overrides
// and isolates (U+202A-202E, U+2066-2069), LRM/RLM/ALM, zero-width space and BOM. ZWJ (U+200D) and ZWNJ
// (U+200C) stay: emoji sequences and several scripts need them. Lone surrogates go too: they cannot be
// stored as UTF-8.
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cs}\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/** The invisible and control characters that {@link normalizeClientName} removes from `s`: distinct, in order. */
export function invisibleCharactersIn(s: string): string[] {
  return [...new Set(s.normalize("NFKC").replace(/\s/gu, " ").match(INVISIBLE_OR_CONTROL) ?? [])];
}

/**
 * The display form of a client name: NFKC (fullwidth letters, ideographic space and ligatures fold to their
 * plain forms), whitespace runs collapsed to one space, control and invisible bidi characters removed, trimmed.
 */
export function normalizeClientName(s: string): string {
  const spaced = s.normalize("NFKC").replace(/\s+/gu, " ");
  // Removing characters can bring a base letter and a combining mark together, so normalise once more.
  return spaced.replace(INVISIBLE_OR_CONTROL, "").normalize("NFKC").replace(/ {2,}/g, " ").trim();
}

/**
 * The lookup and uniqueness key of a client name: the display form, lower-cased (locale-independent).
 * Lower-casing can un-normalise a few characters (e.g. U+0130), hence the second NFKC pass. Greek final
 * sigma folds to σ as in Unicode case folding, since "Σ" lower-cases to σ or ς depending on its position.
 */
export function clientNameKey(s: string): string {
  return normalizeClientName(s).toLowerCase().normalize("NFKC").replaceAll("\u03C2", "\u03C3");
}

/** Length in Unicode code points (what users and the product limits count), not UTF-16 units. */
// Lone surrogates cannot be UTF-8, and PostgreSQL text cannot hold NUL (SQLite would): neither store keeps them.
const LONE_SURROGATE = /\p{Cs}/gu;

/** Free text as both stores can keep it: NUL bytes and lone surrogates removed, everything else as typed. */
export function storableText(s: string): string {
  return s.replaceAll("\u0000", "").replace(LONE_SURROGATE, "");
}

/** True for the shape of a record id the store issues (cuid): anything else names no record. */
export function isRecordId(s: unknown): s is string {
  return typeof s === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(s);
}

/** True when nothing would show: only spaces, control characters and invisible marks (zero-width, bidi). */
export function isBlank(s: string): boolean {
  return s.replace(INVISIBLE_OR_CONTROL, "").trim() === "";
}

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; lone surrogates count as one each.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Shortens `s` to at most `max` code points, ellipsis included. Cuts only between grapheme clusters, so
 * neither a surrogate pair nor an emoji ZWJ sequence or a letter with its accent is split.
 */
export function truncateText(s: string, max: number, ellipsis = "…"): string {
  const limit = Math.max(0, Math.floor(max));
  if (codePointLength(s) <= limit) return s;
  const ellipsisLength = codePointLength(ellipsis);
  // An ellipsis longer than the room left would itself break the limit: drop it.
  const tail = ellipsisLength <= limit ? ellipsis : "";
  const budget = limit - codePointLength(tail);
  let used = 0;
  let out = "";
  for (const { segment } of graphemes.segment(s)) {
    const size = codePointLength(segment);
    if (used + size > budget) break;
    out += segment;
    used += size;
  }
  return out + tail;
}

/**
 * The user id in a Slack mention token: `<@U123>`, `<@U123|name>`, `<@W123|name>` (enterprise users).
 * Anything else, including text around the token, gives undefined.
 */
export function parseUserMention(token: string): string | undefined {
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token.trim());
  return match?.[1];
}

/** "1 day", "3 days": a count with its noun. */
export const plural = (n: number, word: string, pluralWord = `${word}s`) => `${n} ${n === 1 ? word : pluralWord}`;

/** Scripts written without spaces between words: every character may start a word. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A name key from the start of each of its words to its end: "acme trading co" gives "acme trading co",
 * "trading co" and "co". Stored with an index, they find a name by the start of any word with a range lookup.
 * Words start after a space, and at every character of a script written without spaces ("华能国际电力" is found
 * by "国际"). The migration that backfilled existing clients split at spaces only.
 */
export function nameKeyTails(key: string): string[] {
  const chars = [...key];
  const tails: string[] = [];
  chars.forEach((char, i) => {
    const startsWord = i === 0 ? char !== " " : chars[i - 1] === " " ? char !== " " : UNSPACED_SCRIPT.test(char);
    if (startsWord) tails.push(chars.slice(i).join(""));
  });
  return [...new Set(tails)];
}
