/**
 * `/team`: who is an admin, who manages whom, who is a rep, and role changes. The `/team set` syntax and its role
 * keywords (rep, manager, admin) are what people type and stay as they are.
 */
import type { Role } from "../../services/roles.ts";

export const en = {
  role: { rep: "rep", manager: "manager", admin: "admin" } satisfies Record<Role, string>,
  /** `manager` is a mention. */
  reportsTo: (manager: string) => `reports to ${manager}`,
  adminFromConfig: "admin via ADMIN_USER_IDS",
  inactive: "inactive",
  noRoles:
    "No roles are set yet: everyone is a rep. Admins set roles with `/team set @person rep|manager|admin [@manager]` or `npm run import -- users FILE.csv`.",
  header: (count: number) => `Team (${count})`,
  note: "People never imported or set are reps. Admins change roles with `/team set @person rep|manager|admin [@manager]`.",
  /** Below a list cut short (admins and managers come first). */
  more: (count: number) => `…and ${count} more. \`npm run export -- users\` lists everyone.`,
  /** The notification text: how many people hold each role. */
  counts: (counts: Record<Role, number>) => `Team: ${counts.admin} admins, ${counts.manager} managers, ${counts.rep} reps`,
  /** `person` and `manager` are mentions; `role` and `previous` from `role`. */
  changed: (person: string, role: string, manager: string | null, previous: string) =>
    `${person} is now ${/^[aeiou]/.test(role) ? "an" : "a"} ${role}${manager ? `, reporting to ${manager}` : ""} (was ${previous}).`,
  refused: "Only admins can change roles. Ask an admin, or see who they are with `/team`.",
  ownManager: "A person cannot be their own manager.",
  // `/team set` prompts (shown above the usage line)
  namePerson: "Name the person with an @-mention.",
  roleWords: "The role is rep, manager or admin.",
  oneManager: "After the role, name at most one manager with an @-mention.",
};

export const zhCN: typeof en = {
  role: { rep: "客户经理", manager: "主管", admin: "管理员" },
  reportsTo: (manager) => `向 ${manager} 汇报`,
  adminFromConfig: "经 ADMIN_USER_IDS 设为管理员",
  inactive: "已停用",
  noRoles: "尚未设置角色：所有人都是客户经理。管理员可用 `/team set @person rep|manager|admin [@manager]` 或 `npm run import -- users FILE.csv` 设置角色。",
  header: (count) => `团队（${count}）`,
  note: "未导入或未设置角色的人都是客户经理。管理员可用 `/team set @person rep|manager|admin [@manager]` 更改角色。",
  more: (count) => `…另有 ${count} 人。\`npm run export -- users\` 可列出所有人。`,
  counts: (counts) => `团队：管理员 ${counts.admin} 人，主管 ${counts.manager} 人，客户经理 ${counts.rep} 人`,
  changed: (person, role, manager, previous) => `${person} 现为${role}${manager ? `，向 ${manager} 汇报` : ""}（原为${previous}）。`,
  refused: "只有管理员可以更改角色。请联系管理员，或用 `/team` 查看谁是管理员。",
  ownManager: "不能把一个人设为自己的主管。",
  namePerson: "请 @ 要设置的人。",
  roleWords: "角色只能是 `rep`（客户经理）、`manager`（主管）或 `admin`（管理员）。",
  oneManager: "角色之后最多只能 @ 一位主管。",
};
