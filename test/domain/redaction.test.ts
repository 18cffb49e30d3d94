import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { redactSecrets, redactText, SECRET_PATTERNS } from "../../src/domain/redaction.ts";

// Assembled at run time so that no secret-shaped literal sits in the repository.
const key = (prefix: string, n: number, alphabet = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz") => prefix + Array.from({ length: n }, (_, i) => alphabet[i % alphabet.length]).join("");

describe("secret redaction", () => {
  test.each([
    ["openai_key", key("sk-proj-", 48)],
    ["openai_key", key("sk-", 40)],
    ["anthropic_key", key("sk-ant-api03-", 60)],
    ["aws_access_key", key("AKIA", 16, "ABCDEFGHIJKLMNOP0123456789")],
    ["github_token", key("ghp_", 36)],
    ["github_token", key("github_pat_", 40)],
    ["google_api_key", key("AIza", 35)],
    ["slack_token", key("xoxb-", 30)],
    ["jwt", `${key("eyJ", 20)}.${key("eyJ", 30)}.${key("", 25)}`],
  ])("a %s is replaced wherever it appears", (kind, secret) => {
    expect(redactText(`export TOKEN=${secret} # set`)).toBe(`export TOKEN=[REDACTED:${kind}] # set`);
  });

  test("prefixes that say what a secret is for stay readable", () => {
    expect(redactText(`Authorization: Bearer ${key("", 32)}`)).toBe("Authorization: Bearer [REDACTED:bearer_token]");
    expect(redactText(`aws_secret_access_key = ${key("", 40, "abcdEFGH1234/+")}`)).toBe("aws_secret_access_key = [REDACTED:aws_secret_key]");
  });

  test("a private key block is removed whole", () => {
    const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\n${key("", 64)}\n-----END OPENSSH PRIVATE KEY-----`;
    expect(redactText(`key:\n${pem}\nafter`)).toBe("key:\n[REDACTED:private_key]\nafter");
  });

  test("ordinary text, ids and short tokens are left alone", () => {
    for (const text of ["call_mock0004", "toolu_01ABCDEF", "sk-dummy", "session 0199a2b4-7c1e-7f00-9d3e-4a5b6c7d8e9f", "AKIA is a prefix", "the risk-assessment"]) expect(redactText(text)).toBe(text);
  });

  test("nested JSON is redacted deeply, keys included, without changing its shape", () => {
    const secret = key("sk-", 40);
    expect(redactSecrets({ a: [{ cmd: `curl -H 'x-api-key: ${secret}'` }], [secret]: 1, n: 3, b: null })).toEqual({ a: [{ cmd: "curl -H 'x-api-key: [REDACTED:openai_key]'" }], "[REDACTED:openai_key]": 1, n: 3, b: null });
  });

  test("a part of a larger document is cut for depth where the whole document would cut it", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 600; i++) deep = [deep];
    const doc = { a: { b: deep } };
    expect(redactSecrets(doc.a, [], { depth: 1 })).toEqual(redactSecrets(doc, []).a);
    expect(redactSecrets(doc.a, [])).not.toEqual(redactSecrets(doc, []).a);
  });

  test("parts marked done (already redacted at their place) are kept as they are", () => {
    const secret = key("sk-", 40);
    const done = { note: secret };
    const out = redactSecrets({ done, other: secret }, undefined, { done: new Set([done]) });
    expect(out).toEqual({ done, other: "[REDACTED:openai_key]" });
    expect(out.done).toBe(done);
  });

  test("redaction never grows a secret back and is idempotent", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = redactSecrets(value);
        expect(redactSecrets(once)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the quick check before the default patterns", () => {
  // Texts built from pieces of every default key shape, in any case, so the check's misses would show.
  const piece = fc.constantFrom(
    `${"-".repeat(5)}BEGIN RSA PRIVATE KEY${"-".repeat(5)}\nabc\n${"-".repeat(5)}END RSA PRIVATE KEY${"-".repeat(5)}`, "sk-ant-", "sk-proj-", "sk-", "AKIA", "ASIA", "aws_secret_access_key=",
    "ghp_", "gho_", "github_pat_", "AIza", "xoxb-", "eyJhbGciOiJIUzI1NiJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIn0", "Bearer ", "right ", "0123456789ABCDEFGHIJ", "abcdefghijklmnopqrstuvwxyz0123456789+/",
  );
  const casing = fc.constantFrom((t: string) => t, (t: string) => t.toUpperCase(), (t: string) => t.toLowerCase());
  const text = fc.array(fc.tuple(piece, casing).map(([p, c]) => c(p)), { maxLength: 12 }).map((parts) => parts.join(""));

  test("skipping the patterns when it finds no start changes nothing: the same result as running all of them", () => {
    // Padded or not: short texts take one expression, long ones a search per start.
    const padded = fc.tuple(text, fc.constantFrom("", "lorem ipsum ".repeat(25))).map(([t, pad]) => `${pad}${t}`);
    fc.assert(fc.property(padded, (t) => expect(redactText(t)).toBe(redactText(t, [...SECRET_PATTERNS]))), { numRuns: 3000 });
  });
});
