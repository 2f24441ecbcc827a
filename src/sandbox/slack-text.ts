/** What Slack does to typed text before the bot sees it, and what Slack says itself. Pure. */
import { escapeMrkdwn } from "../domain/text.ts";

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

/**
 * What Slack answers, only to the person, when the command typed is none the workspace's apps declare: that it is
 * not a valid command, and (the console knows one app) that app's commands as its manifest describes them.
 */
export function unknownCommandText(command: string, app: { name: string; commands: readonly { command: string; description: string; usageHint: string }[] }): string {
  const usage = (c: { command: string; usageHint: string }) => `\`${escapeMrkdwn(c.usageHint ? `${c.command} ${c.usageHint}` : c.command)}\``;
  return [
    `\`${escapeMrkdwn(command)}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
    `*${escapeMrkdwn(app.name)}* has these commands:`,
    ...app.commands.map((c) => `• ${usage(c)}: ${escapeMrkdwn(c.description)}`),
  ].join("\n");
}
