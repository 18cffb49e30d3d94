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
  expect(await withToken.json()).toEqual({ rows: [], problems: [], live: true });
});

test("with a token, a browser opens /ui/?token=… once: the token becomes a viewer-only cookie and leaves the address", async () => {
  const token = "a-token-long-enough-for-the-gateway-0123456789";
  t = startTestGateway({ env: { NEMO_RELAY_AUTH_TOKEN: token } });
  expect((await fetch(`${t.gateway.url}/ui/?token=wrong-token`, { redirect: "manual" })).status).toBe(401);
  const exchange = await fetch(`${t.gateway.url}/ui/?token=${token}`, { redirect: "manual" });
  expect(exchange.status).toBe(303);
  expect(exchange.headers.get("location")).toBe("/ui/");
  const cookie = exchange.headers.get("set-cookie")!;
  expect(cookie).toContain("HttpOnly");
  expect(cookie).toContain("SameSite=Strict");
  expect(cookie).toContain("Path=/ui");
  const pair = cookie.split(";")[0]!;
  expect((await fetch(`${t.gateway.url}/ui/api/sessions`, { headers: { cookie: pair } })).status).toBe(200);
  // The cookie opens only the viewer: hooks and provider routes still need the header.
  const hook = await fetch(`${t.gateway.url}/hooks/codex`, { method: "POST", headers: { cookie: pair, "content-type": "application/json" }, body: "{}" });
  expect(hook.status).toBe(401);
  // A token in the address counts only on the page's own address, not on the data routes.
  expect((await fetch(`${t.gateway.url}/ui/api/sessions?token=${token}`)).status).toBe(401);
});
