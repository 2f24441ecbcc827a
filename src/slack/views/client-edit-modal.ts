/** The client edit modal: scoring inputs, owner, relationship type, lifecycle, cadence, tier override, in the reader's words. Pure. */
import type { InputBlock, ModalView, PlainTextOption } from "@slack/types";
import { LIFECYCLE_STAGES, RELATIONSHIP_TYPES, RISK_LEVELS, TIERS } from "../../domain/rules.ts";
import { truncateText } from "../../domain/text.ts";
import type { ClientRow } from "../../store/clients.ts";
import type { Messages } from "../i18n/index.ts";
import { CLIENT_EDIT, VIEWS } from "../ids.ts";

const option = (text: string, value: string): PlainTextOption => ({ text: { type: "plain_text", text: truncateText(text, 75) }, value });
const NO_OVERRIDE = "none";

function input(field: { block: string; action: string }, label: string, element: InputBlock["element"], hint?: string): InputBlock {
  return {
    type: "input",
    block_id: field.block,
    optional: true,
    label: { type: "plain_text", text: label },
    element: { ...element, action_id: field.action } as InputBlock["element"],
    ...(hint ? { hint: { type: "plain_text", text: hint } } : {}),
  };
}

/** A choice of the domain's values, each shown by its name in `names`, stored by its value. */
function select<K extends string>(values: readonly K[], names: Record<K, string>, current: string | null) {
  const options = values.map((v) => option(names[v], v));
  const initial = options.find((o) => o.value === current);
  return { type: "static_select" as const, options, ...(initial ? { initial_option: initial } : {}) };
}

const text = (value: string | null, maxLength: number) => ({
  type: "plain_text_input" as const,
  max_length: maxLength,
  ...(value ? { initial_value: value } : {}),
});

const number = (value: number | null, decimals: boolean, min: number, max?: number) => ({
  type: "number_input" as const,
  is_decimal_allowed: decimals,
  min_value: String(min),
  ...(max !== undefined ? { max_value: String(max) } : {}),
  ...(value !== null ? { initial_value: String(value) } : {}),
});

export function buildClientEditModal(t: Messages, client: ClientRow, currency: string): ModalView {
  const f = t.clients.form;
  const overrides = [option(f.noOverride, NO_OVERRIDE), ...TIERS.map((tier) => option(f.overrideTier(tier), tier))];
  const currentOverride = overrides.find((o) => o.value === (client.tierOverride ?? NO_OVERRIDE))!;
  return {
    type: "modal",
    callback_id: VIEWS.editClient,
    private_metadata: client.id,
    title: { type: "plain_text", text: truncateText(f.title, 24) },
    submit: { type: "plain_text", text: truncateText(f.submit, 24) },
    close: { type: "plain_text", text: truncateText(f.close, 24) },
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncateText(client.name, 150) } },
      input(CLIENT_EDIT.owner, f.owner, { type: "users_select", ...(client.ownerSlackId ? { initial_user: client.ownerSlackId } : {}) }),
      input(CLIENT_EDIT.annualRevenue, f.annualRevenue(currency), number(client.annualRevenue, true, 0)),
      input(CLIENT_EDIT.relationshipSince, f.relationshipSince, {
        type: "datepicker",
        ...(client.relationshipSince ? { initial_date: client.relationshipSince.toISOString().slice(0, 10) } : {}),
      }),
      input(CLIENT_EDIT.relationshipType, f.relationshipType, select(RELATIONSHIP_TYPES, t.common.relationshipType, client.relationshipType)),
      input(CLIENT_EDIT.lifecycleStage, f.lifecycleStage, select(LIFECYCLE_STAGES, t.common.lifecycleStage, client.lifecycleStage)),
      input(CLIENT_EDIT.riskLevel, f.riskLevel, select(RISK_LEVELS, t.common.riskLevel, client.riskLevel)),
      input(CLIENT_EDIT.satisfaction, f.satisfaction, number(client.satisfaction, false, 0, 100)),
      input(CLIENT_EDIT.industry, f.industry, text(client.industry, 100)),
      input(CLIENT_EDIT.region, f.region, text(client.region, 100)),
      input(CLIENT_EDIT.cadenceDays, f.cadenceDays, number(client.cadenceDays, false, 1, 3650), f.cadenceHint),
      input(CLIENT_EDIT.tierOverride, f.tierOverride, { type: "static_select", options: overrides, initial_option: currentOverride }),
      input(CLIENT_EDIT.overrideReason, f.overrideReason, text(client.tierOverrideReason, 300), f.overrideReasonHint),
    ],
  };
}

export { NO_OVERRIDE };
