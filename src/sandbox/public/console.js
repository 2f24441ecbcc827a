// The sandbox console: a Slack-like client for one workspace. Who you are, the channel and the bot's DM and App
// Home, modals, and the scheduled jobs. Every action goes to the console server, which signs it for the bot.
import { readViewState, renderBlocks, showErrors, textObject } from "./blocks.js";

const $ = (id) => document.getElementById(id);
/** Slack's own user id for Slackbot, who says what Slack itself says (an unknown command). */
const SLACKBOT = "USLACKBOT";
const JOB_HINTS = {
  nudges: "morning DMs: each rep's overdue and due-today follow-ups",
  rescore: "re-evaluate every client's score and tier",
  risk: "risk alerts to owners when a client enters a risk state",
  digest: "managers' weekly digest of key clients",
};
const EXAMPLES = ["/followups", "/tier Yangtze", "/log Gulf Desalination call Agreed the term sheet next:fri", "/log", "/client list mine", "/team"];

const state = {
  boot: null,
  user: null,
  target: null, // a channel id, or "app"
  appTab: "messages",
  rendered: { messages: "", modal: "", home: "", channels: "" },
  seenDm: new Map(),
};

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json;
}

const person = (id) => state.boot.people.find((p) => p.id === id);
const me = () => person(state.user);
const dm = () => `D${state.user}`;
const currentChannel = () => (state.target === "app" ? dm() : state.target);

function renderCtx(extra = {}) {
  return {
    document,
    people: state.boot.people,
    userName: (id) => (id === state.boot.bot.id ? state.boot.bot.name : person(id)?.name),
    channelName: (id) => state.boot.channels.find((c) => c.id === id)?.name,
    timeZone: me().tz,
    locale: me().locale,
    onAction: () => undefined,
    loadOptions: async () => ({ options: [] }),
    ...extra,
  };
}

function initials(name) {
  return name.split(/\s+/).map((w) => w[0]).join("").slice(0, 2).toUpperCase();
}

function timeOf(ts) {
  const seconds = Number(String(ts).split(".")[0]);
  if (!Number.isFinite(seconds) || seconds === 0) return "";
  return new Intl.DateTimeFormat(me().locale, { hour: "numeric", minute: "2-digit", timeZone: me().tz }).format(new Date(seconds * 1000));
}

function renderMessage(message) {
  const bot = message.author === state.boot.bot.id;
  const system = message.author === "console";
  const slackbot = message.author === SLACKBOT;
  const author = bot ? state.boot.bot.name : system ? "Sandbox console" : slackbot ? "Slackbot" : (person(message.author)?.name ?? message.author);
  const article = document.createElement("article");
  article.className = `message${message.visibleTo ? " ephemeral" : ""}${message.command ? " command" : ""}${system ? " system" : ""}${slackbot ? " slackbot" : ""}`;
  article.dataset.messageId = message.id;
  const avatar = document.createElement("div");
  avatar.className = `avatar${bot ? " bot" : ""}`;
  avatar.textContent = bot ? "F" : system ? "i" : slackbot ? "S" : initials(author);
  const content = document.createElement("div");
  content.className = "content";
  const meta = document.createElement("div");
  meta.className = "meta";
  const name = document.createElement("span");
  name.className = "author";
  name.textContent = author;
  meta.append(name);
  if (bot) meta.append(Object.assign(document.createElement("span"), { className: "app-badge", textContent: "APP" }));
  meta.append(Object.assign(document.createElement("time"), { textContent: timeOf(message.ts) }));
  if (message.visibleTo) meta.append(Object.assign(document.createElement("span"), { className: "only-you", textContent: "Only visible to you" }));
  if (message.edited) meta.append(Object.assign(document.createElement("span"), { className: "edited", textContent: "(edited)" }));
  const body = document.createElement("div");
  body.className = "body";
  const ctx = renderCtx({
    onAction: (action) => act({ messageId: message.id, action }),
  });
  if (message.command) {
    body.append(Object.assign(document.createElement("code"), { textContent: message.text }));
  } else if (message.blocks?.length) {
    body.append(renderBlocks(message.blocks, ctx));
  } else {
    body.append(textObject({ type: bot || system || slackbot ? "mrkdwn" : "plain_text", text: message.text }, ctx));
  }
  content.append(meta, body);
  article.append(avatar, content);
  return article;
}

async function act(payload) {
  try {
    await api("POST", "/api/action", { user: state.user, ...payload });
  } catch (error) {
    toast(`The button failed: ${error.message}`);
  }
  await refresh();
}

function toast(text) {
  const item = document.createElement("li");
  item.textContent = text;
  $("job-results").prepend(item);
}

function renderMessages(messages) {
  const key = JSON.stringify([state.user, currentChannel(), messages]);
  if (key === state.rendered.messages) return;
  state.rendered.messages = key;
  const list = $("messages");
  list.replaceChildren(...messages.map(renderMessage));
  if (messages.length === 0) {
    const empty = document.createElement("p");
    empty.className = "empty";
    empty.textContent = state.target === "app"
      ? "Your DMs with the bot appear here: confirmations, and the morning nudges once the nudges job runs."
      : "Type a slash command below: the bot's replies appear here, visible only to you.";
    list.append(empty);
  }
  list.scrollTop = list.scrollHeight;
}

function renderHome(home) {
  const key = JSON.stringify([state.user, home?.id, home?.hash]);
  if (key === state.rendered.home) return;
  state.rendered.home = key;
  const container = $("home");
  if (!home) {
    container.replaceChildren(Object.assign(document.createElement("p"), { className: "empty", textContent: "Opening the App Home…" }));
    return;
  }
  container.replaceChildren(renderBlocks(home.blocks, renderCtx({ onAction: (action) => act({ viewId: home.id, action, stateValues: readViewState(container) }) })));
}

function renderModal(modal) {
  const key = JSON.stringify([state.user, modal?.id, modal?.hash]);
  if (key === state.rendered.modal) return;
  state.rendered.modal = key;
  const backdrop = $("modal-backdrop");
  if (!modal) {
    backdrop.hidden = true;
    return;
  }
  $("modal-title").textContent = modal.title?.text ?? "";
  $("modal-submit").textContent = modal.submit?.text ?? "Submit";
  $("modal-submit").hidden = !modal.submit;
  $("modal-close").textContent = modal.close?.text ?? "Cancel";
  const body = $("modal-body");
  body.dataset.viewId = modal.id;
  body.replaceChildren(
    renderBlocks(modal.blocks, renderCtx({
      onAction: (action) => act({ viewId: modal.id, action, stateValues: readViewState(body) }),
      loadOptions: (request) => api("POST", "/api/options", { user: state.user, viewId: modal.id, actionId: request.action_id, blockId: request.block_id, value: request.value }),
    })),
  );
  backdrop.hidden = false;
  body.querySelector("input, textarea, select")?.focus();
}

let refreshing = null;
let again = false;
async function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      const query = new URLSearchParams({ user: state.user, channel: currentChannel() });
      const view = await api("GET", `/api/state?${query}`);
      renderChannels(view.channels);
      renderMessages(view.messages);
      renderHome(view.home);
      renderModal(view.modal);
      const seen = state.seenDm.get(state.user) ?? 0;
      if (state.target === "app" && state.appTab === "messages") state.seenDm.set(state.user, view.dmCount);
      const unread = Math.max(0, view.dmCount - (state.seenDm.get(state.user) ?? seen));
      $("dm-badge").hidden = unread === 0;
      $("dm-badge").textContent = String(unread);
    } while (again);
  })().finally(() => (refreshing = null));
  return refreshing;
}

/** The sidebar's channels: #sales-team, and any channel the bot posts in (e.g. a risk alert channel). */
function renderChannels(channels) {
  const key = JSON.stringify(channels);
  if (key === state.rendered.channels) return;
  state.rendered.channels = key;
  state.boot.channels = channels;
  $("channel-list").replaceChildren(
    ...channels.map((channel) => {
      const item = document.createElement("li");
      const link = document.createElement("button");
      link.type = "button";
      link.className = `nav-item${state.target === channel.id ? " active" : ""}`;
      link.dataset.target = channel.id;
      link.textContent = `# ${channel.name}`;
      link.addEventListener("click", () => selectTarget(channel.id));
      item.append(link);
      return item;
    }),
  );
}

function selectTarget(target, tab) {
  state.target = target;
  if (tab) state.appTab = tab;
  const isApp = target === "app";
  for (const item of document.querySelectorAll(".nav-item")) item.classList.toggle("active", item.dataset.target === target);
  $("channel-title").textContent = isApp ? state.boot.bot.name : `# ${state.boot.channels.find((c) => c.id === target)?.name ?? target}`;
  $("app-tabs").hidden = !isApp;
  const home = isApp && state.appTab === "home";
  $("tab-home").setAttribute("aria-selected", String(home));
  $("tab-messages").setAttribute("aria-selected", String(isApp && !home));
  // The manifest makes the bot's Messages tab read-only: as in Slack, a note instead of the composer.
  const readOnly = isApp && !home && state.boot.app.messagesTab.readOnly;
  $("home").hidden = !home;
  $("messages").hidden = home;
  $("composer").hidden = home || readOnly;
  $("read-only-note").hidden = !readOnly;
  $("composer-input").placeholder = isApp ? `Message ${state.boot.bot.name}, or a command such as /followups` : "Message #sales-team, or a command such as /tier Yangtze";
  state.rendered.messages = "";
  if (home) void api("POST", "/api/home", { user: state.user }).then(refresh, (error) => toast(error.message));
  void refresh();
}

function selectUser(id) {
  state.user = id;
  localStorage.setItem("sandbox-user", id);
  const p = me();
  $("who").value = id;
  $("who-detail").textContent = `${p.title} · ${p.tz}`;
  state.rendered = { ...state.rendered, messages: "", modal: "", home: "" };
  selectTarget(state.target, state.appTab);
}

function setUpJobs() {
  const list = $("job-list");
  for (const job of state.boot.jobs) {
    const item = document.createElement("li");
    const run = document.createElement("button");
    run.type = "button";
    run.className = "bk-button";
    run.textContent = `Run ${job.name}`;
    run.disabled = !job.available;
    run.addEventListener("click", async () => {
      const at = $("as-of").value;
      run.disabled = true;
      try {
        const result = await api("POST", "/api/jobs", { job: job.name, ...(at ? { at } : {}) });
        const said = result.summary ?? result.error ?? result.kind;
        toast(`As of ${result.at.replace("T", " ").slice(0, 16)} UTC: ${said}`);
      } catch (error) {
        toast(`${job.name}: ${error.message}`);
      } finally {
        run.disabled = false;
      }
      await refresh();
    });
    const hint = document.createElement("span");
    hint.className = "muted";
    hint.textContent = job.available ? (JOB_HINTS[job.name] ?? "") : `not available: ${job.reason}`;
    item.append(run, hint);
    list.append(item);
  }
}

async function main() {
  state.boot = await api("GET", "/api/bootstrap");
  document.title = `${state.boot.team.name}: Client Follow-ups sandbox`;
  $("team-name").textContent = state.boot.team.name;
  $("bot-name").textContent = state.boot.bot.name;
  for (const p of state.boot.people) {
    const option = document.createElement("option");
    option.value = p.id;
    option.textContent = `${p.name} (${p.role})`;
    $("who").append(option);
  }
  renderChannels(state.boot.channels);
  $("nav-app").addEventListener("click", () => selectTarget("app", "messages"));
  $("tab-home").addEventListener("click", () => selectTarget("app", "home"));
  $("tab-messages").addEventListener("click", () => selectTarget("app", "messages"));
  $("who").addEventListener("change", () => selectUser($("who").value));
  for (const example of EXAMPLES) {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = "chip";
    chip.textContent = example;
    chip.addEventListener("click", () => {
      $("composer-input").value = example;
      $("composer-input").focus();
    });
    $("suggestions").append(chip);
  }
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("composer-input");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    try {
      await api("POST", "/api/message", { user: state.user, channel: currentChannel(), text });
    } catch (error) {
      toast(`Not sent: ${error.message}`);
    }
    await refresh();
  });
  $("modal-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = $("modal-body");
    const result = await api("POST", "/api/submit", { user: state.user, viewId: body.dataset.viewId, values: readViewState(body) }).catch((error) => ({ ok: false, failure: error.message }));
    if (result.errors) showErrors(body, result.errors);
    if (result.failure) toast(`The form failed: ${result.failure}`);
    await refresh();
  });
  const close = async () => {
    await api("POST", "/api/close", { user: state.user });
    await refresh();
  };
  $("modal-close").addEventListener("click", close);
  $("modal-x").addEventListener("click", close);
  setUpJobs();
  const asOf = new Date(state.boot.now);
  $("as-of").placeholder = asOf.toISOString().slice(0, 16);
  const saved = localStorage.getItem("sandbox-user");
  const requested = new URLSearchParams(location.search).get("as");
  const first = [requested, saved].find((id) => id && person(id)) ?? state.boot.people[0].id;
  state.target = state.boot.channels[0].id;
  selectUser(first);
  const events = new EventSource("/api/events");
  events.addEventListener("change", () => void refresh());
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.body.textContent = `The sandbox console could not start: ${error.message}`;
});
