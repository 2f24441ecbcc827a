/** The client edit modal: scoring inputs, owner, relationship type, lifecycle, cadence, tier override. Pure. */
import type { InputBlock, ModalView, PlainTextOption } from "@slack/types";
import { LIFECYCLE_STAGES, RELATIONSHIP_TYPES, RISK_LEVELS, TIERS } from "../../domain/rules.ts";
import { truncateText } from "../../domain/text.ts";
import type { ClientRow } from "../../store/clients.ts";
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

function select(values: readonly string[], current: string | null) {
  const options = values.map((v) => option(v, v));
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

export function buildClientEditModal(client: ClientRow, currency: string): ModalView {
  const overrides = [option("No override: tier from the score", NO_OVERRIDE), ...TIERS.map((t) => option(`Tier ${t}`, t))];
  const currentOverride = overrides.find((o) => o.value === (client.tierOverride ?? NO_OVERRIDE))!;
  return {
    type: "modal",
    callback_id: VIEWS.editClient,
    private_metadata: client.id,
    title: { type: "plain_text", text: "Edit client" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncateText(client.name, 150) } },
      input(CLIENT_EDIT.owner, "Owner", { type: "users_select", ...(client.ownerSlackId ? { initial_user: client.ownerSlackId } : {}) }),
      input(CLIENT_EDIT.annualRevenue, `Annual revenue (${currency})`, number(client.annualRevenue, true, 0)),
      input(CLIENT_EDIT.relationshipSince, "Relationship since", {
        type: "datepicker",
        ...(client.relationshipSince ? { initial_date: client.relationshipSince.toISOString().slice(0, 10) } : {}),
      }),
      input(CLIENT_EDIT.relationshipType, "Relationship type", select(RELATIONSHIP_TYPES, client.relationshipType)),
      input(CLIENT_EDIT.lifecycleStage, "Lifecycle stage", select(LIFECYCLE_STAGES, client.lifecycleStage)),
      input(CLIENT_EDIT.riskLevel, "Risk level", select(RISK_LEVELS, client.riskLevel)),
      input(CLIENT_EDIT.satisfaction, "Satisfaction (0-100)", number(client.satisfaction, false, 0, 100)),
      input(CLIENT_EDIT.industry, "Industry", text(client.industry, 100)),
      input(CLIENT_EDIT.region, "Region", text(client.region, 100)),
      input(CLIENT_EDIT.cadenceDays, "Cadence (days between touches)", number(client.cadenceDays, false, 1, 3650), "Leave empty to use the tier's or relationship type's cadence."),
      input(CLIENT_EDIT.tierOverride, "Tier override", { type: "static_select", options: overrides, initial_option: currentOverride }),
      input(CLIENT_EDIT.overrideReason, "Reason for the override", text(client.tierOverrideReason, 300), "Required with an override; shown on the card."),
    ],
  };
}

export { NO_OVERRIDE };
