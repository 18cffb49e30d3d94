/**
 * ATIF (Agent Trajectory Interchange Format) as TypeBox schemas: the single source of truth for
 * both the trajectory types and their structural validation. Written against ATIF-v1.7; also
 * accepts what Harbor's newest models accept (ATIF-v1.8 audio parts), so that version gating,
 * not the schema, decides what a given declared version may carry (see `version-gating.ts`).
 *
 * Every object is closed, because Harbor's reference models forbid unknown keys; custom data
 * belongs in the free-form `extra` objects. Optional fields also accept `null`, because ATIF
 * treats an absent field and a `null` one alike.
 */
import { Type, type Static, type TSchema } from "@sinclair/typebox";

/**
 * The version nemo-relay writes.
 *
 * @example
 * recorder.trajectory("s1", { agentName: "codex" })!.schema_version === ATIF_SCHEMA_VERSION; // true
 */
export const ATIF_SCHEMA_VERSION = "ATIF-v1.7";

const closed = { additionalProperties: false } as const;

/** An optional field: absent and `null` mean the same thing in ATIF. */
const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** The only open places in a document (besides `arguments` and `tool_definitions`). */
const Extra = Type.Record(Type.String(), Type.Unknown());

/** Token counts are never negative: cached tokens are a subset of prompt tokens, and so on. */
const Count = Type.Integer({ minimum: 0 });
const Cost = Type.Number({ minimum: 0 });

const SchemaVersionSchema = Type.Union([
  Type.Literal("ATIF-v1.0"),
  Type.Literal("ATIF-v1.1"),
  Type.Literal("ATIF-v1.2"),
  Type.Literal("ATIF-v1.3"),
  Type.Literal("ATIF-v1.4"),
  Type.Literal("ATIF-v1.5"),
  Type.Literal("ATIF-v1.6"),
  Type.Literal("ATIF-v1.7"),
  Type.Literal("ATIF-v1.8"),
]);

/** The exact list Harbor accepts; images are stored beside the file, never inlined. */
const ImageSourceSchema = Type.Object(
  {
    media_type: Type.Union([
      Type.Literal("image/jpeg"),
      Type.Literal("image/png"),
      Type.Literal("image/gif"),
      Type.Literal("image/webp"),
    ]),
    path: Type.String(),
  },
  closed,
);

/** v1.8: canonical audio types plus the common alias spellings Harbor normalises. */
const AudioSourceSchema = Type.Object(
  {
    media_type: Type.Union([
      Type.Literal("audio/wav"),
      Type.Literal("audio/mpeg"),
      Type.Literal("audio/mp4"),
      Type.Literal("audio/aac"),
      Type.Literal("audio/ogg"),
      Type.Literal("audio/flac"),
      Type.Literal("audio/webm"),
      Type.Literal("audio/aiff"),
      // aliases
      Type.Literal("audio/mp3"),
      Type.Literal("audio/x-mp3"),
      Type.Literal("audio/mpeg3"),
      Type.Literal("audio/x-wav"),
      Type.Literal("audio/wave"),
      Type.Literal("audio/vnd.wave"),
      Type.Literal("audio/x-m4a"),
      Type.Literal("audio/m4a"),
      Type.Literal("audio/x-aac"),
      Type.Literal("audio/x-flac"),
      Type.Literal("audio/x-aiff"),
    ]),
    path: Type.String(),
    duration_sec: Nullable(Type.Number({ minimum: 0 })),
  },
  closed,
);

const TextPartSchema = Type.Object(
  { type: Type.Literal("text"), text: Type.String(), source: Type.Optional(Type.Null()) },
  closed,
);

const ImagePartSchema = Type.Object(
  { type: Type.Literal("image"), source: ImageSourceSchema, text: Type.Optional(Type.Null()) },
  closed,
);

const AudioPartSchema = Type.Object(
  { type: Type.Literal("audio"), source: AudioSourceSchema, text: Type.Optional(Type.Null()) },
  closed,
);

/** v1.6 multimodal content; `audio` only from v1.8. */
const ContentPartSchema = Type.Union([TextPartSchema, ImagePartSchema, AudioPartSchema]);

/** `message` and `results[].content`: a string, or (v1.6+) a list of content parts. */
const ContentSchema = Type.Union([Type.String(), Type.Array(ContentPartSchema)]);

const AgentSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    model_name: Nullable(Type.String()),
    /** OpenAI function-calling shape by convention; the reference only requires objects. */
    tool_definitions: Nullable(Type.Array(Extra)),
    extra: Nullable(Extra),
  },
  closed,
);

const ToolCallSchema = Type.Object(
  {
    tool_call_id: Type.String(),
    function_name: Type.String(),
    /** Always a JSON object (may be `{}`); a string or array is invalid. */
    arguments: Extra,
    extra: Nullable(Extra),
  },
  closed,
);

/** From v1.7 a ref resolves by `trajectory_id` (embedded) or `trajectory_path` (file), never `session_id`. */
const SubagentTrajectoryRefSchema = Type.Object(
  {
    trajectory_id: Nullable(Type.String()),
    trajectory_path: Nullable(Type.String()),
    session_id: Nullable(Type.String()),
    extra: Nullable(Extra),
  },
  closed,
);

const ObservationResultSchema = Type.Object(
  {
    /** Must name a tool call of the same step; null means "not from a structured call". */
    source_call_id: Nullable(Type.String()),
    content: Nullable(ContentSchema),
    subagent_trajectory_ref: Nullable(Type.Array(SubagentTrajectoryRefSchema)),
    extra: Nullable(Extra),
  },
  closed,
);

const ObservationSchema = Type.Object({ results: Type.Array(ObservationResultSchema) }, closed);

const MetricsSchema = Type.Object(
  {
    /** All input tokens, cached ones included. */
    prompt_tokens: Nullable(Count),
    completion_tokens: Nullable(Count),
    /** The cache-hit subset of `prompt_tokens`; cache writes belong in `extra`. */
    cached_tokens: Nullable(Count),
    cost_usd: Nullable(Cost),
    prompt_token_ids: Nullable(Type.Array(Type.Integer())),
    completion_token_ids: Nullable(Type.Array(Type.Integer())),
    logprobs: Nullable(Type.Array(Type.Number())),
    extra: Nullable(Extra),
  },
  closed,
);

const FinalMetricsSchema = Type.Object(
  {
    total_prompt_tokens: Nullable(Count),
    total_completion_tokens: Nullable(Count),
    total_cached_tokens: Nullable(Count),
    total_cost_usd: Nullable(Cost),
    /** May differ from `steps.length` only when `notes` explains why. */
    total_steps: Nullable(Count),
    extra: Nullable(Extra),
  },
  closed,
);

const StepSourceSchema = Type.Union([Type.Literal("system"), Type.Literal("user"), Type.Literal("agent")]);

/**
 * One ATIF step, as a TypeBox schema: validate with `Value.Check(StepSchema, step)`; `Step` is its type.
 *
 * @example
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(StepSchema, { step_id: 1, source: "user", message: "hi" }); // true
 */
export const StepSchema = Type.Object(
  {
    step_id: Type.Integer({ minimum: 1 }),
    timestamp: Nullable(Type.String()),
    source: StepSourceSchema,
    model_name: Nullable(Type.String()),
    reasoning_effort: Nullable(Type.Union([Type.String(), Type.Number()])),
    message: ContentSchema,
    reasoning_content: Nullable(Type.String()),
    tool_calls: Nullable(Type.Array(ToolCallSchema)),
    observation: Nullable(ObservationSchema),
    metrics: Nullable(MetricsSchema),
    /** 0 on an agent step marks a deterministic dispatch: no metrics, no reasoning, no SFT. */
    llm_call_count: Nullable(Count),
    /** Copied in only for context (e.g. after compaction); consumers leave it out of SFT. */
    is_copied_context: Nullable(Type.Boolean()),
    extra: Nullable(Extra),
  },
  closed,
);

/**
 * A whole ATIF trajectory, as a TypeBox schema (the structure only; `validateTrajectory` checks
 * every rule of atif.md as well); `Trajectory` is its type.
 *
 * @example
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(TrajectorySchema, JSON.parse(await Bun.file("s1.atif.json").text()));
 */
export const TrajectorySchema = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        schema_version: SchemaVersionSchema,
        /** Identifies the run; required up to v1.6 (version gating enforces that). */
        session_id: Nullable(Type.String()),
        /** Identifies this document; required on embedded subagents. */
        trajectory_id: Nullable(Type.String()),
        agent: AgentSchema,
        steps: Type.Array(StepSchema, { minItems: 1 }),
        notes: Nullable(Type.String()),
        final_metrics: Nullable(FinalMetricsSchema),
        continued_trajectory_ref: Nullable(Type.String()),
        extra: Nullable(Extra),
        /** Complete, independently valid child trajectories embedded in this file. */
        subagent_trajectories: Nullable(Type.Array(Self)),
      },
      closed,
    ),
  { $id: "AtifTrajectory" },
);

export type SchemaVersion = Static<typeof SchemaVersionSchema>;
export type Trajectory = Static<typeof TrajectorySchema>;
export type Agent = Static<typeof AgentSchema>;
export type Step = Static<typeof StepSchema>;
export type StepSource = Static<typeof StepSourceSchema>;
export type ToolCall = Static<typeof ToolCallSchema>;
export type Observation = Static<typeof ObservationSchema>;
export type ObservationResult = Static<typeof ObservationResultSchema>;
export type SubagentTrajectoryRef = Static<typeof SubagentTrajectoryRefSchema>;
export type Metrics = Static<typeof MetricsSchema>;
export type FinalMetrics = Static<typeof FinalMetricsSchema>;
export type ContentPart = Static<typeof ContentPartSchema>;
export type ImageSource = Static<typeof ImageSourceSchema>;
export type AudioSource = Static<typeof AudioSourceSchema>;
