/** Publishes a person's App Home from the store, in their language, falling back to the help alone when that fails. */
import type { Logger } from "@slack/bolt";
import type { HomeView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { RequestContext } from "../../services/context.ts";
import type { Services } from "../../services/index.ts";
import { DEFAULT_MESSAGES } from "../i18n/index.ts";
import { buildAppHome } from "../views/app-home.ts";
import { readerOf } from "./request-context.ts";

export async function publishHome(client: WebClient, services: Services, ctx: RequestContext, logger: Logger): Promise<void> {
  let t = DEFAULT_MESSAGES;
  let view: HomeView | null = null;
  try {
    const reader = await readerOf(services, ctx);
    t = reader.t;
    view = buildAppHome(t, await services.home.home(ctx));
  } catch (error) {
    logger.error("could not read the App Home", error instanceof Error ? error.message : String(error));
  }
  try {
    await client.views.publish({ user_id: ctx.userId, view: view ?? buildAppHome(t) });
  } catch (error) {
    logger.warn("could not publish App Home", error instanceof Error ? error.message : String(error));
  }
}
