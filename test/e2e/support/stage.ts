/**
 * A fresh sandbox (nemo-relay's plugins.toml sending ATIF files into it) and a scripted mock
 * upstream for one test, taken down afterwards whatever happens: the tests of a file run
 * concurrently, so each owns its own.
 */
import { startMockLlm, type MockLlm } from "../../support/mock-llm/index.ts";
import { makeSandbox, writeNemoRelayConfig, type Sandbox } from "./sandbox.ts";

export async function onStage<T>(label: string, body: (box: Sandbox, mock: MockLlm) => Promise<T>): Promise<T> {
  const box = makeSandbox(label);
  const mock = await startMockLlm({ scenario: "basic" });
  try {
    writeNemoRelayConfig(box);
    return await body(box, mock);
  } finally {
    await mock.stop();
    box.remove();
  }
}
