/**
 * Key clients as a living list (issue 16), through signed events and commands on both stores: App Home lists a
 * rep's key clients by score with each one's next follow-up, a manager's Home says the team's key-client coverage
 * and who has the most uncovered, and `/client list key` (by score) says who carries more key clients than the rules
 * suggest, only when someone does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportKind } from "../../src/services/imports.ts";
import { mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { importCsv, startTestBot, type TestBot, openHome as openHomeAs } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const [MANAGER, REP1, REP2, OVER] = ["U0KEYMGR", "U0KEYREP1", "U0KEYREP2", "U0KEYOVER"];
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

const openHome = (user: string) => openHomeAs(t, user);

const overOak = (i: number) => `Over Oak ${String(i).padStart(2, "0")},${OVER},200000,2015-01-01`;

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("users", ["slack_id,role,manager", `${MANAGER},manager,`, `${REP1},rep,${MANAGER}`, `${REP2},rep,${MANAGER}`, `${OVER},rep,`].join("\n"));
  await load(
    "clients",
    [
      "name,owner,annual_revenue,relationship_since,lifecycle_stage,risk_level,satisfaction",
      // Key (revenue and years), A-tier, touched 3 days ago: covered.
      `Key Alder,${REP1},20000000,2010-01-01,mature,low,95`,
      // Key, tier C (cadence 90), last touched 114 days ago: uncovered, its follow-up overdue.
      `Key Birch,${REP1},500000,2020-01-01,active,,`,
      // A-tier but under 3 years: not key, listed with the other A-tier clients.
      `Apex Elm,${REP1},20000000,2025-01-01,mature,low,95`,
      // Neither.
      `Plain Pine,${REP1},50000,2025-01-01,,,`,
      // Key, never touched: uncovered.
      `Key Cedar,${REP2},300000,2019-01-01,,,`,
      `Key Dune,${REP2},300000,2018-01-01,,,`,
      ...Array.from({ length: 15 }, (_, i) => `${overOak(i + 1)},,,`),
    ].join("\n"),
  );
  await load(
    "interactions",
    ["client,rep,type,occurred_at,summary", `Key Alder,${REP1},meeting,2026-11-20T10:00:00Z,review`, `Key Birch,${REP1},call,2026-08-01T10:00:00Z,old`].join("\n"),
  );
});

afterAll(async () => {
  await t?.stop();
});

describe("key clients as a living list", () => {
  it("shows a rep their key clients, highest score first, each with its next follow-up, and their other A-tier clients apart", async () => {
    const { text } = await openHome(REP1);
    expect(text).toMatch(
      /\*Your key clients\* \(2\), highest score first\n• \*Key Alder\* · tier A · score \d+ · next follow-up due in 11 days \(Fri 4 Dec 2026\)\n• \*Key Birch\* · tier C · score \d+ · next follow-up \*overdue by 24 days\* \(due Fri 30 Oct 2026\)/,
    );
    expect(text).toMatch(/\*Your other A-tier clients\* \(1\)\n• \*Apex Elm\*: never touched/);
    expect(text).not.toContain("Plain Pine*");
    // A key client that is also A-tier is listed once among the clients (its risk lines aside).
    expect(text.match(/• \*Key Alder\* ·/g)).toHaveLength(1);
    expect(text).not.toContain("Your team's key clients");
  });

  it("shows a manager the team's key clients covered out of all, in words and a percentage, and who has the most uncovered", async () => {
    const { view, text } = await openHome(MANAGER);
    expect(text).toContain(
      `*Your team's key clients*: 1 of 4 key clients covered (25%), touched within their cadence\nMost uncovered key clients:\n• <@${REP2}>: 2 uncovered\n• <@${REP1}>: 1 uncovered`,
    );
    expect(text).toContain("*Your key clients*: none.");
    expect(mentionProblems({ blocks: view.blocks as never }, [MANAGER, REP1, REP2])).toEqual([]);
    // A rep with no reports sees no coverage.
    expect((await openHome(REP2)).text).not.toContain("Your team's key clients");
  });

  it("lists key clients by score and says who carries more than the rules suggest, only once someone does", async () => {
    const atCap = await t.slack.command("/client", "list key", { userId: REP2 });
    const atCapText = allText(atCap.json);
    expect(atCapText).toContain("Key clients (19)");
    // Highest score first: Key Alder (A) before the rest.
    expect(atCapText.indexOf("*Key Alder*")).toBeGreaterThan(-1);
    expect(atCapText.indexOf("*Key Alder*")).toBeLessThan(atCapText.indexOf("*Key Birch*"));
    expect(atCapText.indexOf("*Key Alder*")).toBeLessThan(atCapText.indexOf("*Over Oak 01*"));
    expect(atCapText).not.toContain("the rules suggest");

    await load("clients", ["name,owner,annual_revenue,relationship_since", overOak(16)].join("\n"));
    const over = await t.slack.command("/client", "list key", { userId: REP2 });
    const overText = allText(over.json);
    expect(overText).toContain(`<@${OVER}> carries 16 key clients, over the 15 the rules suggest: raise the key-client thresholds in the rules file, or accept it.`);
    expect(overText).not.toContain(`<@${REP1}> carries`);
    expect(overText).not.toContain(`<@${REP2}> carries`);
    // Another list says nothing of it.
    expect(allText((await t.slack.command("/client", "list C", { userId: REP2 })).json)).not.toContain("the rules suggest");
  });

  it("covers a team larger than SQLite's 999 bound values (the team goes to the database as one value)", async () => {
    const BIG = "U0KEYBIGMGR";
    const reps = Array.from({ length: 1200 }, (_, i) => `U0KEYBIG${String(i).padStart(4, "0")}`);
    await load("users", ["slack_id,role,manager", `${BIG},manager,`, ...reps.map((r) => `${r},rep,${BIG}`)].join("\n"));
    await load("clients", ["name,owner,annual_revenue,relationship_since", `Big Team Key,${reps[1199]},300000,2018-01-01`, `Big Team Small,${reps[0]},5000,2018-01-01`].join("\n"));
    const { text } = await openHome(BIG);
    expect(text).toContain(`*Your team's key clients*: 0 of 1 key client covered (0%), touched within their cadence\nMost uncovered key clients:\n• <@${reps[1199]}>: 1 uncovered`);
  });
});
