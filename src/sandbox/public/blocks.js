// Block Kit to DOM, for messages, modals and the App Home: section (text, fields, accessory), header, divider,
// context, actions (buttons, selects, overflow menus, date pickers), input, image (its alt text: the sandbox loads
// nothing from the internet) and rich_text.
// Interactive elements call ctx.onAction(action); inputs are read back with readViewState().
import { decodeEntities, emojify, parseMrkdwn, renderMrkdwn } from "./mrkdwn.js";

let sequence = 0;
const nextId = (prefix) => `${prefix}-${++sequence}`;

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A text object: mrkdwn parsed and rendered, plain_text as is (emoji shortcodes turned into emoji). */
export function textObject(obj, ctx) {
  const doc = ctx.document;
  if (!obj) return doc.createDocumentFragment();
  if (obj.type === "mrkdwn") return renderMrkdwn(parseMrkdwn(obj.text), ctx);
  return doc.createTextNode(obj.emoji === false ? String(obj.text ?? "") : emojify(String(obj.text ?? "")));
}

/** `child` appended to a new element, which is returned. */
function wrap(doc, tag, className, child) {
  const node = el(doc, tag, className);
  node.append(child);
  return node;
}

const plain = (obj) => decodeEntities(String(obj?.text ?? ""));

function button(element, blockId, ctx) {
  const doc = ctx.document;
  const node = el(doc, "button", `bk-button${element.style ? ` ${element.style}` : ""}`);
  node.type = "button";
  node.append(textObject(element.text, ctx));
  node.addEventListener("click", () => {
    const action = { type: "button", action_id: element.action_id, block_id: blockId, text: element.text };
    if (element.value !== undefined) action.value = element.value;
    if (element.url) action.url = element.url;
    ctx.onAction(action, node);
  });
  return node;
}

function optionList(options) {
  return (options ?? []).map((o) => ({ text: o.text, value: o.value }));
}

/**
 * An overflow menu as Slack draws it: a "⋯" button that opens its options (at most 5) as a menu. Choosing one sends
 * block_actions with `selected_option`, as Slack does; Escape or leaving the menu closes it.
 */
function overflow(element, blockId, ctx) {
  const doc = ctx.document;
  const node = el(doc, "div", "bk-overflow");
  const toggle = el(doc, "button", "bk-button bk-overflow-toggle", "⋯");
  toggle.type = "button";
  toggle.setAttribute("aria-label", "More actions");
  toggle.setAttribute("aria-haspopup", "menu");
  toggle.setAttribute("aria-expanded", "false");
  const menu = el(doc, "ul", "bk-overflow-menu");
  menu.setAttribute("role", "menu");
  menu.hidden = true;
  const setOpen = (open) => {
    menu.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  };
  for (const option of (element.options ?? []).slice(0, 5)) {
    const item = el(doc, "li");
    item.setAttribute("role", "none");
    const choice = el(doc, "button", "bk-overflow-item");
    choice.type = "button";
    choice.setAttribute("role", "menuitem");
    choice.append(textObject(option.text, ctx));
    choice.addEventListener("click", () => {
      setOpen(false);
      ctx.onAction({ type: "overflow", action_id: element.action_id, block_id: blockId, selected_option: { text: option.text, value: option.value } }, choice);
    });
    item.append(choice);
    menu.append(item);
  }
  toggle.addEventListener("click", () => {
    setOpen(menu.hidden);
    if (!menu.hidden) menu.querySelector("button")?.focus();
  });
  node.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || menu.hidden) return;
    setOpen(false);
    toggle.focus();
  });
  node.addEventListener("focusout", (event) => {
    if (!node.contains(event.relatedTarget)) setOpen(false);
  });
  node.append(toggle, menu);
  return node;
}

/** A <select> for static_select and users_select. */
function select(element, blockId, ctx, inForm, labelId) {
  const doc = ctx.document;
  const node = el(doc, "select", "bk-select");
  if (labelId) node.setAttribute("aria-labelledby", labelId);
  const placeholder = el(doc, "option", "", element.placeholder ? plain(element.placeholder) : "Choose…");
  placeholder.value = "";
  node.append(placeholder);
  let options = [];
  if (element.type === "users_select") {
    options = ctx.people.map((p) => ({ text: { type: "plain_text", text: p.name }, value: p.id }));
  } else {
    options = optionList(element.options ?? (element.option_groups ?? []).flatMap((g) => g.options));
  }
  for (const option of options) {
    const item = el(doc, "option", "", plain(option.text));
    item.value = option.value;
    node.append(item);
  }
  const initial = element.type === "users_select" ? element.initial_user : element.initial_option?.value;
  if (initial !== undefined) node.value = initial;
  node.dataset.options = JSON.stringify(options);
  if (!inForm) {
    node.addEventListener("change", () => {
      const chosen = options.find((o) => o.value === node.value);
      if (!chosen) return;
      const action = element.type === "users_select"
        ? { type: element.type, action_id: element.action_id, block_id: blockId, selected_user: chosen.value }
        : { type: element.type, action_id: element.action_id, block_id: blockId, selected_option: chosen };
      ctx.onAction(action, node);
    });
  }
  return node;
}

/** external_select: type, the bot is asked for options (block_suggestion), pick one. */
function externalSelect(element, blockId, ctx, labelId) {
  const doc = ctx.document;
  const wrap = el(doc, "div", "bk-external");
  const input = el(doc, "input", "bk-input");
  input.type = "text";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  if (labelId) input.setAttribute("aria-labelledby", labelId);
  input.placeholder = element.placeholder ? plain(element.placeholder) : "Search…";
  const list = el(doc, "ul", "bk-suggestions");
  list.setAttribute("role", "listbox");
  list.hidden = true;
  wrap.append(input, list);
  let selected = element.initial_option ?? null;
  if (selected) input.value = plain(selected.text);
  wrap.readSelected = () => selected;
  let timer;
  input.addEventListener("input", () => {
    selected = null;
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < (element.min_query_length ?? 3)) {
      list.hidden = true;
      return;
    }
    timer = setTimeout(async () => {
      const answer = await ctx.loadOptions({ action_id: element.action_id, block_id: blockId, value: query });
      const options = answer.options ?? (answer.option_groups ?? []).flatMap((g) => g.options);
      list.replaceChildren();
      for (const option of options) {
        const item = el(doc, "li", "bk-suggestion", plain(option.text));
        item.setAttribute("role", "option");
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          selected = { text: option.text, value: option.value };
          input.value = plain(option.text);
          list.hidden = true;
        });
        list.append(item);
      }
      if (options.length === 0) list.append(el(doc, "li", "bk-suggestion empty", "No matches"));
      list.hidden = false;
    }, 150);
  });
  input.addEventListener("blur", () => setTimeout(() => (list.hidden = true), 150));
  return wrap;
}

function choiceGroup(element, blockId, ctx, kind, labelId) {
  const doc = ctx.document;
  const group = el(doc, "div", `bk-${kind}`);
  group.setAttribute("role", kind === "radio" ? "radiogroup" : "group");
  if (labelId) group.setAttribute("aria-labelledby", labelId);
  const name = nextId(kind);
  const initial = new Set(kind === "radio" ? [element.initial_option?.value] : (element.initial_options ?? []).map((o) => o.value));
  for (const option of element.options ?? []) {
    const label = el(doc, "label", "bk-choice");
    const input = el(doc, "input");
    input.type = kind === "radio" ? "radio" : "checkbox";
    input.name = name;
    input.value = option.value;
    input.checked = initial.has(option.value);
    input.dataset.option = JSON.stringify({ text: option.text, value: option.value });
    label.append(input, textObject(option.text, ctx));
    group.append(label);
  }
  return group;
}

/** An interactive element, in an actions block, a section accessory or an input block. */
function element(element, blockId, ctx, { inForm = false, labelId } = {}) {
  const doc = ctx.document;
  let node;
  switch (element.type) {
    case "button":
      return button(element, blockId, ctx);
    case "overflow":
      return overflow(element, blockId, ctx);
    case "static_select":
    case "users_select":
      node = select(element, blockId, ctx, inForm, labelId);
      break;
    case "external_select":
      node = externalSelect(element, blockId, ctx, labelId);
      break;
    case "datepicker":
      node = el(doc, "input", "bk-input");
      node.type = "date";
      if (element.initial_date) node.value = element.initial_date;
      if (labelId) node.setAttribute("aria-labelledby", labelId);
      if (!inForm) node.addEventListener("change", () => ctx.onAction({ type: "datepicker", action_id: element.action_id, block_id: blockId, selected_date: node.value }, node));
      break;
    case "plain_text_input":
      node = el(doc, element.multiline ? "textarea" : "input", "bk-input");
      if (!element.multiline) node.type = "text";
      if (element.initial_value) node.value = element.initial_value;
      if (element.max_length) node.maxLength = element.max_length;
      if (element.placeholder) node.placeholder = plain(element.placeholder);
      if (labelId) node.setAttribute("aria-labelledby", labelId);
      break;
    case "number_input":
      node = el(doc, "input", "bk-input");
      node.type = "number";
      node.step = element.is_decimal_allowed ? "any" : "1";
      if (element.min_value !== undefined) node.min = element.min_value;
      if (element.max_value !== undefined) node.max = element.max_value;
      if (element.initial_value !== undefined) node.value = element.initial_value;
      if (labelId) node.setAttribute("aria-labelledby", labelId);
      break;
    case "radio_buttons":
      node = choiceGroup(element, blockId, ctx, "radio", labelId);
      break;
    case "checkboxes":
      node = choiceGroup(element, blockId, ctx, "checkbox", labelId);
      break;
    case "image":
      return el(doc, "span", "bk-image", `🖼 ${element.alt_text ?? "image"}`);
    default:
      return el(doc, "span", "bk-unsupported", `[${element.type} is not shown in the sandbox console]`);
  }
  node.dataset.elementType = element.type;
  node.dataset.actionId = element.action_id ?? "";
  node.dataset.blockId = blockId ?? "";
  node.classList.add("bk-element");
  return node;
}

function block(block, ctx) {
  const doc = ctx.document;
  const blockId = block.block_id;
  switch (block.type) {
    case "section": {
      const node = el(doc, "div", "bk-section");
      const body = el(doc, "div", "bk-section-body");
      if (block.text) body.append(wrap(doc, "div", "bk-text", textObject(block.text, ctx)));
      if (block.fields?.length) {
        const fields = el(doc, "div", "bk-fields");
        for (const field of block.fields) fields.append(wrap(doc, "div", "bk-field", textObject(field, ctx)));
        body.append(fields);
      }
      node.append(body);
      if (block.accessory) node.append(wrap(doc, "div", "bk-accessory", element(block.accessory, blockId, ctx)));
      return node;
    }
    case "header":
      return el(doc, "h3", "bk-header", plain(block.text));
    case "divider":
      return el(doc, "hr", "bk-divider");
    case "context": {
      const node = el(doc, "div", "bk-context");
      for (const item of block.elements ?? []) {
        if (item.type === "image") node.append(el(doc, "span", "bk-image", `🖼 ${item.alt_text ?? ""}`));
        else node.append(wrap(doc, "span", "bk-context-item", textObject(item, ctx)));
      }
      return node;
    }
    case "actions": {
      const node = el(doc, "div", "bk-actions");
      for (const item of block.elements ?? []) node.append(element(item, blockId, ctx));
      return node;
    }
    case "input": {
      const node = el(doc, "div", "bk-input-block");
      node.dataset.blockId = blockId ?? "";
      const labelId = nextId("label");
      const label = el(doc, "label", "bk-label", plain(block.label));
      label.id = labelId;
      if (block.optional) label.append(el(doc, "span", "bk-optional", " (optional)"));
      node.append(label, element(block.element, blockId, ctx, { inForm: true, labelId }));
      if (block.hint) node.append(el(doc, "div", "bk-hint", plain(block.hint)));
      node.append(el(doc, "div", "bk-error"));
      return node;
    }
    case "image":
      return el(doc, "div", "bk-image", `🖼 ${block.alt_text ?? "image"}`);
    case "rich_text":
      return el(doc, "div", "bk-text", richText(block));
    default:
      return el(doc, "div", "bk-unsupported", `[${block.type} block is not shown in the sandbox console]`);
  }
}

function richText(node) {
  if (typeof node.text === "string") return node.text;
  return (node.elements ?? []).map(richText).join(node.type === "rich_text" ? "\n" : "");
}

/** The blocks of a message, modal or home tab. */
export function renderBlocks(blocks, ctx) {
  const node = el(ctx.document, "div", "bk-blocks");
  for (const b of blocks ?? []) node.append(block(b, ctx));
  return node;
}

/** view.state.values for the inputs under `root`, shaped as Slack sends them in a view_submission. */
export function readViewState(root) {
  const values = {};
  for (const node of root.querySelectorAll(".bk-element")) {
    const { elementType: type, actionId, blockId } = node.dataset;
    if (!actionId || !blockId) continue;
    let value;
    switch (type) {
      case "plain_text_input":
      case "number_input":
        value = { type, value: node.value === "" ? null : node.value };
        break;
      case "datepicker":
        value = { type, selected_date: node.value || null };
        break;
      case "static_select": {
        const options = JSON.parse(node.dataset.options ?? "[]");
        value = { type, selected_option: options.find((o) => o.value === node.value) ?? null };
        break;
      }
      case "users_select":
        value = { type, selected_user: node.value || null };
        break;
      case "external_select":
        value = { type, selected_option: node.readSelected?.() ?? null };
        break;
      case "radio_buttons": {
        const checked = node.querySelector("input:checked");
        value = { type, selected_option: checked ? JSON.parse(checked.dataset.option) : null };
        break;
      }
      case "checkboxes":
        value = { type, selected_options: [...node.querySelectorAll("input:checked")].map((c) => JSON.parse(c.dataset.option)) };
        break;
      default:
        continue;
    }
    (values[blockId] ??= {})[actionId] = value;
  }
  return values;
}

/** Puts a view_submission's `errors` (by block_id) on their fields. */
export function showErrors(root, errors) {
  for (const node of root.querySelectorAll(".bk-input-block")) {
    const message = errors?.[node.dataset.blockId] ?? "";
    const slot = node.querySelector(".bk-error");
    if (slot) slot.textContent = message;
    node.classList.toggle("has-error", Boolean(message));
  }
}
