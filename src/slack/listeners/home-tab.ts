/** Publishes a person's App Home from the store, falling back to the help alone when that fails. */
import type { Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { RequestContext } from "../../services/context.ts";
import type { Services } from "../../services/index.ts";
import { buildAppHome } from "../views/app-home.ts";

export async function publishHome(client: WebClient, services: Services, ctx: RequestContext, logger: Logger): Promise<void> {
  let view = buildAppHome();
  try {
    view = buildAppHome(await services.home.home(ctx));
  } catch (error) {
    logger.error("could not read the App Home", error instanceof Error ? error.message : String(error));
  }
  try {
    await client.views.publish({ user_id: ctx.userId, view });
  } catch (error) {
    logger.warn("could not publish App Home", error instanceof Error ? error.message : String(error));
  }
}
