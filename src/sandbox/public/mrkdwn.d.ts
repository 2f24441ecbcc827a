// Types for the console page's mrkdwn module (plain JavaScript served to the browser), for the unit tests.
export type MrkdwnToken =
  | { type: "text"; text: string }
  | { type: "br" }
  | { type: "bold" | "italic" | "strike" | "quote"; children: MrkdwnToken[] }
  | { type: "code" | "pre"; text: string }
  | { type: "user" | "channel"; id: string; label?: string }
  | { type: "special"; name: string; label?: string }
  | { type: "date"; ts: number; format: string; link?: string; fallback: string }
  | { type: "link"; url: string; label?: string };

export function decodeEntities(text: string): string;
export function emojify(text: string): string;
export function parseMrkdwn(text: string): MrkdwnToken[];
export function formatSlackDate(ts: number, format: string, timeZone: string, locale?: string): string | null;
export function renderMrkdwn(tokens: MrkdwnToken[], ctx: unknown): unknown;
