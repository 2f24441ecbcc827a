/**
 * A risk state in the reader's words, the same on every surface: the rule's name and the reason, from the flag the
 * rules give now (the card, App Home, the digest's states now) or from a stored state's details (the notice, the
 * digest's new risks). Pure.
 */
import type { RiskFlag, StoredRiskReason } from "../../domain/risk.ts";
import { escapeMrkdwn } from "../../domain/text.ts";
import type { Messages } from "../i18n/index.ts";

/** Why the state holds, as plain text: a stored state's from its details (else the English it was stored with). */
export const riskReason = (t: Messages, state: RiskFlag | StoredRiskReason): string => ("details" in state ? t.risk.storedReason(state) : t.risk.reason(state));

/** "• *Gone quiet*: no touch for 96 days, cadence 30": a state as the card and the risk notice list it (escaped mrkdwn). */
export const riskItem = (t: Messages, state: RiskFlag | StoredRiskReason): string => t.risk.item(escapeMrkdwn(t.risk.ruleName(state.rule)), escapeMrkdwn(riskReason(t, state)));
