/**
 * Every route the fake serves exists, with that method, in the Atlassian OpenAPI document it
 * names (`../shared/specs/`), and the router serves exactly the route table.
 */
import assert from "node:assert/strict";
import { type Route, ROUTES, type SpecName, SPECS, startFakeAtlassian } from "./mod.ts";
import { matchRoute } from "./routes.ts";

const SPEC_DIR = new URL("../../../shared/specs/", import.meta.url);

interface OpenApi {
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
}

const cache = new Map<SpecName, OpenApi>();
function spec(name: SpecName): OpenApi {
  let doc = cache.get(name);
  if (!doc) {
    const file = new URL(SPECS[name].file, SPEC_DIR);
    try {
      doc = JSON.parse(Deno.readTextFileSync(file)) as OpenApi;
    } catch (e) {
      throw new Error(
        `cannot read spec ${file.pathname} (the specs live in ../shared/specs): ${e}`,
      );
    }
    cache.set(name, doc);
  }
  return doc;
}

function samplePath(route: Route): string {
  return route.pattern.replace(/\{[^}]+\}/g, "sample-1");
}

Deno.test("route table has routes for both flavours and every spec document", () => {
  assert.ok(ROUTES.some((r) => r.flavour === "cloud"));
  assert.ok(ROUTES.some((r) => r.flavour === "datacenter"));
  for (const name of Object.keys(SPECS) as SpecName[]) {
    assert.ok(ROUTES.some((r) => r.spec === name), `no route uses ${name}`);
  }
});

Deno.test("route table: every route exists with its method in the matching spec", () => {
  const missing: string[] = [];
  for (const r of ROUTES) {
    const ops = spec(r.spec).paths[r.specPath];
    if (!ops) {
      missing.push(`${r.flavour} ${r.method} ${r.pattern}: path ${r.specPath} not in ${r.spec}`);
    } else if (!(r.method.toLowerCase() in ops)) {
      missing.push(
        `${r.flavour} ${r.method} ${r.pattern}: ${r.spec} has ${r.specPath} without ${r.method}`,
      );
    }
  }
  assert.deepEqual(missing, []);
});

Deno.test("route table: each served pattern is the spec path under the spec's server prefix", () => {
  for (const r of ROUTES) {
    assert.equal(r.pattern, SPECS[r.spec].prefix + r.specPath, `${r.method} ${r.pattern}`);
    const server = spec(r.spec).servers?.[0]?.url ?? "";
    const serverPath = server.replace(/^[a-z]*:?\/\/[^/]+/i, "");
    assert.equal(serverPath, SPECS[r.spec].prefix, `${r.spec} server ${server}`);
  }
});

Deno.test("route table: routes match their own flavour's spec family", () => {
  for (const r of ROUTES) {
    const cloudSpec = r.spec.includes("cloud");
    assert.equal(
      cloudSpec,
      r.flavour === "cloud",
      `${r.flavour} ${r.method} ${r.pattern} uses ${r.spec}`,
    );
  }
});

Deno.test("route table: no duplicate (flavour, method, pattern)", () => {
  const seen = new Set<string>();
  for (const r of ROUTES) {
    const key = `${r.flavour} ${r.method} ${r.pattern.replace(/\{[^}]+\}/g, "{}")}`;
    assert.ok(!seen.has(key), `duplicate route ${key}`);
    seen.add(key);
  }
});

Deno.test("router resolves every table route to itself", () => {
  for (const r of ROUTES) {
    const m = matchRoute(r.flavour, r.method, samplePath(r));
    assert.equal(m.kind, "route", `${r.flavour} ${r.method} ${r.pattern}`);
    if (m.kind === "route") assert.equal(m.route, r, `${r.flavour} ${r.method} ${r.pattern}`);
  }
});

Deno.test("fake serves every table route over HTTP and nothing else", async () => {
  await using fake = await startFakeAtlassian();
  for (const r of ROUTES) {
    const site = r.flavour === "cloud" ? fake.cloud : fake.datacenter;
    const res = await fetch(site.origin + samplePath(r), {
      method: r.method,
      headers: { "content-type": "application/json" },
      body: r.method === "POST" || r.method === "PUT" ? "{}" : undefined,
    });
    await res.body?.cancel();
    // Unauthenticated: a routed request reaches the auth check (401), unlike an unknown path.
    assert.equal(res.status, r.anonymous ? 200 : 401, `${r.flavour} ${r.method} ${r.pattern}`);
  }
  // Paths the specs define but the table does not: not served.
  const notServed: [string, string][] = [
    [fake.cloud.origin, "/rest/api/3/dashboard"],
    [fake.cloud.origin, "/confluence/rest/api/content"],
    [fake.cloud.origin, "/wiki/rest/api/content/1002"],
    [fake.datacenter.origin, "/rest/api/3/myself"],
    [fake.datacenter.origin, "/wiki/api/v2/pages"],
    [fake.datacenter.origin, "/rest/api/2/search/jql"],
    [fake.cloud.origin, "/nope"],
  ];
  for (const [origin, path] of notServed) {
    const res = await fetch(origin + path, {
      headers: { authorization: "Bearer dc-personal-token" },
    });
    await res.body?.cancel();
    assert.equal(res.status, 404, path);
  }
});

Deno.test("fake answers an unknown route with 404 and a wrong method with 405", async () => {
  await using fake = await startFakeAtlassian();
  const auth = { authorization: `Basic ${btoa("alice@example.com:cloud-api-token")}` };
  const unknown = await fetch(`${fake.cloud.origin}/rest/api/3/no-such-resource`, {
    headers: auth,
  });
  assert.equal(unknown.status, 404);
  const body = await unknown.json();
  assert.ok(Array.isArray(body.errorMessages));
  const v2 = await fetch(`${fake.cloud.origin}/wiki/api/v2/no-such-thing`, { headers: auth });
  assert.equal(v2.status, 404);
  assert.equal((await v2.json()).errors[0].status, 404);
  const wrong = await fetch(`${fake.cloud.origin}/rest/api/3/myself`, {
    method: "DELETE",
    headers: auth,
  });
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get("allow"), "GET");
  await wrong.body?.cancel();
});
