/** The command printed after a wrapped run to resume its session observed, keeping the user's flags. */
import { describe, expect, test } from "bun:test";
import { claudeResumeArgs } from "../../../src/adapters/agents/claude-code/resume-args.ts";
import { claudeCodeLauncher } from "../../../src/adapters/agents/claude-code/launch-plan.ts";
import { codexLauncher } from "../../../src/adapters/agents/codex/launch-plan.ts";
import { cursorLauncher } from "../../../src/adapters/agents/cursor/launch-plan.ts";
import { resumeHint } from "../../../src/app/launch/resume-hint.ts";

describe("Claude's resume arguments", () => {
  test("the user's own flags stay, with their values; the prompt, print mode and earlier session choices go", () => {
    expect(claudeResumeArgs(["--model", "opus", "--dangerously-skip-permissions", "-p", "fix it"], "s1")).toEqual(["--model", "opus", "--dangerously-skip-permissions", "--resume", "s1"]);
    expect(claudeResumeArgs(["--add-dir", "/a", "/b", "--permission-mode=plan", "--", "a prompt", "--model"], "s1")).toEqual(["--add-dir", "/a", "/b", "--permission-mode=plan", "--resume", "s1"]);
    expect(claudeResumeArgs(["--resume", "old", "-c", "--session-id", "x", "--settings", "/tmp/s.json", "--verbose"], "s1")).toEqual(["--verbose", "--resume", "s1"]);
    expect(claudeResumeArgs(["-r"], "s1")).toEqual(["--resume", "s1"]);
  });
});

describe("resumeHint", () => {
  test("through the shortcut the user typed, or through run with their own command", () => {
    expect(resumeHint(claudeCodeLauncher, ["claude", "--model", "opus"], "abc-1", "claude")).toBe("nemo-relay claude -- --model opus --resume abc-1");
    expect(resumeHint(claudeCodeLauncher, ["./my-claude.sh", "claude", "--verbose"], "abc-1")).toBe("nemo-relay run -- ./my-claude.sh claude --verbose --resume abc-1");
    expect(resumeHint(codexLauncher, ["codex", "exec", "hi"], "019a-1", "codex")).toBe("nemo-relay codex -- resume 019a-1");
  });

  test("an agent without a resume has no hint", () => {
    expect(resumeHint(cursorLauncher, ["cursor-agent"], "s")).toBeUndefined();
  });
});
