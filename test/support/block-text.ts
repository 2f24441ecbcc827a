/** Every text string in a Block Kit payload, for assertions on what a person would read. */
export function allText(payload: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === "string") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") out.push(value);
        else walk(value);
      }
    }
  };
  walk(payload);
  return out.join("\n");
}

export interface EphemeralBody {
  response_type?: string;
  text: string;
  blocks?: unknown[];
}

export function asEphemeral(json: unknown): EphemeralBody {
  if (!json || typeof json !== "object" || typeof (json as { text?: unknown }).text !== "string") {
    throw new Error(`expected a message body with text, got ${JSON.stringify(json)}`);
  }
  return json as EphemeralBody;
}

/** The value of a button in a reply, by action id and client name in the section above it. */
export function buttonValue(body: { blocks?: unknown[] }, actionId: string, clientName: string): string {
  const blocks = (body.blocks ?? []) as { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
  const at = blocks.findIndex((b) => b.type === "section" && b.text?.text.includes(clientName));
  const value = blocks[at + 1]?.elements?.find((e) => e.action_id === actionId)?.value;
  if (!value) throw new Error(`no ${actionId} button for ${clientName}`);
  return value;
}

export interface OverflowOption {
  text: { type: string; text: string };
  value: string;
}

/**
 * The option of a row's overflow menu (by client name in the section above it) that stands for the button
 * `actionId`: its value is `actionId:` followed by the value the button had.
 */
export function overflowOption(body: { blocks?: unknown[] }, actionId: string, clientName: string): OverflowOption {
  const blocks = (body.blocks ?? []) as { type: string; text?: { text: string }; elements?: { type: string; options?: OverflowOption[] }[] }[];
  const at = blocks.findIndex((b) => b.type === "section" && b.text?.text.includes(clientName));
  const menu = blocks[at + 1]?.elements?.find((e) => e.type === "overflow");
  const option = menu?.options?.find((o) => o.value.startsWith(`${actionId}:`));
  if (!option) throw new Error(`no ${actionId} option in the overflow menu of ${clientName}`);
  return option;
}

/** The action part of a block_actions payload for choosing `option` in an overflow menu. */
export const overflowChoice = (option: OverflowOption) => ({ type: "overflow", selected_option: option });
