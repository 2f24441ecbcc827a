/**
 * npm 11 runs a dependency's install scripts quietly only when package.json's `allowScripts` approves it; every
 * other one earns the "not yet covered by allowScripts" warning on each `npm ci` (and, where npm blocks unapproved
 * scripts, better-sqlite3 would not build and Prisma would not generate). The lockfile says which packages have
 * install scripts: each must be approved, and nothing else.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

interface LockEntry {
  version?: string;
  hasInstallScript?: boolean;
  inBundle?: boolean;
}

const lock = readJson("package-lock.json") as { packages?: Record<string, LockEntry> };
const manifest = readJson("package.json") as { allowScripts?: Record<string, unknown> };

/** `node_modules/a/node_modules/@scope/b` → `@scope/b`. */
const nameAt = (location: string) => location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length);

/** The package name of an allowScripts key: `better-sqlite3`, `better-sqlite3@11.10.0`, `@prisma/client@6.19.3`. */
const nameOfKey = (key: string) => {
  const at = key.indexOf("@", 1);
  return at === -1 ? key : key.slice(0, at);
};

const withScripts = Object.entries(lock.packages ?? {})
  .filter(([location, entry]) => location !== "" && entry.hasInstallScript === true && entry.inBundle !== true)
  .map(([location]) => nameAt(location));
const allowScripts = manifest.allowScripts ?? {};

describe("package.json allowScripts", () => {
  it("finds the packages with install scripts in the lockfile (better-sqlite3's build, Prisma's generate)", () => {
    expect(withScripts).toEqual(expect.arrayContaining(["better-sqlite3", "prisma", "@prisma/client", "@prisma/engines"]));
  });

  it("approves every package whose install scripts npm ci runs", () => {
    const approved = new Set(Object.entries(allowScripts).filter(([, value]) => value === true).map(([key]) => nameOfKey(key)));
    expect(withScripts.filter((name) => !approved.has(name))).toEqual([]);
  });

  it("approves nothing else, and only by name: the lockfile keeps no resolved URLs, so npm could not check a pinned version", () => {
    expect(Object.keys(allowScripts).filter((key) => !withScripts.includes(key)).sort()).toEqual([]);
    expect(Object.values(allowScripts).every((value) => value === true)).toBe(true);
  });
});
