// "Did you mean" for client names. Works on code points of the lookup keys, so it needs no word boundaries
// and treats CJK, emoji and Latin alike.

import { clientNameKey } from "./text.ts";

/** Below this, a candidate is noise — shown only when nothing scores higher. */
export const MIN_SIMILARITY = 0.3;

// Edit distance is quadratic; names are at most 200 code points, and a /tier reply must come within Slack's
// 3 seconds even for thousands of clients, so distances look at the first 64 code points only.
const MAX_EDIT_LENGTH = 64;

/** Levenshtein distance between code-point arrays; semiGlobal: `a` may match anywhere inside `b` for free. */
function editDistance(a: readonly string[], b: readonly string[], semiGlobal: boolean): number {
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = semiGlobal ? 0 : j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return semiGlobal ? Math.min(...previous) : (previous[b.length] ?? 0);
}

/**
 * Similarity in [0, 1] of two lookup keys: the best of containment ("acme" in "acme trading"), whole-name
 * edit distance (typos), and a typo inside a longer name ("acne" vs "acme industrial"), the last one
 * discounted because partial matches of short queries are weak evidence.
 */
export function nameSimilarity(queryKey: string, candidateKey: string): number {
  if (queryKey === "" || candidateKey === "") return 0;
  if (queryKey === candidateKey) return 1;
  const q = [...queryKey];
  const c = [...candidateKey];
  const [shortKey, longKey] = q.length <= c.length ? [queryKey, candidateKey] : [candidateKey, queryKey];
  const contained = longKey.includes(shortKey);
  const shorter = Math.min(q.length, c.length);
  const longer = Math.max(q.length, c.length);
  // Containment: the closer in length, the likelier; a name that starts with what was typed beats one that
  // merely contains it.
  let best = contained ? 0.6 + 0.35 * (shorter / longer) + (longKey.startsWith(shortKey) ? 0.04 : 0) : 0;
  const qe = q.slice(0, MAX_EDIT_LENGTH);
  const ce = c.slice(0, MAX_EDIT_LENGTH);
  best = Math.max(best, 1 - editDistance(qe, ce, false) / Math.max(qe.length, ce.length));
  if (!contained && qe.length >= 3 && qe.length < ce.length) {
    // Squared, so one typo in a short query still counts but two in four letters ("acme" ~ "apex") do not.
    best = Math.max(best, 0.85 * (1 - editDistance(qe, ce, true) / qe.length) ** 2);
  }
  // Only identical keys score 1 (the capped distances could otherwise call two long names equal).
  return Math.min(best, 0.99);
}

const collator = new Intl.Collator("en");

/**
 * The candidates most like `query`, best first, at most `limit`. Candidates below {@link MIN_SIMILARITY} are
 * dropped unless none reaches it (then the best few still help the user). Ties: alphabetical, then input order.
 */
export function closestNames(query: string, candidates: readonly string[], limit = 5): string[] {
  const queryKey = clientNameKey(query);
  if (queryKey === "" || limit <= 0) return [];
  const seen = new Set<string>();
  const scored: { name: string; score: number; index: number }[] = [];
  candidates.forEach((name, index) => {
    if (seen.has(name)) return;
    seen.add(name);
    const score = nameSimilarity(queryKey, clientNameKey(name));
    if (score > 0) scored.push({ name, score, index });
  });
  scored.sort((a, b) => b.score - a.score || collator.compare(a.name, b.name) || a.index - b.index);
  const good = scored.filter((s) => s.score >= MIN_SIMILARITY);
  return (good.length > 0 ? good : scored).slice(0, Math.floor(limit)).map((s) => s.name);
}
