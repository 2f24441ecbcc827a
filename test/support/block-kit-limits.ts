/**
 * Slack's Block Kit limits (docs/SLACK.md "Block Kit limits"), checked on a built payload: a message body
 * (`{ text?, blocks? }`), a modal or an App Home view. `blockKitProblems` walks every block and element and
 * returns one line per breach (empty when the payload is within limits), so a test can
 * `expect(blockKitProblems(payload)).toEqual([])` and read every problem at once.
 *
 * Lengths are counted in Unicode code points, as the product's own limits and `truncateText` count them.
 *
 * `mentionProblems` is the other half of rendering user text safely: no `<!channel>`-style broadcast and no
 * `<@U…>` mention in mrkdwn or the fallback text unless the bot itself put it there.
 */

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  radioOptions: 10,
  checkboxOptions: 10,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMax: 3000,
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  actionId: 255,
  blockId: 255,
} as const;

/** A message body, or a view (modal, App Home); other keys (`response_type`, `title`…) are allowed. */
export type BlockKitPayload =
  | { text?: unknown; blocks?: unknown[] }
  | { type: string; blocks: unknown[]; title?: unknown; submit?: unknown; close?: unknown; callback_id?: unknown; private_metadata?: unknown };
type Rec = Record<string, unknown>;

const isRecord = (value: unknown): value is Rec => typeof value === "object" && value !== null && !Array.isArray(value);
const length = (s: string) => [...s].length;

class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Map<string, string>();

  report(where: string, problem: string): void {
    this.problems.push(`${where}: ${problem}`);
  }

  max(where: string, value: string, limit: number): void {
    const n = length(value);
    if (n > limit) this.report(where, `${n} characters, limit ${limit}`);
  }

  /** A text object: `{ type: "plain_text" | "mrkdwn", text }`, non-empty and within `limit`. */
  textObject(where: string, value: unknown, limit: number, allowed: readonly string[] = ["plain_text", "mrkdwn"]): void {
    if (!isRecord(value)) return this.report(where, "missing text object");
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      this.report(`${where}.type`, `${JSON.stringify(value.type)} is not ${allowed.join(" or ")}`);
    }
    if (typeof value.text !== "string") return this.report(`${where}.text`, "missing text");
    if (value.text.length === 0) this.report(`${where}.text`, "empty text");
    this.max(`${where}.text`, value.text, limit);
  }

  plainText(where: string, value: unknown, limit: number): void {
    this.textObject(where, value, limit, ["plain_text"]);
  }

  optionalPlainText(where: string, value: unknown, limit: number): void {
    if (value !== undefined) this.plainText(where, value, limit);
  }

  id(where: string, value: unknown, limit: number): void {
    if (value === undefined) return;
    if (typeof value !== "string" || value.length === 0) return this.report(where, "must be a non-empty string");
    this.max(where, value, limit);
  }

  option(where: string, value: unknown): void {
    if (!isRecord(value)) return this.report(where, "not an option object");
    this.textObject(`${where}.text`, value.text, BLOCK_KIT_LIMITS.optionText);
    if (typeof value.value !== "string") this.report(`${where}.value`, "missing value");
    else this.max(`${where}.value`, value.value, BLOCK_KIT_LIMITS.optionValue);
    if (value.description !== undefined) this.textObject(`${where}.description`, value.description, BLOCK_KIT_LIMITS.optionDescription);
  }

  options(where: string, value: unknown, limit: number): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) return this.report(where, "must be an array");
    if (value.length > limit) this.report(where, `${value.length} options, limit ${limit}`);
    value.forEach((option, i) => this.option(`${where}[${i}]`, option));
  }

  element(where: string, value: unknown): void {
    if (!isRecord(value)) return this.report(where, "not an element object");
    const actionId = value.action_id;
    this.id(`${where}.action_id`, actionId, BLOCK_KIT_LIMITS.actionId);
    if (typeof actionId === "string") {
      const seen = this.actionIds.get(actionId);
      // Slack wants action_ids unique within a block; across blocks they may repeat (e.g. one button per row).
      const block = where.replace(/\.(elements|accessory|element).*$/, "");
      if (seen === block) this.report(`${where}.action_id`, `duplicate action_id "${actionId}" in ${block}`);
      this.actionIds.set(actionId, block);
    }
    this.optionalPlainText(`${where}.placeholder`, value.placeholder, BLOCK_KIT_LIMITS.placeholder);
    switch (value.type) {
      case "button":
        this.plainText(`${where}.text`, value.text, BLOCK_KIT_LIMITS.buttonText);
        if (value.value !== undefined) {
          if (typeof value.value !== "string") this.report(`${where}.value`, "must be a string");
          else this.max(`${where}.value`, value.value, BLOCK_KIT_LIMITS.buttonValue);
        }
        if (typeof value.url === "string") this.max(`${where}.url`, value.url, BLOCK_KIT_LIMITS.buttonUrl);
        break;
      case "static_select":
      case "multi_static_select":
      case "overflow":
        this.options(`${where}.options`, value.options, value.type === "overflow" ? 5 : BLOCK_KIT_LIMITS.selectOptions);
        if (value.initial_option !== undefined) this.option(`${where}.initial_option`, value.initial_option);
        break;
      case "external_select":
      case "multi_external_select":
        if (value.initial_option !== undefined) this.option(`${where}.initial_option`, value.initial_option);
        break;
      case "radio_buttons":
        this.options(`${where}.options`, value.options, BLOCK_KIT_LIMITS.radioOptions);
        if (value.initial_option !== undefined) this.option(`${where}.initial_option`, value.initial_option);
        break;
      case "checkboxes":
        this.options(`${where}.options`, value.options, BLOCK_KIT_LIMITS.checkboxOptions);
        break;
      case "plain_text_input": {
        const max = value.max_length;
        if (typeof max === "number" && (max < 1 || max > BLOCK_KIT_LIMITS.plainTextInputMax)) {
          this.report(`${where}.max_length`, `${max} is outside 1-${BLOCK_KIT_LIMITS.plainTextInputMax}`);
        }
        if (typeof value.initial_value === "string") {
          this.max(`${where}.initial_value`, value.initial_value, typeof max === "number" ? Math.min(max, BLOCK_KIT_LIMITS.plainTextInputMax) : BLOCK_KIT_LIMITS.plainTextInputMax);
        }
        break;
      }
      case "datepicker":
        if (value.initial_date !== undefined && (typeof value.initial_date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value.initial_date))) {
          this.report(`${where}.initial_date`, `${JSON.stringify(value.initial_date)} is not YYYY-MM-DD`);
        }
        break;
      case "image":
      case "users_select":
      case "conversations_select":
      case "channels_select":
      case "timepicker":
      case "datetimepicker":
      case "number_input":
      case "email_text_input":
      case "url_text_input":
      case "multi_users_select":
      case "multi_conversations_select":
      case "multi_channels_select":
        break;
      default:
        this.report(`${where}.type`, `unknown element type ${JSON.stringify(value.type)}`);
    }
  }

  block(where: string, value: unknown): void {
    if (!isRecord(value)) return this.report(where, "not a block object");
    if (value.block_id !== undefined) {
      this.id(`${where}.block_id`, value.block_id, BLOCK_KIT_LIMITS.blockId);
      if (typeof value.block_id === "string") {
        if (this.blockIds.has(value.block_id)) this.report(`${where}.block_id`, `duplicate block_id "${value.block_id}"`);
        this.blockIds.add(value.block_id);
      }
    }
    switch (value.type) {
      case "section": {
        if (value.text === undefined && value.fields === undefined) this.report(where, "a section needs text or fields");
        if (value.text !== undefined) this.textObject(`${where}.text`, value.text, BLOCK_KIT_LIMITS.sectionText);
        if (value.fields !== undefined) {
          if (!Array.isArray(value.fields)) {
            this.report(`${where}.fields`, "must be an array");
          } else {
            if (value.fields.length > BLOCK_KIT_LIMITS.sectionFields) {
              this.report(`${where}.fields`, `${value.fields.length} fields, limit ${BLOCK_KIT_LIMITS.sectionFields}`);
            }
            value.fields.forEach((field, i) => this.textObject(`${where}.fields[${i}]`, field, BLOCK_KIT_LIMITS.fieldText));
          }
        }
        if (value.accessory !== undefined) this.element(`${where}.accessory`, value.accessory);
        break;
      }
      case "header":
        this.plainText(`${where}.text`, value.text, BLOCK_KIT_LIMITS.headerText);
        break;
      case "context": {
        const elements = Array.isArray(value.elements) ? value.elements : [];
        if (elements.length === 0) this.report(`${where}.elements`, "a context needs at least one element");
        if (elements.length > BLOCK_KIT_LIMITS.contextElements) {
          this.report(`${where}.elements`, `${elements.length} elements, limit ${BLOCK_KIT_LIMITS.contextElements}`);
        }
        elements.forEach((element, i) => {
          if (isRecord(element) && element.type === "image") return;
          this.textObject(`${where}.elements[${i}]`, element, BLOCK_KIT_LIMITS.sectionText);
        });
        break;
      }
      case "actions": {
        const elements = Array.isArray(value.elements) ? value.elements : [];
        if (elements.length === 0) this.report(`${where}.elements`, "an actions block needs at least one element");
        if (elements.length > BLOCK_KIT_LIMITS.actionsElements) {
          this.report(`${where}.elements`, `${elements.length} elements, limit ${BLOCK_KIT_LIMITS.actionsElements}`);
        }
        elements.forEach((element, i) => this.element(`${where}.elements[${i}]`, element));
        break;
      }
      case "input":
        this.plainText(`${where}.label`, value.label, BLOCK_KIT_LIMITS.inputLabel);
        this.optionalPlainText(`${where}.hint`, value.hint, BLOCK_KIT_LIMITS.inputHint);
        this.element(`${where}.element`, value.element);
        break;
      case "divider":
        break;
      case "image":
        if (typeof value.image_url !== "string") this.report(`${where}.image_url`, "missing");
        break;
      default:
        this.report(`${where}.type`, `unknown block type ${JSON.stringify(value.type)}`);
    }
  }
}

/** Every breach of Slack's Block Kit limits in a message body, modal or App Home view; `[]` when none. */
export function blockKitProblems(payload: BlockKitPayload): string[] {
  const checker = new Checker();
  const root: Rec = isRecord(payload) ? payload : {};
  const kind = root.type === "modal" || root.type === "home" ? root.type : "message";
  const blocks = root.blocks;

  if (blocks !== undefined && !Array.isArray(blocks)) {
    checker.report("blocks", "must be an array");
  } else if (blocks) {
    const limit = kind === "message" ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
    if (blocks.length > limit) checker.report("blocks", `${blocks.length} blocks, limit ${limit} per ${kind}`);
    blocks.forEach((block, i) => checker.block(`blocks[${i}]`, block));
  }

  if (kind === "message") {
    if (root.text !== undefined) {
      if (typeof root.text !== "string") checker.report("text", "must be a string");
      else {
        if (root.text.length === 0 && !(Array.isArray(blocks) && blocks.length > 0)) checker.report("text", "empty message");
        checker.max("text", root.text, BLOCK_KIT_LIMITS.messageText);
      }
    }
  } else {
    if (kind === "modal") checker.plainText("title", root.title, BLOCK_KIT_LIMITS.modalTitle);
    checker.optionalPlainText("submit", root.submit, BLOCK_KIT_LIMITS.modalSubmit);
    checker.optionalPlainText("close", root.close, BLOCK_KIT_LIMITS.modalClose);
    const hasInput = Array.isArray(blocks) && blocks.some((b) => isRecord(b) && b.type === "input");
    if (kind === "modal" && hasInput && root.submit === undefined) checker.report("submit", "a modal with inputs needs a submit button");
    checker.id("callback_id", root.callback_id, BLOCK_KIT_LIMITS.callbackId);
    if (root.private_metadata !== undefined) {
      if (typeof root.private_metadata !== "string") checker.report("private_metadata", "must be a string");
      else checker.max("private_metadata", root.private_metadata, BLOCK_KIT_LIMITS.privateMetadata);
    }
  }
  return checker.problems;
}

/**
 * The mrkdwn a reader sees rendered: every `mrkdwn` text object, plus a message's top-level fallback `text`
 * (notifications render it as mrkdwn). Plain-text objects are not parsed by Slack, so they are left out.
 */
export function mrkdwnTexts(payload: unknown): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}[${i}]`));
    if (!isRecord(node)) return;
    if (node.type === "mrkdwn" && typeof node.text === "string") out.push({ where, text: node.text });
    for (const [key, value] of Object.entries(node)) walk(value, where ? `${where}.${key}` : key);
  };
  if (isRecord(payload) && typeof payload.text === "string" && payload.type !== "modal" && payload.type !== "home") {
    out.push({ where: "text", text: payload.text });
  }
  walk(payload, "");
  return out;
}

/**
 * Broadcasts (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`) anywhere in rendered mrkdwn, and user
 * mentions other than those the bot means to make (`allowedUserIds`: owners, reps). User text must reach
 * Slack escaped (`&lt;!channel&gt;`), so any such token is a problem.
 */
export function mentionProblems(payload: unknown, allowedUserIds: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const { where, text } of mrkdwnTexts(payload)) {
    for (const match of text.matchAll(/<!(channel|here|everyone|subteam\^[^>|]*)[^>]*>/g)) {
      problems.push(`${where}: broadcast ${match[0]}`);
    }
    for (const match of text.matchAll(/<[@#]([A-Z0-9]+)(?:\|[^>]*)?>/g)) {
      if (!allowedUserIds.includes(match[1] ?? "")) problems.push(`${where}: mention ${match[0]} not made by the bot`);
    }
  }
  return problems;
}
