/**
 * Every route the fake serves exists, with that method, in the Atlassian OpenAPI document it
 * names, and the router serves exactly the route table.
 *
 * The documents (`../shared/specs/`, ~10 MB) are not in the repository: the route table is
 * checked against `spec_index.json` (every `METHOD path` of each document, committed), always.
 * When the documents are present (CI, the workspace), the committed index must also be exactly
 * what they produce today, so it cannot drift (regenerate: `deno task spec-index`).
 */
import assert from "node:assert/strict";
import {
  type Route,
  ROUTES,
  type SpecName,
  SPECS,
  startFakeAtlassian,
  UNSPECIFIED_ROUTES,
} from "./mod.ts";
import { matchRoute } from "./routes.ts";
import {
  buildSpecIndex,
  indexedSpecFiles,
  readCommittedIndex,
  REGENERATE,
  renderSpecIndex,
  SPEC_DIR,
  specsAvailable,
  type SpecSummary,
} from "./_spec_index.ts";

const committed = readCommittedIndex();

function spec(name: SpecName): SpecSummary {
  const summary = committed.index.specs?.[SPECS[name].file];
  if (!summary) {
    throw new Error(`spec_index.json has no entry for ${SPECS[name].file}; run ${REGENERATE}`);
  }
  return summary;
}

const pathsCache = new Map<SpecName, Map<string, Set<string>>>();
/** path -> methods of a spec document, from the index. */
function paths(name: SpecName): Map<string, Set<string>> {
  let map = pathsCache.get(name);
  if (!map) {
    map = new Map();
    for (const op of spec(name).operations) {
      const i = op.indexOf(" ");
      const path = op.slice(i + 1);
      if (!map.has(path)) map.set(path, new Set());
      map.get(path)!.add(op.slice(0, i));
    }
    pathsCache.set(name, map);
  }
  return map;
}

function samplePath(route: Pick<Route, "pattern">): string {
  return route.pattern.replace(/\{[^}]+\}/g, "sample-1");
}

Deno.test("route table has routes for both flavours and every spec document", () => {
  assert.ok(ROUTES.some((r) => r.flavour === "cloud"));
  assert.ok(ROUTES.some((r) => r.flavour === "datacenter"));
  for (const name of Object.keys(SPECS) as SpecName[]) {
    assert.ok(ROUTES.some((r) => r.spec === name), `no route uses ${name}`);
  }
});

Deno.test("spec index: covers exactly the spec documents the route table uses", () => {
  const { text, index } = committed;
  assert.deepEqual(
    Object.keys(index.specs ?? {}),
    indexedSpecFiles(),
    `spec_index.json lists other documents than SPECS uses; run ${REGENERATE}`,
  );
  for (const [file, s] of Object.entries(index.specs)) {
    assert.ok(s.operations.length > 0, `${file}: no operations`);
    for (const op of s.operations) {
      assert.match(op, /^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) \//);
    }
    assert.deepEqual(s.operations, [...new Set(s.operations)].sort(), `${file}: not sorted/unique`);
  }
  assert.equal(
    text,
    renderSpecIndex(index),
    `spec_index.json is not in canonical form; run ${REGENERATE}`,
  );
});

Deno.test({
  name: "spec index: matches the spec documents in ../shared/specs/ (skipped without them)",
  ignore: !specsAvailable(),
  fn: async () => {
    const fresh = await buildSpecIndex();
    const { index: old, text } = committed;
    const drift: string[] = [];
    for (const file of new Set([...Object.keys(old.specs ?? {}), ...Object.keys(fresh.specs)])) {
      const a = old.specs?.[file];
      const b = fresh.specs[file];
      if (!a || !b) {
        drift.push(`${file}: ${a ? "no longer used" : "missing from the index"}`);
        continue;
      }
      if (a.server !== b.server) drift.push(`${file}: server ${a.server} -> ${b.server}`);
      if (a.version !== b.version) drift.push(`${file}: version ${a.version} -> ${b.version}`);
      const before = new Set(a.operations);
      const after = new Set(b.operations);
      const added = b.operations.filter((o) => !before.has(o));
      const removed = a.operations.filter((o) => !after.has(o));
      if (added.length) drift.push(`${file}: +${added.length} (${added.slice(0, 5).join(", ")})`);
      if (removed.length) {
        drift.push(`${file}: -${removed.length} (${removed.slice(0, 5).join(", ")})`);
      }
    }
    const same = text === renderSpecIndex(fresh);
    assert.ok(
      same && drift.length === 0,
      `tests/fake_atlassian/spec_index.json does not match ${SPEC_DIR.pathname}; ` +
        `run ${REGENERATE} and commit it.${drift.length ? `\n  ${drift.join("\n  ")}` : ""}`,
    );
  },
});

Deno.test("route table: every route exists with its method in the matching spec", () => {
  const missing: string[] = [];
  for (const r of ROUTES) {
    const ops = paths(r.spec).get(r.specPath);
    if (!ops) {
      missing.push(`${r.flavour} ${r.method} ${r.pattern}: path ${r.specPath} not in ${r.spec}`);
    } else if (!ops.has(r.method)) {
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
    const server = spec(r.spec).server ?? "";
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

Deno.test("unspecified routes: each says why it is real, and no spec here defines it", () => {
  for (const r of UNSPECIFIED_ROUTES) {
    const what = `${r.flavour} ${r.method} ${r.pattern}`;
    assert.ok(r.why.length >= 30, `${what}: give the reason the fake serves it`);
    for (const name of Object.keys(SPECS) as SpecName[]) {
      const sameFlavour = name.includes("cloud") === (r.flavour === "cloud");
      const path = r.pattern.slice(SPECS[name].prefix.length);
      const defined = r.pattern.startsWith(SPECS[name].prefix) ? paths(name).get(path) : undefined;
      assert.ok(!(sameFlavour && defined?.has(r.method)), `${what} is in ${name}: list it in ROWS`);
    }
    if (r.sameAs) {
      const ops = paths(r.sameAs.spec).get(r.sameAs.specPath);
      assert.ok(ops?.has(r.method), `${what}: ${r.sameAs.spec} has no ${r.sameAs.specPath}`);
    }
  }
});

Deno.test("route table: no duplicate (flavour, method, pattern)", () => {
  const seen = new Set<string>();
  for (const r of [...ROUTES, ...UNSPECIFIED_ROUTES]) {
    const key = `${r.flavour} ${r.method} ${r.pattern.replace(/\{[^}]+\}/g, "{}")}`;
    assert.ok(!seen.has(key), `duplicate route ${key}`);
    seen.add(key);
  }
});

Deno.test("router resolves every table route to itself", () => {
  for (const r of [...ROUTES, ...UNSPECIFIED_ROUTES]) {
    const m = matchRoute(r.flavour, r.method, samplePath(r));
    assert.equal(m.kind, "route", `${r.flavour} ${r.method} ${r.pattern}`);
    if (m.kind === "route") assert.equal(m.route, r, `${r.flavour} ${r.method} ${r.pattern}`);
  }
});

Deno.test("fake serves every table route over HTTP and nothing else", async () => {
  await using fake = await startFakeAtlassian();
  for (const r of [...ROUTES, ...UNSPECIFIED_ROUTES]) {
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
