/** The `/tier` card: tier, explainable score, owner, follow-up and the last touches. Pure. */
import type { KnownBlock } from "@slack/types";
import { daysBetween } from "../../domain/cadence.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { ClientCard } from "../../services/clients.ts";
import { nameOf } from "../i18n/common.ts";
import type { Messages } from "../i18n/index.ts";
import { ACTIONS } from "../ids.ts";
import { button, context, ephemeral, fields, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";
import { riskItem } from "./risk-text.ts";

const SENTIMENT_EMOJI: Record<string, string> = { positive: ":large_green_circle:", neutral: ":white_circle:", negative: ":red_circle:" };

const fmtPoints = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A link to the Slack message a touch was logged from; only a plain https URL becomes a link. */
const messageLink = (t: Messages, permalink: string | null) =>
  permalink && /^https:\/\/[^\s<>|]+$/.test(permalink) ? ` (<${permalink}|${t.card.messageLink}>)` : "";

/** A stored value of one of the domain's lists in the reader's words; anything else as typed, escaped. */
export function named<K extends string>(names: Record<K, string>, value: string, max = 60): string {
  return Object.hasOwn(names, value) ? nameOf(names, value) : userText(value, max);
}

export function followUpText(t: Messages, card: Pick<ClientCard, "followUp">, today: string): string {
  if (!card.followUp) return t.card.noFollowUp;
  const { dueOn, basis } = card.followUp;
  const source = Object.hasOwn(t.card.followUpBasis, basis) ? `; ${t.card.followUpBasis[basis]}` : "";
  return `${t.common.date(dueOn)} (${t.common.dueIn(daysBetween(today, dueOn))}${source})`;
}

export function buildClientCard(t: Messages, card: ClientCard, today: string): EphemeralReply {
  const { client } = card;
  const tierText = card.overridden ? `*${card.tier}* (${t.card.override(client.tierOverrideReason ? userText(client.tierOverrideReason, 200) : "")})` : `*${card.tier}*`;
  const breakdown = card.breakdown.map((d) => `${t.card.dimension[d.dimension]} ${fmtPoints(d.points)}/${fmtPoints(d.max)}`).join(" · ");
  const type = client.relationshipType;
  const event = card.keyEvent;
  const keyBadge = card.keyClient
    ? `${t.card.keyClient}${event?.joined ? ` (${t.key.cardJoined(t.common.date(event.on))})` : ""}`
    : event && !event.joined
      ? t.key.cardLeft(t.common.date(event.on), event.status ? escapeMrkdwn(t.key.why(event.status, card.currency)) : "")
      : null;
  const badges = [
    keyBadge,
    type ? t.card.relationship(named(t.common.relationshipType, type), card.relationshipType ? t.common.relationshipHint[card.relationshipType] : null) : null,
    t.card.cadence(card.cadenceDays),
  ].filter(Boolean);
  const recent = card.recent.length
    ? card.recent
        .map((i) => {
          const touch = t.card.touch(
            t.common.date(i.occurredAt.toISOString().slice(0, 10)),
            named(t.common.interactionType, i.type),
            mention(i.repSlackId),
            named(t.common.sentiment, i.sentiment, 20),
            userText(i.summary, 280),
          );
          return `${SENTIMENT_EMOJI[i.sentiment] ?? ""} ${touch}${messageLink(t, i.permalink)}`;
        })
        .join("\n")
    : t.card.noTouches;

  const blocks: KnownBlock[] = [
    header(client.name),
    fields([
      [t.card.tierLabel, tierText],
      [t.card.scoreLabel, `${card.score}/100`],
      [t.card.ownerLabel, client.ownerSlackId ? mention(client.ownerSlackId) : t.common.unassigned],
      [t.card.nextFollowUpLabel, followUpText(t, card, today)],
    ]),
    section(`*${t.card.whyThisScore}* ${breakdown}`),
    context(badges.join("  |  ")),
    // Each state in the words of the alert that announced it (riskItem), as of now.
    ...(card.risks.length ? [section(`:warning: *${t.card.risks}*\n${card.risks.map((r) => riskItem(t, r)).join("\n")}`)] : []),
    section(`*${t.card.lastTouches}*\n${recent}`),
    { type: "actions", elements: [button(t.card.logTouch, ACTIONS.openLogModal, client.id, "primary")] },
  ];
  return ephemeral(t.card.fallback(userText(client.name, 200), card.tier, card.score, followUpText(t, card, today)), blocks);
}
