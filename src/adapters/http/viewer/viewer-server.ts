/**
 * `nemo-relay view`'s own server: the viewer's routes over recorded files (and a running
 * gateway's live sessions, relayed), on 127.0.0.1 only,
 * under the same guard as the gateway (a foreign Origin or a non-loopback Host is refused).
 */
import { Elysia } from "elysia";
import type { RecordedSessions } from "../../../ports/viewed-sessions.ts";
import { errorResponse } from "../errors.ts";
import { requestGuard } from "../request-guard.ts";
import type { GatewayRelay } from "./gateway-relay.ts";
import { viewerRoutes } from "./viewer-routes.ts";

export interface ViewerServer {
  /** The page's address, `http://127.0.0.1:<port>/ui/`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (`port` 0: any free one).
 *
 * @example
 * const server = startViewerServer(new AtifFiles([".nemo-relay/atif"], []), 0);
 * console.log(server.url);
 */
export function startViewerServer(recorded: RecordedSessions, port: number, relay?: GatewayRelay): ViewerServer {
  let bound = port;
  const guard = requestGuard({ loopback: true, allowedHosts: [], port: () => bound });
  const refuse = (request: Request) => {
    const refused = guard(request);
    return refused ? errorResponse(refused) : undefined;
  };
  const app = new Elysia()
    .use(viewerRoutes({ recorded, refuse, ...(relay ? { relay } : {}) }))
    .get("/", ({ request }) => refuse(request) ?? Response.redirect("/ui/", 302))
    .listen({ hostname: "127.0.0.1", port, reusePort: false });
  bound = app.server!.port!;
  return { url: `http://127.0.0.1:${bound}/ui/`, stop: async () => void (await app.server!.stop(true)) };
}
