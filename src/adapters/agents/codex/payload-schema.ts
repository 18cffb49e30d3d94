/**
 * The shape of Codex 0.169 hook payloads, as captured from the real CLI
 * (test/fixtures/codex/*.hooks.jsonl) and read from its embedded hook schemas. Every field is
 * optional and unknown fields are allowed: the adapter reads tolerantly and never rejects an
 * object, so this schema documents the fields it relies on (and the fixture tests check that
 * real payloads still match it).
 */
import { Type, type Static } from "@sinclair/typebox";

const Text = Type.Optional(Type.String());

/** `PostModelRequest.token_usage`, copied by Codex from the upstream `response.completed` usage. */
const CodexTokenUsage = Type.Object(
  {
    input_tokens: Type.Optional(Type.Number()),
    cached_input_tokens: Type.Optional(Type.Number()),
    cache_write_input_tokens: Type.Optional(Type.Number()),
    output_tokens: Type.Optional(Type.Number()),
    reasoning_output_tokens: Type.Optional(Type.Number()),
    total_tokens: Type.Optional(Type.Number()),
  },
  { additionalProperties: true },
);

export const CodexHookPayload = Type.Object(
  {
    hook_event_name: Text,
    session_id: Text,
    /** The turn of the thread that fired the hook; a subagent's hooks carry the subagent's own turn. */
    turn_id: Text,
    transcript_path: Text,
    cwd: Text,
    model: Text,
    permission_mode: Text,
    /** Present when a subagent (thread-spawned agent) fired the hook: its thread id. */
    agent_id: Text,
    agent_type: Text,
    /** SessionStart: `startup`, `resume`, `compact`, … */
    source: Text,
    /** SessionEnd. */
    reason: Text,
    prompt: Text,
    tool_name: Text,
    tool_input: Type.Optional(Type.Unknown()),
    /** PostToolUse: the tool's output as Codex shows it to the model (a string for shell calls). */
    tool_response: Type.Optional(Type.Unknown()),
    tool_use_id: Text,
    /** PostModelRequest: `completed` or `failed`. */
    status: Text,
    /** PostModelRequest: the upstream error text (the raw body for HTTP errors), else null. */
    error: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    token_usage: Type.Optional(Type.Union([CodexTokenUsage, Type.Null()])),
    /** PreCompact / PostCompact: `auto` or `manual`. */
    trigger: Text,
    stop_hook_active: Type.Optional(Type.Boolean()),
    last_assistant_message: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    agent_transcript_path: Text,
  },
  { additionalProperties: true },
);

export type CodexHookPayload = Static<typeof CodexHookPayload>;
