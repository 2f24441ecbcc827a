import { readFileSync } from "node:fs";
import path from "node:path";
import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { Services } from "../../src/services/index.ts";
import { OAUTH_REDIRECT_PATH } from "../../src/slack/app.ts";
import { COMMANDS } from "../../src/slack/ids.ts";
import { BOT_SCOPES } from "../../src/slack/installation-store.ts";
import { registerListeners } from "../../src/slack/listeners/index.ts";

// ---- the manifest, read as data --------------------------------------------------------------------------

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === "object" && value !== null && !Array.isArray(value);

function at(root: unknown, ...keys: string[]): unknown {
  let node = root;
  for (const key of keys) node = isRecord(node) ? node[key] : undefined;
  return node;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

const manifest: unknown = YAML.parse(readFileSync(path.resolve(import.meta.dirname, "../../manifest.yml"), "utf8"));

interface SlashCommand {
  command: string;
  url: unknown;
  description: unknown;
  should_escape: unknown;
}
const slashCommands: SlashCommand[] = (() => {
  const list = at(manifest, "features", "slash_commands");
  return Array.isArray(list)
    ? list.filter(isRecord).map((c) => ({ command: String(c.command), url: c.url, description: c.description, should_escape: c.should_escape }))
    : [];
})();
const manifestCommands = slashCommands.map((c) => c.command);
const botEvents = strings(at(manifest, "settings", "event_subscriptions", "bot_events"));
const botScopes = strings(at(manifest, "oauth_config", "scopes", "bot"));

// ---- what the listeners register, recorded on a stand-in App --------------------------------------------

interface Registration {
  method: string;
  id: unknown;
}

/** An App that only records which listeners are registered (commands, events, actions, views, options). */
function recordRegistrations(): Registration[] {
  const registrations: Registration[] = [];
  const recorder = new Proxy(
    {},
    {
      get: (_target, method) => (id: unknown) => {
        registrations.push({ method: String(method), id });
      },
    },
  );
  // The listeners only use services inside their handlers, which never run here.
  const services = new Proxy({}, { get: () => { throw new Error("services are not used while registering"); } });
  registerListeners(recorder as App, services as Services);
  return registrations;
}

const registrations = recordRegistrations();
const registered = (method: string) => registrations.filter((r) => r.method === method).map((r) => r.id);
const registeredCommands = registered("command");
const registeredEvents = registered("event");

// ---- tests --------------------------------------------------------------------------------------------------

describe("manifest.yml", () => {
  it("parses and names the app", () => {
    expect(isRecord(manifest)).toBe(true);
    expect(at(manifest, "display_information", "name")).toEqual(expect.any(String));
    expect(at(manifest, "features", "bot_user", "display_name")).toEqual(expect.any(String));
  });

  it("lists at least one slash command", () => expect(slashCommands.length).toBeGreaterThan(0));

  it("registers a listener for every slash command it declares, and declares every one registered", () => {
    expect([...manifestCommands].sort()).toEqual([...registeredCommands].map(String).sort());
  });

  it("declares every command in COMMANDS, and only registered ones are listed there", () => {
    expect([...manifestCommands].sort()).toEqual(Object.values(COMMANDS).sort());
  });

  it("declares each command once", () => {
    expect(new Set(manifestCommands).size).toBe(manifestCommands.length);
  });

  it.each(slashCommands.map((c) => [c.command, c] as const))("%s: a valid name of at most 32 characters, escaped", (name, command) => {
    expect(name).toMatch(/^\/[a-z0-9_-]+$/);
    expect(name.length).toBeLessThanOrEqual(32);
    expect(command.should_escape).toBe(true);
    expect(command.description).toEqual(expect.any(String));
  });

  it("sends every request to /slack/events over HTTPS", () => {
    const urls: [string, unknown][] = [
      ...slashCommands.map((c): [string, unknown] => [`command ${c.command}`, c.url]),
      ["event_subscriptions.request_url", at(manifest, "settings", "event_subscriptions", "request_url")],
      ["interactivity.request_url", at(manifest, "settings", "interactivity", "request_url")],
      ["interactivity.message_menu_options_url", at(manifest, "settings", "interactivity", "message_menu_options_url")],
    ];
    for (const [where, url] of urls) {
      expect(typeof url, where).toBe("string");
      expect(String(url), where).toMatch(/^https:\/\/[^/\s]+(\/[^\s]*)?\/slack\/events$/);
    }
  });

  it.each(["commands", "chat:write", "users:read"])("asks for the bot scope %s", (scope) => {
    expect(botScopes).toContain(scope);
  });

  it("subscribes to app_home_opened, which the App Home listener handles", () => {
    expect(registeredEvents).toContain("app_home_opened");
    expect(botEvents).toContain("app_home_opened");
    expect(at(manifest, "features", "app_home", "home_tab_enabled")).toBe(true);
  });

  it("keeps the Messages tab, where the DMs arrive, read-only: no listener reads a message sent to the bot", () => {
    expect(at(manifest, "features", "app_home", "messages_tab_enabled")).toBe(true);
    expect(at(manifest, "features", "app_home", "messages_tab_read_only_enabled")).toBe(true);
    expect(registered("message")).toEqual([]);
    expect(registeredEvents.filter((e) => typeof e === "string" && e.startsWith("message"))).toEqual([]);
  });

  it("declares exactly the shortcuts the listeners handle, a global one and a message one", () => {
    const shortcuts = (at(manifest, "features", "shortcuts") as Rec[] | undefined) ?? [];
    expect(shortcuts.map((s) => s.callback_id).sort()).toEqual([...registered("shortcut")].map(String).sort());
    expect(shortcuts.map((s) => s.type).sort()).toEqual(["global", "message"]);
    for (const shortcut of shortcuts) expect(String(shortcut.description).length).toBeLessThanOrEqual(150);
  });

  it("asks for exactly the bot scopes the OAuth install requests", () => {
    expect([...botScopes].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("sends OAuth installs back to the redirect path the bot serves, over HTTPS", () => {
    const urls = strings(at(manifest, "oauth_config", "redirect_urls"));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(new RegExp(`^https://[^/\\s]+${OAUTH_REDIRECT_PATH}$`));
  });

  it("subscribes to app_uninstalled and tokens_revoked, which remove a workspace's tokens", () => {
    expect(botEvents).toEqual(expect.arrayContaining(["app_uninstalled", "tokens_revoked"]));
  });

  it("subscribes to exactly the events the listeners handle", () => {
    expect([...botEvents].sort()).toEqual([...registeredEvents].map(String).sort());
  });

  it("enables interactivity, with an options URL, because buttons, modals and the client picker are handled", () => {
    expect(registered("action").length).toBeGreaterThan(0);
    expect(registered("view").length).toBeGreaterThan(0);
    expect(registered("options").length).toBeGreaterThan(0);
    expect(at(manifest, "settings", "interactivity", "is_enabled")).toBe(true);
    expect(at(manifest, "settings", "interactivity", "message_menu_options_url")).toEqual(expect.any(String));
  });
});
