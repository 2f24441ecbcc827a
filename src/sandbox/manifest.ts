/**
 * What Slack knows of the app from manifest.yml, and so what the console, playing Slack, goes by: the app's slash
 * commands (any other is not a valid command) and its App Home's Messages tab (read-only: no composer there).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

export interface ManifestCommand {
  command: string;
  description: string;
  usageHint: string;
}

export interface AppManifest {
  name: string;
  commands: ManifestCommand[];
  messagesTab: { enabled: boolean; readOnly: boolean };
}

export const MANIFEST_FILE = fileURLToPath(new URL("../../manifest.yml", import.meta.url));

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The parts of a manifest (YAML or JSON text) the console plays; what is missing reads as Slack's default. */
export function parseManifest(source: string): AppManifest {
  const root: unknown = YAML.parse(source);
  const at = (...keys: string[]) => keys.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
  const commands = at("features", "slash_commands");
  const appHome = at("features", "app_home");
  return {
    name: text(at("display_information", "name")) || "the app",
    commands: (Array.isArray(commands) ? commands : [])
      .filter(isRecord)
      .map((c) => ({ command: text(c.command), description: text(c.description), usageHint: text(c.usage_hint) }))
      .filter((c) => c.command.startsWith("/")),
    messagesTab: {
      enabled: isRecord(appHome) && appHome.messages_tab_enabled === true,
      readOnly: isRecord(appHome) && appHome.messages_tab_read_only_enabled === true,
    },
  };
}

export function readManifest(file = MANIFEST_FILE): AppManifest {
  return parseManifest(readFileSync(file, "utf8"));
}
