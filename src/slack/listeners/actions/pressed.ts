/**
 * What a handler of a row's actions needs, whichever element the person used: a button (its action id and value)
 * or the overflow menu's option standing for that button (ids.ts overflowOptionValue). Both reach the same handler.
 */
import type { AllMiddlewareArgs, BlockAction, RespondFn } from "@slack/bolt";

export interface ActionArgs extends Pick<AllMiddlewareArgs, "client" | "logger"> {
  body: BlockAction;
  respond: RespondFn;
}

/** The button pressed, or the one an overflow option stands for. */
export interface Pressed {
  actionId: string;
  value: string | undefined;
}

export type PressHandler = (args: ActionArgs, pressed: Pressed) => Promise<void>;
