import { isObject } from "../../../domain/json.ts";
import { asId, parseJson } from "../shared/json.ts";

/** Claude Code before 2.x packed the session into the id: `user_<hash>_account_<uuid>_session_<uuid>`. */
const LEGACY_SESSION = /_session_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The session id in a Messages request's `metadata.user_id`. Claude Code sends that field as a
 * JSON *string* (`"{\"device_id\":…,\"session_id\":…}"`), equal to its hooks' `session_id`;
 * an already-parsed object and the older underscore format are read too.
 *
 * @example
 * sessionIdOf({ user_id: '{"device_id":"d1","account_uuid":"","session_id":"5f0c…"}' }); // "5f0c…"
 * sessionIdOf({ user_id: "just-a-user" });                                               // undefined
 */
export function sessionIdOf(metadata: unknown): string | undefined {
  const userId = isObject(metadata) ? metadata.user_id : undefined;
  const parsed = typeof userId === "string" ? parseJson(userId) : userId;
  if (isObject(parsed)) return asId(parsed.session_id);
  return typeof userId === "string" ? LEGACY_SESSION.exec(userId.trim())?.[1] : undefined;
}
