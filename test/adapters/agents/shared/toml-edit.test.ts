import { describe, expect, test } from "bun:test";
import { scanToml } from "../../../../src/adapters/shared/toml-scan.ts";
import { parseToml, TomlText, verifyToml } from "../../../../src/adapters/agents/shared/toml-edit.ts";

const edit = (text: string, f: (t: TomlText) => void) => {
  const t = new TomlText(text);
  f(t);
  return t.toString();
};

describe("the TOML line scanner", () => {
  test("headers, keys and values that span lines; brackets and # inside strings are not syntax", () => {
    const text = [
      'a = "x # not a comment" # a comment',
      "b = [",
      "  [1, 2],",
      "  [3]",
      "]",
      "c = '''",
      "[not.a.header]",
      "'''",
      '[t."dotted.key"]',
      "d.e = { f = 1 }",
      "[[arr]]",
      "g = 1",
    ];
    const found = scanToml(text).map((s) => `${s.kind} ${s.path.join("/")} ${s.firstLine}-${s.lastLine}`);
    expect(found).toEqual(["key a 0-0", "key b 1-4", "key c 5-7", "table t/dotted.key 8-8", "key t/dotted.key/d/e 9-9", "array-table arr 10-10", "key arr/g 11-11"]);
  });
});

describe("format-preserving edits", () => {
  const original = '# top comment\nmodel = "gpt-5"   # mine\n\n[features]\n# keep\nplugins = false\n\n[other]\nx = 1\n';

  test("a key is replaced in place, keeping its comment; a key is added after its table's last key", () => {
    const out = edit(original, (t) => {
      t.setKey(["model"], '"o3"');
      t.setKey(["features", "hooks"], "true");
    });
    expect(out).toBe('# top comment\nmodel = "o3"   # mine\n\n[features]\n# keep\nplugins = false\nhooks = true\n\n[other]\nx = 1\n');
  });

  test("a root key goes after the root keys, or above the first table's comments when there are none", () => {
    expect(edit(original, (t) => t.setKey(["model_provider"], '"p"'))).toBe('# top comment\nmodel = "gpt-5"   # mine\nmodel_provider = "p"\n\n[features]\n# keep\nplugins = false\n\n[other]\nx = 1\n');
    expect(edit("# about t\n[t]\nx = 1\n", (t) => t.setKey(["k"], "1"))).toBe("k = 1\n\n# about t\n[t]\nx = 1\n");
    expect(edit("", (t) => t.setKey(["k"], "1"))).toBe("k = 1\n");
    expect(edit("a = 1", (t) => t.setKey(["k"], "1"))).toBe("a = 1\nk = 1"); // no final newline before, none after
  });

  test("a missing table is appended; dotted keys are extended where they are", () => {
    expect(edit("a = 1\n", (t) => t.setKey(["features", "hooks"], "true"))).toBe("a = 1\n\n[features]\nhooks = true\n");
    expect(edit("features.plugins = false\n[t]\n", (t) => t.setKey(["features", "hooks"], "true"))).toBe("features.plugins = false\nfeatures.hooks = true\n[t]\n");
  });

  test("an inline table cannot be extended line by line: a clear error", () => {
    const t = new TomlText("features = { plugins = false }\n");
    const r = t.setKey(["features", "hooks"], "true");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain("features is written as an inline value on line 1");
  });

  test("tables are set, replaced and removed with the blank line that separated them", () => {
    const added = edit(original, (t) => t.setTable(["hooks", "state", "/a/hooks.json:stop:0:0"], [["trusted_hash", '"sha256:1"']]));
    expect(added).toBe(`${original}\n[hooks.state."/a/hooks.json:stop:0:0"]\ntrusted_hash = "sha256:1"\n`);
    const replaced = edit(added, (t) => t.setTable(["hooks", "state", "/a/hooks.json:stop:0:0"], [["trusted_hash", '"sha256:2"']]));
    expect(replaced).toBe(`${original}\n[hooks.state."/a/hooks.json:stop:0:0"]\ntrusted_hash = "sha256:2"\n`);
    expect(edit(added, (t) => t.removeTable(["hooks", "state", "/a/hooks.json:stop:0:0"]))).toBe(original);
    // A table in the middle goes without taking the next table's comment.
    const middle = "[a]\nx = 1\n\n[b]\ny = 2\n\n# about c\n[c]\nz = 3\n";
    expect(edit(middle, (t) => t.removeTable(["b"]))).toBe("[a]\nx = 1\n\n# about c\n[c]\nz = 3\n");
  });

  test("CRLF files stay CRLF", () => {
    expect(edit("a = 1\r\n[t]\r\nx = 1\r\n", (t) => t.setKey(["t", "y"], "2"))).toBe("a = 1\r\n[t]\r\nx = 1\r\ny = 2\r\n");
  });

  test("rawValue gives a value as written, for putting it back", () => {
    const t = new TomlText("p = 'literal'  # c\nq = \"x\"\n");
    expect(t.rawValue(["p"])).toBe("'literal'");
    expect(t.rawValue(["missing"])).toBeUndefined();
  });

  test("verifyToml refuses text that does not parse to what was meant", () => {
    expect(verifyToml("f.toml", "a = 1\n", { a: 1 }).ok).toBe(true);
    const wrong = verifyToml("f.toml", "a = 2\n", { a: 1 });
    expect(!wrong.ok && wrong.error.message).toBe("f.toml is laid out in a way nemo-relay cannot edit safely; nothing was changed");
    const broken = verifyToml("f.toml", "a = \n", { a: 1 });
    expect(!broken.ok && broken.error.message).toStartWith("editing f.toml would break it (f.toml:1:");
    expect(verifyToml("f.toml", "[x]\n", {}, true).ok).toBe(true);
  });

  test("parseToml names the file, line and column of a syntax error", () => {
    const r = parseToml("/h/config.toml", 'a = 1\nb = "unclosed\n');
    expect(!r.ok && r.error.message).toMatch(/^\/h\/config\.toml:2:\d+: invalid TOML: .*; nothing was changed$/);
  });
});
