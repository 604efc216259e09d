/**
 * The fake's sprint writes over real loopback HTTP, on both flavours: create (with Jira's field
 * errors), partial update with the state changes Jira allows, and backlog moves (at most 50).
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};
const AGILE = "/rest/agile/1.0";

/** Calls the fake as Alice, JSON in and out. */
async function call(
  site: FakeSite,
  path: string,
  init: { method?: string; body?: unknown } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + AGILE + path, {
    method: init.method ?? "GET",
    headers: {
      authorization: AUTH[site.flavour],
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`fake ${flavour}: sprints are created and updated with Jira's errors`, async () => {
    await using fake = await startFakeAtlassian({ now: () => new Date("2024-06-01T12:00:00Z") });
    const site = fake[flavour];
    const created = await call(site, "/sprint", {
      method: "POST",
      body: {
        name: "  Sprint 3 ",
        originBoardId: 1,
        startDate: "2024-06-03T09:00:00+02:00",
        endDate: "2024-06-17",
        goal: "Polish",
      },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, "Sprint 3", "the name is trimmed");
    assert.equal(created.body.state, "future");
    assert.equal(created.body.startDate, "2024-06-03T07:00:00.000Z");
    assert.equal(created.body.originBoardId, 1);
    const listed = await call(site, "/board/1/sprint?state=future");
    assert.ok(listed.body.values.some((s: { id: number }) => s.id === created.body.id));

    const refusals: [unknown, number, unknown][] = [
      [{ name: " ", originBoardId: 1 }, 400, { name: "The sprint name must not be empty." }],
      [{ name: "x" }, 400, { originBoardId: "The origin board id is required." }],
      [{ name: "x", originBoardId: 1, startDate: "06/03/2024" }, 400, {
        startDate: "Date format is invalid: '06/03/2024'.",
      }],
      [{ name: "x", originBoardId: 1, startDate: "2024-06-03", endDate: "2024-06-01" }, 400, {
        endDate: "The sprint end date must be after the sprint start date.",
      }],
    ];
    for (const [body, status, errors] of refusals) {
      const answer = await call(site, "/sprint", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.deepEqual(answer.body, { errorMessages: [], errors });
    }
    const kanban = await call(site, "/sprint", {
      method: "POST",
      body: { name: "x", originBoardId: 3 },
    });
    assert.deepEqual(kanban.body.errorMessages, ["The board does not support sprints"]);
    const missing = await call(site, "/sprint", {
      method: "POST",
      body: { name: "x", originBoardId: 9 },
    });
    assert.equal(missing.status, 404);

    // Sprint 1 is active on board 1: another sprint starts only once it is closed.
    const id = created.body.id;
    const blocked = await call(site, `/sprint/${id}`, {
      method: "POST",
      body: { state: "active" },
    });
    assert.deepEqual(blocked.body.errorMessages, [
      "Sprint 'Sprint 1' is already active on this board.",
    ]);
    const closed = await call(site, "/sprint/1", { method: "POST", body: { state: "closed" } });
    assert.equal(closed.body.completeDate, "2024-06-01T12:00:00.000Z");
    const undated = await call(site, "/sprint/2", { method: "POST", body: { state: "active" } });
    assert.deepEqual(undated.body.errorMessages, [
      "A sprint can only be started when it has a start date and an end date.",
    ]);
    const started = await call(site, `/sprint/${id}`, {
      method: "POST",
      body: { state: "active", goal: "Ship", endDate: "2024-06-20T17:00:00Z" },
    });
    assert.equal(started.status, 200);
    assert.equal(started.body.state, "active");
    assert.equal(started.body.goal, "Ship");
    assert.equal(started.body.name, "Sprint 3", "a partial update keeps the rest");
    assert.equal(started.body.endDate, "2024-06-20T17:00:00.000Z");
    const back = await call(site, `/sprint/${id}`, { method: "POST", body: { state: "future" } });
    assert.deepEqual(back.body.errors, {
      state: "A sprint cannot go from state 'active' to 'future'.",
    });
    const renamed = await call(site, "/sprint/1", {
      method: "POST",
      body: { name: "Sprint 1 (done)", startDate: "2020-01-01" },
    });
    assert.equal(renamed.body.name, "Sprint 1 (done)");
    assert.equal(renamed.body.startDate, "2024-03-04T09:00:00.000Z", "closed: only name and goal");
  });

  Deno.test(`fake ${flavour}: issues move to the backlog, at most 50 at once`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const moved = await call(site, "/backlog/issue", {
      method: "POST",
      body: { issues: ["DEMO-2", "DEMO-3"] },
    });
    assert.equal(moved.status, 204);
    for (const key of ["DEMO-2", "DEMO-3"]) {
      assert.deepEqual(site.state.issues.find((i) => i.key === key)!.sprintIds, []);
    }
    const many = await call(site, "/backlog/issue", {
      method: "POST",
      body: { issues: Array.from({ length: 51 }, (_, i) => `DEMO-${i + 1}`) },
    });
    assert.equal(many.status, 400);
    assert.deepEqual(many.body.errorMessages, ["Maximum 50 issues can be moved at once."]);
    const unknown = await call(site, "/backlog/issue", {
      method: "POST",
      body: { issues: ["DEMO-99"] },
    });
    assert.equal(unknown.status, 404);
    const empty = await call(site, "/backlog/issue", { method: "POST", body: { issues: [] } });
    assert.equal(empty.status, 400);
  });
}
