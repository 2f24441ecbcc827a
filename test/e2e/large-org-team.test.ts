/**
 * `/team` and the users import (`npm run import -- users`, through the import service) for a large organisation
 * (test/support/large-org.ts: 25 managers of 200 reps, 3 admins): the reply to 5,000-odd people stays within Block
 * Kit's limits, lists admins and managers first and counts the rest; an import of 5,101 rows reorganising everyone
 * lands row for row. No clients: `/team` and the users import read and write people only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { adminId, insertLargeOrg, managerId, repId, type LargeOrg } from "../support/large-org.ts";
import { importCsv, startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const TODAY = "2026-11-23";
let t: TestBot;
let org: LargeOrg;

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => new Date(`${TODAY}T10:00:00Z`) } });
  await t.bot.services.store.workspaces.ensure(TEST_TEAM);
  org = await insertLargeOrg(t.database.target, { workspaceId: TEST_TEAM, asOf: TODAY, clients: 0 });
});

afterAll(async () => {
  await t?.stop();
});

async function team() {
  const reply = await t.slack.command("/team", "", { userId: adminId(0) });
  expect(reply.status).toBe(200);
  expect(blockKitProblems(reply.json as { text: string; blocks?: unknown[] })).toEqual([]);
  const body = asEphemeral(reply.json);
  return { notification: body.text, text: allText(body) };
}

const newPerson = (n: number) => `U0NEW${String(n).padStart(4, "0")}`;

describe("/team and the users import for 5,000 people", () => {
  it("answers /team within Block Kit's limits: admins and managers listed first, the rest counted", async () => {
    expect(org.people).toHaveLength(5_028);
    const { notification, text } = await team();
    expect(notification).toBe("Team: 3 admins, 25 managers, 5000 reps");
    expect(text).toContain("Team (5028)");
    for (const person of [...org.admins, ...org.managers]) expect(text).toContain(`<@${person}>`);
    expect(text).toContain(`• <@${repId(0)}> · rep · reports to <@${managerId(0)}>`);
    expect(text.match(/• <@U/g)).toHaveLength(300);
    expect(text).toContain("…and 4728 more. `npm run export -- users` lists everyone.");
  });

  it("imports 5,101 rows reorganising everyone, row for row, and /team says so", async () => {
    const rows = [
      "slack_id,role,manager",
      // Every rep moves to the next manager along; one rep in 200 becomes a manager and keeps their own manager.
      ...org.reps.map((rep, r) => (r % 200 === 0 ? `${rep},manager,` : `${rep},,${managerId((Math.floor(r / 200) + 1) % 25)}`)),
      // 100 people the bot never saw, with no role (reps), under the first manager.
      ...Array.from({ length: 100 }, (_, n) => `${newPerson(n)},,${managerId(0)}`),
      // A later row for the same person wins.
      `${repId(1)},admin,`,
    ];
    expect(rows.length - 1).toBe(5_101);
    await importCsv(t, "users", `${rows.join("\n")}\n`);

    const stored = new Map((await t.bot.services.store.users.list(TEST_TEAM)).map((u) => [u.slackId, u]));
    expect(stored.size).toBe(5_128);
    const wrong = org.reps.filter((rep, r) => {
      const person = stored.get(rep)!;
      const team = Math.floor(r / 200);
      if (r === 1) return person.role !== "admin" || person.managerSlackId !== managerId((team + 1) % 25);
      if (r % 200 === 0) return person.role !== "manager" || person.managerSlackId !== managerId(team);
      return person.role !== "rep" || person.managerSlackId !== managerId((team + 1) % 25);
    });
    expect(wrong).toEqual([]);
    for (let n = 0; n < 100; n++) expect(stored.get(newPerson(n))).toMatchObject({ role: "rep", managerSlackId: managerId(0), active: true });
    for (const person of [...org.admins, ...org.managers]) expect(stored.get(person)).toMatchObject({ role: person.startsWith("U0ADM") ? "admin" : "manager" });
    // Manager 1 now has manager 0's reps but the one promoted (199, the new admin among them), and keeps the one of
    // their own promoted to manager.
    expect(await t.bot.services.store.users.reportsOf(TEST_TEAM, managerId(1))).toHaveLength(199 + 1);

    const { notification, text } = await team();
    expect(notification).toBe("Team: 4 admins, 50 managers, 5074 reps");
    expect(text).toContain("Team (5128)");
    expect(text).toContain(`<@${repId(200)}> · manager · reports to <@${managerId(1)}>`);
  });
});
