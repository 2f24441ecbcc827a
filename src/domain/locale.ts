/** The languages the bot speaks, and which one a Slack user reads. Pure. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A Slack user locale (`users.info` with `include_locale`: "en-US", "zh-CN", "zh-TW"…) to the bot's language:
 * Simplified Chinese for any Chinese locale (closer to a Traditional reader than English), English otherwise.
 */
export function localeOf(slackLocale: string | null | undefined): Locale {
  return slackLocale && /^zh(?:[-_]|$)/i.test(slackLocale.trim()) ? "zh-CN" : "en";
}
