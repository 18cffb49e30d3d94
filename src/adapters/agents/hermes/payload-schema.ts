/**
 * The shape of Hermes shell-hook payloads, from the Hermes Agent documentation ("Event Hooks",
 * https://hermes-agent.nousresearch.com/docs/user-guide/features/hooks, section "Shell Hooks →
 * JSON wire protocol", and its plugin-hook catalog for the `extra` fields of each event). All
 * optional, extra fields allowed: the adapter reads tolerantly and never rejects an object.
 */
import { Type, type Static } from "@sinclair/typebox";

const Text = Type.Optional(Type.String());
const Anything = Type.Optional(Type.Unknown());

/** Event-specific kwargs, as documented per event (a subset: the fields the adapter reads). */
const HermesExtra = Type.Object(
  {
    task_id: Text,
    turn_id: Text,
    session_id: Text,
    tool_call_id: Text,
    api_request_id: Text,
    api_call_count: Type.Optional(Type.Number()),
    retry_count: Type.Optional(Type.Number()),
    model: Text,
    response_model: Text,
    provider: Text,
    platform: Text,
    user_message: Anything,
    assistant_response: Text,
    assistant_message: Anything,
    response: Anything,
    usage: Anything,
    result: Anything,
    status: Text,
    error: Anything,
    error_message: Text,
    reason: Text,
    turn_exit_reason: Text,
    parent_subagent_id: Text,
    child_session_id: Text,
    child_subagent_id: Text,
    child_role: Text,
    child_goal: Text,
    child_summary: Text,
    child_status: Text,
  },
  { additionalProperties: true },
);

export const HermesHookPayload = Type.Object(
  {
    hook_event_name: Text,
    /** `null` for non-tool events. */
    tool_name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    tool_input: Anything,
    session_id: Text,
    cwd: Text,
    profile: Text,
    extra: Type.Optional(HermesExtra),
  },
  { additionalProperties: true },
);

export type HermesHookPayload = Static<typeof HermesHookPayload>;
