/** For the Chinese tests: the Latin words a Chinese reader would still see in a message. */

/** Names that read the same in every language. */
const SAME_IN_EVERY_LANGUAGE = ["UTC", "CLI", "CNY", "Slack", "ADMIN_USER_IDS"];

/**
 * Latin words of two letters or more in `text`, once what is not prose is set aside: code spans (what people type),
 * Slack tokens (mentions, links, dates), emoji codes, ISO weeks, names the same in every language, and `names`
 * (client names and the like that the test gave in Latin letters).
 */
export function englishLeft(text: string, names: readonly string[] = []): string[] {
  let rest = text;
  for (const name of names) rest = rest.replaceAll(name, " ");
  rest = rest
    .replace(/`[^`]*`/g, " ")
    .replace(/<[^<>]*>/g, " ")
    .replace(/:[a-z0-9_+-]+:/g, " ")
    .replace(/\b\d{4}-W\d\d\b/g, " ")
    .replace(new RegExp(`\\b(?:${SAME_IN_EVERY_LANGUAGE.join("|")})\\b`, "g"), " ");
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}
