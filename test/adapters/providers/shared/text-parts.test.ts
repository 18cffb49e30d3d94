import { describe, expect, test } from "bun:test";
import { contentText, joinTexts, latestUserText, latestUserWords, wrappedIn } from "../../../../src/adapters/providers/shared/text-parts.ts";

const text = (m: Record<string, unknown>) => contentText(m.content, ["text"]);

describe("contentText", () => {
  test("a string content is the text", () => {
    expect(contentText("hello", ["text"])).toBe("hello");
  });

  test("only the listed part types count, joined by newlines", () => {
    const parts = [{ type: "text", text: "a" }, { type: "image", source: {} }, { type: "tool_result", content: "x" }, { type: "text", text: "b" }];
    expect(contentText(parts, ["text"])).toBe("a\nb");
    expect(contentText(parts, ["input_text"])).toBeUndefined();
  });

  test("malformed parts are skipped", () => {
    expect(contentText([null, 3, { type: "text" }, { type: "text", text: 5 }, { type: "text", text: "ok" }], ["text"])).toBe("ok");
    expect(contentText(42, ["text"])).toBeUndefined();
  });
});

describe("latestUserText", () => {
  test("the latest user message with text wins; later roles are passed over", () => {
    const messages = [
      { role: "user", content: "first task" },
      { role: "assistant", content: "ok" },
      { role: "user", content: "second task" },
      { role: "system", content: "appended after the user turn" },
    ];
    expect(latestUserText(messages, text)).toBe("second task");
  });

  test("user messages without text (tool results only, whitespace) are passed over", () => {
    const messages = [
      { role: "user", content: [{ type: "text", text: "fix the bug" }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "done" }] },
      { role: "user", content: "   " },
    ];
    expect(latestUserText(messages, text)).toBe("fix the bug");
  });

  test("no user text, or no array, gives undefined", () => {
    expect(latestUserText([{ role: "assistant", content: "hi" }], text)).toBeUndefined();
    expect(latestUserText({ role: "user", content: "hi" }, text)).toBeUndefined();
  });
});

describe("joinTexts", () => {
  test("joins non-empty strings, undefined when none", () => {
    expect(joinTexts(["a", undefined, "", "b"])).toBe("a\nb");
    expect(joinTexts(["a", "b"], "")).toBe("ab");
    expect(joinTexts([undefined, ""])).toBeUndefined();
  });
});

describe("injected context", () => {
  const injected = wrappedIn(["system-reminder", "environment_context"]);

  test("wrappedIn recognises a whole tagged block, with or without attributes, and nothing less", () => {
    expect(injected("<system-reminder>\nctx\n</system-reminder>\n")).toBe(true);
    expect(injected('<environment_context kind="x">ctx</environment_context>')).toBe(true);
    expect(injected("Fix the <system-reminder> parser")).toBe(false);
    expect(injected("<system-reminder>a</system-reminder> and my question")).toBe(false);
    expect(injected("<system-reminders>a</system-reminders>")).toBe(false);
  });

  test("wrappedIn looks past surrounding whitespace exactly as trimming the text would", () => {
    const byTrim = (text: string) => {
      const t = text.trim();
      return ["system-reminder", "environment_context"].some((tag) => (t.startsWith(`<${tag}>`) || t.startsWith(`<${tag} `)) && t.endsWith(`</${tag}>`));
    };
    const pads = ["", " ", "\n", "\t \r\n", "\u00a0", "\ufeff", "\u2028", "x"];
    const bodies = ["<system-reminder>ctx</system-reminder>", "<environment_context a=1>\n</environment_context>", "<system-reminder>", "</system-reminder>", "<system-reminder></system-reminder", "", "   "];
    for (const before of pads) for (const body of bodies) for (const after of pads) expect(injected(`${before}${body}${after}`)).toBe(byTrim(`${before}${body}${after}`));
  });

  test("contentText leaves out the parts (or the string) the predicate rejects", () => {
    const parts = [{ type: "text", text: "<system-reminder>x</system-reminder>" }, { type: "text", text: "task" }];
    expect(contentText(parts, ["text"], injected)).toBe("task");
    expect(contentText("<system-reminder>x</system-reminder>", ["text"], injected)).toBeUndefined();
  });

  test("latestUserWords prefers the user's own words and falls back to injected text", () => {
    const words = [{ role: "user", content: "task" }, { role: "user", content: "<environment_context>e</environment_context>" }];
    expect(latestUserWords(words, ["text"], injected)).toBe("task");
    expect(latestUserWords([{ role: "user", content: "<environment_context>e</environment_context>" }], ["text"], injected)).toBe("<environment_context>e</environment_context>");
  });
});
