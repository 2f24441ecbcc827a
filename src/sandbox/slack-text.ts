/** What Slack does to typed text before the bot sees it. Pure. */

export interface Mentionable {
  id: string;
  handle: string;
}

/**
 * A slash command's text as Slack sends it with `should_escape: true`: `&`, `<` and `>` as entities, and
 * `@handle` of a known person as `<@U…|handle>`.
 */
export function commandTextAsSlackSends(typed: string, people: readonly Mentionable[]): string {
  const escaped = typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const byHandle = new Map(people.map((p) => [p.handle.toLowerCase(), p]));
  return escaped.replace(/(^|[\s(])@([A-Za-z0-9._-]+)/g, (whole, before: string, handle: string) => {
    const person = byHandle.get(handle.toLowerCase());
    return person ? `${before}<@${person.id}|${person.handle}>` : whole;
  });
}

/** `/tier Harbour` → `{ command: "/tier", text: "Harbour" }`; plain text → null. */
export function parseSlashCommand(typed: string): { command: string; text: string } | null {
  const match = /^\s*(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i.exec(typed);
  if (!match) return null;
  return { command: match[1]!.toLowerCase(), text: (match[2] ?? "").trim() };
}
