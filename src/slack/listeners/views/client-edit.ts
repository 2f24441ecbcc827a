import type { App, ViewStateValue } from "@slack/bolt";
import { LIMITS } from "../../../domain/interaction.ts";
import { LIFECYCLE_STAGES, RELATIONSHIP_TYPES, RISK_LEVELS, TIERS } from "../../../domain/rules.ts";
import { codePointLength, storableText } from "../../../domain/text.ts";
import { isCalendarDate } from "../../../domain/when.ts";
import type { ClientEdit } from "../../../services/client-records.ts";
import type { Services } from "../../../services/index.ts";
import { dateToDb } from "../../../store/dates.ts";
import type { Messages } from "../../i18n/index.ts";
import { CLIENT_EDIT, VIEWS } from "../../ids.ts";
import { NO_OVERRIDE } from "../../views/client-edit-modal.ts";
import { editRefused, editSaved } from "../../views/client-records.ts";
import { contextOf, readerOf } from "../request-context.ts";

type Values = Record<string, Record<string, ViewStateValue>>;
type Field = { block: string; action: string };

/** Reads the edit form; each problem is keyed by its block so Slack shows it on the field, in the reader's words. */
export function readClientEdit(t: Messages, values: Values, today: string): { edit: ClientEdit; errors: Record<string, string> } {
  const say = t.clients.formError;
  const errors: Record<string, string> = {};
  const get = (f: Field) => values[f.block]?.[f.action];
  const text = (f: Field) => storableText(get(f)?.value ?? "").trim() || null;
  const choice = (f: Field, allowed: readonly string[]) => {
    const value = get(f)?.selected_option?.value ?? null;
    return value !== null && allowed.includes(value) ? value : null;
  };
  const number = (f: Field, min: number, max: number, integer: boolean, label: string): number | null => {
    const raw = text(f);
    if (raw === null) return null;
    const n = Number(raw.replace(/,/g, ""));
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      errors[f.block] = say.number(label, integer, min, max < Number.MAX_SAFE_INTEGER ? max : null);
      return null;
    }
    return n;
  };
  const shortText = (f: Field, label: string) => {
    const value = text(f);
    if (value !== null && codePointLength(value) > LIMITS.shortText) {
      errors[f.block] = say.tooLong(label, LIMITS.shortText, codePointLength(value));
      return null;
    }
    return value;
  };
  const since = get(CLIENT_EDIT.relationshipSince)?.selected_date ?? null;
  // Slack's date picker sends YYYY-MM-DD; anything else (a forged or garbled payload) is refused, not stored.
  if (since && !isCalendarDate(since)) errors[CLIENT_EDIT.relationshipSince.block] = say.pickDate;
  else if (since && since > today) errors[CLIENT_EDIT.relationshipSince.block] = say.futureStart;
  const overrideChoice = choice(CLIENT_EDIT.tierOverride, [NO_OVERRIDE, ...TIERS]);
  const tierOverride = overrideChoice && overrideChoice !== NO_OVERRIDE ? overrideChoice : null;
  const reason = text(CLIENT_EDIT.overrideReason);
  if (tierOverride && !reason) errors[CLIENT_EDIT.overrideReason.block] = say.reasonRequired;
  const edit: ClientEdit = {
    ownerSlackId: get(CLIENT_EDIT.owner)?.selected_user ?? null,
    annualRevenue: number(CLIENT_EDIT.annualRevenue, 0, Number.MAX_SAFE_INTEGER, false, say.annualRevenue),
    relationshipSince: since && !errors[CLIENT_EDIT.relationshipSince.block] ? dateToDb(since) : null,
    relationshipType: choice(CLIENT_EDIT.relationshipType, RELATIONSHIP_TYPES),
    lifecycleStage: choice(CLIENT_EDIT.lifecycleStage, LIFECYCLE_STAGES),
    riskLevel: choice(CLIENT_EDIT.riskLevel, RISK_LEVELS),
    satisfaction: number(CLIENT_EDIT.satisfaction, 0, 100, true, say.satisfaction),
    industry: shortText(CLIENT_EDIT.industry, say.industry),
    region: shortText(CLIENT_EDIT.region, say.region),
    cadenceDays: number(CLIENT_EDIT.cadenceDays, 1, 3650, true, say.cadence),
    tierOverride,
    tierOverrideReason: tierOverride ? reason : null,
  };
  return { edit, errors };
}

/** Saves the edit form, or puts each problem on its field; the result is confirmed by DM. */
export function registerClientEditSubmission(app: App, services: Services): void {
  app.view(VIEWS.editClient, async ({ ack, body, view, client, logger }) => {
    const ctx = contextOf(body);
    const { t, today } = await readerOf(services, ctx);
    const { edit, errors } = readClientEdit(t, view.state.values as Values, today);
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: "errors", errors }));
    const result = await services.records.edit(ctx, view.private_metadata, edit);
    if (result.kind === "refused") {
      return void (await ack({ response_action: "errors", errors: { [CLIENT_EDIT.owner.block]: editRefused(t).text } }));
    }
    await ack();
    if (result.kind !== "saved") return;
    const reply = editSaved(t, result.client.name, result.changed, result.client.tier);
    await client.chat.postMessage({ channel: ctx.userId, text: reply.text, blocks: reply.blocks }).catch((error: unknown) => {
      logger.warn("could not confirm an edit", error instanceof Error ? error.message : String(error));
    });
  });
}
