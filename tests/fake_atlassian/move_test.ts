/**
 * The fake's Cloud bulk move over real loopback HTTP: the task runs, then completes and moves
 * the issue with its subtasks (new keys, old keys still answering); invalid mappings and issues
 * are refused with Jira's bulk-operation error body; another user's task is not readable; Data
 * Center has no such route.
 */
import assert from "node:assert/strict";
import { startFakeAtlassian } from "./mod.ts";

const ALICE = `Basic ${btoa("alice@example.com:cloud-api-token")}`;
const BOB = `Basic ${btoa("bob@example.com:bob-api-token")}`;

/** Calls a site as `auth`, with a JSON body when one is given. */
async function call(origin: string, path: string, body?: unknown, auth = ALICE) {
  const res = await fetch(origin + path, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: auth,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A move request body for one target and issues. */
function move(target: string, keys: string[]) {
  return { targetToSourcesMapping: { [target]: { issueIdsOrKeys: keys } } };
}

Deno.test("fake cloud bulk move: task, subtasks, old keys, errors", async () => {
  await using fake = await startFakeAtlassian();
  const { origin, state } = fake.cloud;
  const sub = await call(origin, "/rest/api/3/issue", {
    fields: {
      project: { key: "DEMO" },
      issuetype: { id: "10004" },
      summary: "SDK sub-task",
      parent: { key: "DEMO-4" },
    },
  });
  assert.equal(sub.status, 201, JSON.stringify(sub.body));

  const submitted = await call(
    origin,
    "/rest/api/3/bulk/issues/move",
    move("OPS,10002", [
      "DEMO-4",
    ]),
  );
  assert.equal(submitted.status, 201);
  const task = `/rest/api/3/bulk/queue/${submitted.body.taskId}`;
  const running = await call(origin, task);
  assert.equal(running.body.status, "RUNNING");
  assert.equal(running.body.progressPercent, 50);
  assert.equal(state.issues.find((i) => i.id === "10004")?.key, "DEMO-4");
  assert.equal((await call(origin, task, undefined, BOB)).status, 400);

  const done = await call(origin, task);
  assert.equal(done.body.status, "COMPLETE");
  assert.deepEqual(done.body.processedAccessibleIssues, [10004]);
  assert.equal(done.body.invalidOrInaccessibleIssueCount, 0);
  const moved = await call(origin, "/rest/api/3/issue/DEMO-4?fields=project,subtasks");
  assert.equal(moved.body.key, "OPS-2");
  assert.equal(moved.body.fields.project.key, "OPS");
  const subtask = state.issues.find((i) => i.id === sub.body.id)!;
  assert.equal(subtask.key, "OPS-3");
  assert.equal(subtask.parentKey, "OPS-2");
  assert.equal((await call(origin, `/rest/api/3/issue/${sub.body.key}`)).body.key, "OPS-3");
  assert.equal((await call(origin, task)).body.status, "COMPLETE");

  for (
    const [body, message] of [
      [{}, "targetToSourcesMapping must not be empty."],
      [move("NOPE,10002", ["DEMO-3"]), "The project 'NOPE' doesn't exist"],
      [move("OPS,10000", ["DEMO-3"]), "The issue type '10000' is not valid for project 'OPS'."],
      [move("OPS,10004", ["DEMO-3"]), "A parent issue must be specified"],
      [move("OPS,10002", ["DEMO-99"]), "Some of the issues in the issueIdsOrKeys are not valid"],
    ] as const
  ) {
    const refused = await call(origin, "/rest/api/3/bulk/issues/move", body);
    assert.equal(refused.status, 400);
    assert.ok(refused.body.errors[0].message.startsWith(message), refused.body.errors[0].message);
  }
  assert.equal(state.bulkTasks?.length, 1);

  const dc = await fetch(`${fake.datacenter.origin}/rest/api/2/bulk/issues/move`, {
    method: "POST",
    headers: { authorization: "Bearer dc-personal-token", "content-type": "application/json" },
    body: JSON.stringify(move("OPS,10002", ["DEMO-4"])),
  });
  await dc.body?.cancel();
  assert.equal(dc.status, 404);
});
