/** The viewer at /ui: on by default on loopback, off with `[gateway] ui = false`, behind the token when one is set. */
import { afterEach, expect, test } from "bun:test";
import { startTestGateway, type TestGateway } from "../../reliability/support/test-gateway.ts";

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

test("on by default for a loopback gateway: the page, with a strict CSP", async () => {
  t = startTestGateway();
  const res = await fetch(`${t.gateway.url}/ui/`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
  expect(await res.text()).toContain('src="/ui/app.js"');
  expect((await fetch(`${t.gateway.url}/ui/app.js`)).headers.get("content-type")).toStartWith("text/javascript");
});

test("[gateway] ui = false turns it off", async () => {
  t = startTestGateway({ gateway: { ui: false } });
  expect((await fetch(`${t.gateway.url}/ui/`)).status).toBe(404);
  expect((await fetch(`${t.gateway.url}/ui/api/sessions`)).status).toBe(404);
});

test("with a token, the viewer answers 401 without it", async () => {
  t = startTestGateway({ env: { NEMO_RELAY_AUTH_TOKEN: "a-token-long-enough-for-the-gateway-0123456789" } });
  expect((await fetch(`${t.gateway.url}/ui/api/sessions`)).status).toBe(401);
  const withToken = await fetch(`${t.gateway.url}/ui/api/sessions`, { headers: { "x-nemo-relay-token": "a-token-long-enough-for-the-gateway-0123456789" } });
  expect(withToken.status).toBe(200);
  expect(await withToken.json()).toEqual({ rows: [], problems: [] });
});
