/**
 * The structural half of validation: TypeBox's `Value.Errors` against `TrajectorySchema`,
 * translated into Violations with the stable rule ids callers match on. Union failures are
 * narrowed to the variant the value was evidently meant to be (by JSON kind, then by a content
 * part's `type`), so "expected union value" becomes e.g. "unsupported media type".
 */
import { isObject } from "../json.ts";
import { Kind, type TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";

import { TrajectorySchema } from "./schema.ts";
import { error, type RuleId, type Violation } from "./violation.ts";

type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null" | "other";

const kindOf = (value: unknown): JsonKind => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  return type === "object" || type === "string" || type === "number" || type === "boolean" ? type : "other";
};

const KIND_OF_SCHEMA: Readonly<Record<string, JsonKind>> = {
  Object: "object",
  Record: "object",
  This: "object",
  Ref: "object",
  Array: "array",
  String: "string",
  Number: "number",
  Integer: "number",
  Boolean: "boolean",
  Null: "null",
};

const accepts = (schema: TSchema, kind: JsonKind): boolean => {
  const schemaKind = String(schema[Kind]);
  if (schemaKind === "Union") return (schema.anyOf as TSchema[]).some((variant) => accepts(variant, kind));
  if (schemaKind === "Literal") return kindOf(schema.const) === kind;
  return KIND_OF_SCHEMA[schemaKind] === kind;
};

/** The one union variant the value was evidently meant to be, if there is exactly one. */
const intendedVariant = (failure: ValueError): number | undefined => {
  const kind = kindOf(failure.value);
  const variants = (failure.schema.anyOf as TSchema[]).map((schema, index) => ({ schema, index }));
  let candidates = variants.filter(({ schema }) => accepts(schema, kind));
  if (candidates.length > 1 && isObject(failure.value)) {
    const tag = failure.value.type;
    candidates = candidates.filter(({ schema }) => schema.properties?.type?.const === tag);
  }
  return candidates.length === 1 ? candidates[0]?.index : undefined;
};

const describe = (value: unknown): string => {
  const kind = kindOf(value);
  if (kind === "string" || kind === "number" || kind === "boolean") {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }
  return kind === "other" ? typeof value : kind;
};

const NAMES: Readonly<Record<JsonKind, string>> = {
  object: "an object",
  array: "an array",
  string: "a string",
  number: "a number",
  boolean: "a boolean",
  null: "null",
  other: "a value",
};

/** "an object or null", "a string or a number", … from the schema that failed. */
const expectedOf = (schema: TSchema): string[] => {
  const schemaKind = String(schema[Kind]);
  if (schemaKind === "Union") return (schema.anyOf as TSchema[]).flatMap(expectedOf);
  if (schemaKind === "Literal") return [JSON.stringify(schema.const)];
  if (schemaKind === "Integer") return ["an integer"];
  return [NAMES[KIND_OF_SCHEMA[schemaKind] ?? "other"]];
};

const expected = (failure: ValueError): string => [...new Set(expectedOf(failure.schema))].join(" or ");

const CONTENT_PART = /\/(?:message|content)\/\d+(?:\/|$)/;
const MINIMUM = [ValueErrorType.NumberMinimum, ValueErrorType.IntegerMinimum];

const contentPartMessage = (failure: ValueError, key: string): string => {
  if (failure.type === ValueErrorType.ObjectRequiredProperty) return `a content part of this type requires \`${key}\``;
  if (key === "media_type") return `unsupported media type ${describe(failure.value)}`;
  if (failure.type === ValueErrorType.Null) return `\`${key}\` must be absent for this content part type`;
  if (failure.type === ValueErrorType.Union && /\/\d+$/.test(failure.path)) {
    return isObject(failure.value)
      ? `unknown content part type ${describe(failure.value.type)}`
      : `a content part must be an object, got ${describe(failure.value)}`;
  }
  return `\`${key}\`: ${failure.message}, got ${describe(failure.value)}`;
};

interface Matcher {
  readonly rule: RuleId;
  readonly when: (failure: ValueError) => boolean;
  readonly say: (failure: ValueError, key: string) => string;
}

const at = (pattern: RegExp, ...types: ValueErrorType[]) => (failure: ValueError) =>
  pattern.test(failure.path) && (types.length === 0 || types.includes(failure.type));

/** First match wins; anything unmatched is a plain `schema` violation. */
const MATCHERS: Matcher[] = [
  { rule: "root_object", when: (f) => f.path === "", say: (f) => `a trajectory must be a JSON object, got ${describe(f.value)}` },
  {
    rule: "unknown_key",
    when: (f) => f.type === ValueErrorType.ObjectAdditionalProperties,
    say: (_, key) => `unknown key "${key}" (ATIF objects are closed; custom data belongs in \`extra\`)`,
  },
  { rule: "content_part", when: at(CONTENT_PART), say: contentPartMessage },
  { rule: "required_field", when: (f) => f.type === ValueErrorType.ObjectRequiredProperty, say: (_, key) => `\`${key}\` is required` },
  {
    rule: "schema_version",
    when: at(/\/schema_version$/),
    say: (f) => `\`schema_version\` must be one of ATIF-v1.0 … ATIF-v1.8, got ${describe(f.value)}`,
  },
  { rule: "steps_not_empty", when: at(/\/steps$/, ValueErrorType.ArrayMinItems), say: () => "`steps` must contain at least one step" },
  {
    rule: "arguments_object",
    when: at(/\/tool_calls\/\d+\/arguments$/),
    say: (f) => `tool call \`arguments\` must be a JSON object, got ${describe(f.value)}`,
  },
  {
    rule: "content_type",
    when: at(/\/steps\/\d+\/message$|\/results\/\d+\/content$/),
    say: (f, key) => `\`${key}\` must be a string or an array of content parts, got ${describe(f.value)}`,
  },
  {
    rule: "step_source",
    when: at(/\/steps\/\d+\/source$/),
    say: (f) => `\`source\` must be "system", "user" or "agent", got ${describe(f.value)}`,
  },
  {
    rule: "step_ids_sequential",
    when: at(/\/steps\/\d+\/step_id$/, ...MINIMUM),
    say: (f) => `\`step_id\` must be ≥ 1, got ${describe(f.value)}`,
  },
  {
    rule: "negative_count",
    when: (f) => MINIMUM.includes(f.type),
    say: (f, key) => `\`${key}\` must not be negative, got ${describe(f.value)}`,
  },
];

const classify = (failure: ValueError): [RuleId, string] => {
  const key = failure.path.slice(failure.path.lastIndexOf("/") + 1).replace(/~1/g, "/").replace(/~0/g, "~");
  const matcher = MATCHERS.find(({ when }) => when(failure));
  if (matcher) return [matcher.rule, matcher.say(failure, key)];
  return ["schema", `\`${key}\` must be ${expected(failure)}, got ${describe(failure.value)}`];
};

function* flatten(failure: ValueError): Generator<ValueError> {
  if (failure.type === ValueErrorType.Union) {
    const variant = intendedVariant(failure);
    const inner = variant === undefined ? undefined : failure.errors[variant];
    if (inner) {
      for (const nested of inner) yield* flatten(nested);
      return;
    }
  }
  yield failure;
}

/** The schema compiled to a check function, once, on first use. */
let validTrajectory: ReturnType<typeof TypeCompiler.Compile<typeof TrajectorySchema>> | undefined;

/**
 * Structural violations (reference rules 1–4, 9–11, 13 and the non-negative counts).
 *
 * @example
 * structuralViolations({ schema_version: "ATIF-v1.7", agent: { name: "a", version: "1" }, steps: [] })
 * // [{ path: "/steps", rule: "steps_not_empty", severity: "error", … }]
 */
export function structuralViolations(value: unknown): Violation[] {
  // Most documents are valid: the compiled check says so ~10x faster than walking for errors
  // (a 5,000-step file: the walk was most of what listing it in the viewer cost).
  if ((validTrajectory ??= TypeCompiler.Compile(TrajectorySchema)).Check(value)) return [];
  const out: Violation[] = [];
  for (const failure of Value.Errors(TrajectorySchema, value)) {
    for (const leaf of flatten(failure)) {
      // A missing required key is also reported as a type error on `undefined`; keep one.
      if (leaf.value === undefined && leaf.type !== ValueErrorType.ObjectRequiredProperty) continue;
      const [rule, message] = classify(leaf);
      out.push(error(leaf.path, rule, message));
    }
  }
  return out;
}
