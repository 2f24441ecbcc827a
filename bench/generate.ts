/**
 * A seeded, deterministic data set for the benchmarks: clients, reps and a few years of logged touches, written as
 * the CSV files `npm run import` reads. The same size and seed always give byte-identical files.
 *
 *   tsx bench/generate.ts --size full --out /tmp/bench-data   (or --clients N --interactions N --reps N --seed S)
 */
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";

export interface DatasetSize {
  clients: number;
  interactions: number;
  reps: number;
}

export const SIZES = {
  full: { clients: 100_000, interactions: 1_000_000, reps: 200 },
  medium: { clients: 20_000, interactions: 200_000, reps: 100 },
  small: { clients: 2_000, interactions: 20_000, reps: 20 },
  tiny: { clients: 300, interactions: 3_000, reps: 10 },
} as const satisfies Record<string, DatasetSize>;
export type SizeName = keyof typeof SIZES;

/** Touches fall in the DAYS days before this date; fixed so that the files do not depend on the day they are made. */
export const DATA_END = Date.UTC(2026, 10, 20);
const DAYS = 3 * 365;

export interface Dataset {
  dir: string;
  size: DatasetSize;
  clientsFile: string;
  interactionsFile: string;
  /** The team: each rep with a manager (one per REPS_PER_MANAGER reps), and ADMINS admins, for the weekly digest. */
  usersFile: string;
  /** Slack ids of the reps (owners of the clients and authors of the touches). */
  reps: string[];
  /** Some client names, spread over the file, for lookups. */
  sampleNames: string[];
}

/** mulberry32: small, fast, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Northwind", "Pacific", "Huaneng", "Sunrise", "Delta", "Atlas", "Meridian", "Harbor", "Summit", "Evergreen", "Orion",
  "Granite", "Silverline", "Bluewater", "Redwood", "Cedar", "Aurora", "Keystone", "Pioneer", "Lakeside", "Ironbridge",
  "Golden", "Crescent", "Falcon", "Horizon", "Jade", "Kestrel", "Lumen", "Monarch", "Nimbus", "Oakridge", "Polaris",
  "Quarry", "Riverside", "Sequoia", "Tidewater", "Union", "Vanguard", "Westfield", "Yangtze",
];
const SECTOR = [
  "Energy", "Rail", "Water", "Transport", "Infrastructure", "Solar", "Wind", "Ports", "Toll Roads", "Power", "Grid",
  "Hydro", "Metro", "Logistics", "Telecom", "Housing", "Health", "Airports", "Pipelines", "Storage",
];
const SUFFIX = ["Fund", "Partners", "Holdings", "Group", "Capital", "Co", "Trust", "Authority", "Ventures", "Development"];
const INDUSTRIES = ["energy", "infrastructure", "water", "transport", "manufacturing", "real estate", "retail", "technology"];
const REGIONS = ["north", "south", "east", "west", "central"];
const TYPES = ["call", "meeting", "email", "visit", "message", "note"] as const;
const TYPE_WEIGHTS = [0.3, 0.12, 0.3, 0.05, 0.13, 0.1];
const RELATIONSHIP_TYPES = ["strategic-cooperative", "transactional-standard", "partnership-trust", "problem-solving-service"];
const LIFECYCLE = ["prospect", "onboarding", "active", "active", "mature", "mature", "at-risk", "dormant"];
const RISK = ["low", "low", "low", "medium", "high"];
const WORDS = [
  "discussed", "the", "refinancing", "terms", "tranche", "covenant", "review", "site", "visit", "follow", "up", "on",
  "pricing", "term", "sheet", "sent", "draft", "credit", "committee", "questions", "about", "tenor", "hedging", "fees",
];

export const clientName = (index: number): string =>
  `${FIRST[index % FIRST.length]} ${SECTOR[Math.floor(index / FIRST.length) % SECTOR.length]} ${SUFFIX[Math.floor(index / (FIRST.length * SECTOR.length)) % SUFFIX.length]} ${String(index).padStart(6, "0")}`;

export const repId = (index: number): string => `U${(100000 + index).toString(36).toUpperCase()}`;
export const managerId = (index: number): string => `UM${(100000 + index).toString(36).toUpperCase()}`;
export const adminId = (index: number): string => `UA${(100000 + index).toString(36).toUpperCase()}`;
const REPS_PER_MANAGER = 10;
/** Admins get the workspace's digest: a few, at any size. */
const ADMINS = 3;

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

async function close(out: Writable): Promise<void> {
  out.end();
  await once(out, "finish");
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  let r = random();
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function generateDataset(dir: string, size: DatasetSize, seed = 7): Promise<Dataset> {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const reps = Array.from({ length: size.reps }, (_, i) => repId(i));
  const owners: number[] = [];
  const clientsFile = path.join(dir, "clients.csv");
  const clients = createWriteStream(clientsFile);
  await write(clients, "name,owner,annual_revenue,relationship_since,relationship_type,lifecycle_stage,risk_level,industry,region,satisfaction,cadence_days\n");
  for (let i = 0; i < size.clients; i++) {
    const owner = Math.floor(random() * size.reps);
    owners.push(owner);
    const revenue = Math.round(10 ** (3 + random() * 5));
    const since = isoDay(DATA_END - Math.floor(random() * 15 * 365) * 86_400_000);
    const satisfaction = random() < 0.2 ? "" : String(50 + Math.floor(random() * 51));
    const cadence = random() < 0.05 ? String(7 + Math.floor(random() * 60)) : "";
    await write(
      clients,
      `${csvCell(clientName(i))},${reps[owner]},${revenue},${since},${pick(random, RELATIONSHIP_TYPES)},${pick(random, LIFECYCLE)},${pick(random, RISK)},${pick(random, INDUSTRIES)},${pick(random, REGIONS)},${satisfaction},${cadence}\n`,
    );
  }
  await close(clients);

  // Touches in time order, as an export or a CRM dump would list them; most by the client's owner.
  const interactionsFile = path.join(dir, "interactions.csv");
  const touches = createWriteStream(interactionsFile);
  await write(touches, "client,rep,type,occurred_at,summary,sentiment,next_follow_up\n");
  const start = DATA_END - DAYS * 86_400_000;
  for (let day = 0; day < DAYS; day++) {
    const count = Math.floor(((day + 1) * size.interactions) / DAYS) - Math.floor((day * size.interactions) / DAYS);
    const times = Array.from({ length: count }, () => Math.floor(random() * 86_400) * 1000).sort((a, b) => a - b);
    for (const offset of times) {
      const at = start + day * 86_400_000 + offset;
      const client = Math.floor(random() * size.clients);
      const rep = random() < 0.9 ? owners[client]! : Math.floor(random() * size.reps);
      const words = Array.from({ length: 4 + Math.floor(random() * 10) }, () => pick(random, WORDS)).join(" ");
      const sentimentRoll = random();
      const sentiment = sentimentRoll < 0.08 ? "negative" : sentimentRoll < 0.4 ? "positive" : "neutral";
      const next = random() < 0.05 ? isoDay(at + (7 + Math.floor(random() * 30)) * 86_400_000) : "";
      await write(
        touches,
        `${csvCell(clientName(client))},${reps[rep]},${weighted(random, TYPES, TYPE_WEIGHTS)},${new Date(at).toISOString()},${csvCell(words)},${sentiment},${next}\n`,
      );
    }
  }
  await close(touches);

  // The team, written without drawing on the random stream, so the other files stay as they were.
  const usersFile = path.join(dir, "users.csv");
  const users = createWriteStream(usersFile);
  await write(users, "slack_id,role,manager\n");
  for (let a = 0; a < ADMINS; a++) await write(users, `${adminId(a)},admin,\n`);
  for (let m = 0; m * REPS_PER_MANAGER < size.reps; m++) await write(users, `${managerId(m)},manager,\n`);
  for (const [i, rep] of reps.entries()) await write(users, `${rep},rep,${managerId(Math.floor(i / REPS_PER_MANAGER))}\n`);
  await close(users);

  const sampleNames = Array.from({ length: Math.min(size.clients, 200) }, (_, i) => clientName(Math.floor((i * size.clients) / Math.min(size.clients, 200))));
  return { dir, size, clientsFile, interactionsFile, usersFile, reps, sampleNames };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const base: DatasetSize = SIZES[(flag("size") ?? "small") as SizeName] ?? SIZES.small;
  const size = {
    clients: Number(flag("clients") ?? base.clients),
    interactions: Number(flag("interactions") ?? base.interactions),
    reps: Number(flag("reps") ?? base.reps),
  };
  const started = Date.now();
  const dataset = await generateDataset(flag("out") ?? "data/bench", size, Number(flag("seed") ?? 7));
  console.error(`wrote ${dataset.clientsFile} and ${dataset.interactionsFile} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
