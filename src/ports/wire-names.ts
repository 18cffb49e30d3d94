/**
 * The names that cross process boundaries, spelled once: the headers nemo-relay's processes and
 * the agents they launch send the gateway, and the environment variables one process sets for
 * another (the wrapper for the agent and its hooks, a hook for the gateway it starts).
 */

/** Request headers for the gateway, never forwarded to a provider. */
export const HEADERS = {
  /** The gateway's own token (beyond loopback); `authorization` stays the provider's. */
  token: "x-nemo-relay-token",
  sessionId: "x-nemo-relay-session-id",
  subagentId: "x-nemo-relay-subagent-id",
  conversationId: "x-nemo-relay-conversation-id",
  generationId: "x-nemo-relay-generation-id",
  requestId: "x-nemo-relay-request-id",
  configProfile: "x-nemo-relay-config-profile",
  sessionMetadata: "x-nemo-relay-session-metadata",
  pluginConfig: "x-nemo-relay-plugin-config",
  gatewayMode: "x-nemo-relay-gateway-mode",
} as const;

/** Where the viewer (`/ui`) keeps the gateway token in a browser, which cannot send a header on navigation. */
export const VIEWER_TOKEN = {
  /** `GET /ui/?token=…` once: exchanged for the cookie, then dropped from the address. */
  query: "token",
  cookie: "nemo-relay-token",
  /** The cookie goes only to the viewer's own routes; hooks and providers still need the header. */
  path: "/ui",
} as const;

/**
 * How the viewer's key of a gateway's live session starts. The page follows such a session by its
 * event stream alone (it starts with the session whole), and `view --gateway-url` relays them.
 */
export const LIVE_SESSION_KEY_PREFIX = "live:";

/** Environment variables read by nemo-relay processes. */
export const ENV = {
  /** The gateway a hook posts to (set by the wrapper for its run). */
  gatewayUrl: "NEMO_RELAY_GATEWAY_URL",
  authToken: "NEMO_RELAY_AUTH_TOKEN",
  /** `off` inside a wrapper's run: the installed hooks stand down, the run's own report. */
  installedHooks: "NEMO_RELAY_INSTALLED_HOOKS",
  /** A JSON object the wrapper's hooks send as session metadata. */
  sessionMetadata: "NEMO_RELAY_SESSION_METADATA",
  persistentPort: "NEMO_RELAY_PERSISTENT_PORT",
  gatewayBind: "NEMO_RELAY_GATEWAY_BIND",
  idleExitSecs: "NEMO_RELAY_IDLE_EXIT_SECS",
  openaiBaseUrl: "NEMO_RELAY_OPENAI_BASE_URL",
  anthropicBaseUrl: "NEMO_RELAY_ANTHROPIC_BASE_URL",
  chatgptBaseUrl: "NEMO_RELAY_CHATGPT_BASE_URL",
  /** `serve`'s request log: `debug` (every request), `info` (failures, the default), `quiet`. */
  log: "NEMO_RELAY_LOG",
  /** `1`: the gateway measures how long its event loop is held and logs the longest block at stop (a debugging aid). */
  debugLoopLag: "NEMO_RELAY_DEBUG_LOOP_LAG",
} as const;
