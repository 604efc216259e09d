/**
 * `jira_move_issue` (Cloud only) through the real entry point over stdio, against the fake
 * Atlassian: the bulk move request, the polled task with progress notifications, the new key (the
 * old one still answering), a move Jira cannot do, a task that outlasts the wait, the allowlist on
 * the source and the target project, read-only mode, and its absence on Data Center.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

const TOOL = "jira_move_issue";

Deno.test("cloud: jira_move_issue moves an issue to another project", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio(site.env);
  const { client } = session;
  try {
    await t.step("it is listed as destructive", async () => {
      const tool = (await client.listTools()).tools.find((tool) => tool.name === TOOL);
      ok(tool);
      equal(tool.title, "Move Issue to Project");
      equal(tool.annotations?.destructiveHint, true);
      equal(tool.annotations?.readOnlyHint ?? false, false);
    });

    await t.step("it submits a bulk move, polls the task and answers the new key", async () => {
      const answer = await callWithProgress(client, TOOL, {
        issue_key: "DEMO-4",
        target_project_key: "OPS",
      });
      equal(answer.isError, false, answer.text);
      match(answer.json.message, /^Moved DEMO-4 ".+" to OPS as OPS-2\.$/);
      deepEqual(answer.json.issue, {
        key: "OPS-2",
        previous_key: "DEMO-4",
        project: "OPS",
        issue_type: "Task",
        summary: answer.json.issue.summary,
      });
      const [post] = sent(site, "POST", "/rest/api/3/bulk/issues/move");
      deepEqual(post.body, {
        sendBulkNotification: false,
        targetToSourcesMapping: {
          "OPS,10002": {
            issueIdsOrKeys: ["DEMO-4"],
            inferClassificationDefaults: true,
            inferFieldDefaults: true,
            inferStatusDefaults: true,
            inferSubtaskTypeDefault: true,
          },
        },
      });
      equal(sent(site, "GET", "/rest/api/3/bulk/queue/10641").length, 2);
      deepEqual(answer.steps.map((s) => [s.progress, s.total]), [[50, 100], [100, 100]]);
      match(answer.steps[1].message ?? "", /Moving DEMO-4 to OPS: complete/);
      const moved = site.state.issues.find((i) => i.key === "OPS-2")!;
      equal(moved.projectKey, "OPS");
      deepEqual(moved.formerKeys, ["DEMO-4"]);
    });

    await t.step("the old key still finds the moved issue", async () => {
      const answer = await call(client, "jira_get_issue", { issue_key: "DEMO-4" });
      equal(answer.isError, false, answer.text);
      equal(answer.json.key, "OPS-2");
      const again = await call(client, TOOL, { issue_key: "DEMO-4", target_project_key: "OPS" });
      equal(again.isError, true);
      match(again.text, /OPS-2 is already in project OPS/);
    });

    await t.step("an issue type the target lacks is refused before any move", async () => {
      const answer = await call(client, TOOL, { issue_key: "DEMO-1", target_project_key: "OPS" });
      equal(answer.isError, true);
      match(answer.text, /Project OPS has no issue type "Epic"/);
      match(answer.text, /Task/);
      equal(sent(site, "POST", "/bulk/issues/move").length, 1);
    });

    await t.step("a move still running after the wait says how to check", async () => {
      site.state.bulkTaskRunningReads = 100;
      const answer = await call(client, TOOL, { issue_key: "DEMO-3", target_project_key: "OPS" });
      equal(answer.isError, false, answer.text);
      equal(answer.json.status, "RUNNING");
      equal(answer.json.task_id, "10642");
      match(answer.json.message, /has not finished after 28 s/);
      match(answer.json.message, /jira_get_issue DEMO-3/);
      match(answer.json.message, /Do not submit the move again/);
      equal(sent(site, "GET", "/rest/api/3/bulk/queue/10642").length, 15);
      equal(site.state.issues.find((i) => i.id === "10003")?.key, "DEMO-3");
    });
  } finally {
    await session.close();
  }
});

Deno.test("cloud: jira_move_issue keeps to the allowlist on both projects", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const refused = /outside the projects this server may use/;
  for (const filter of ["DEMO", "OPS"]) {
    await t.step(`with JIRA_PROJECTS_FILTER=${filter}`, async () => {
      const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: filter });
      try {
        const answer = await call(session.client, TOOL, {
          issue_key: "DEMO-4",
          target_project_key: "OPS",
        });
        equal(answer.isError, true);
        match(answer.text, refused);
        match(answer.text, new RegExp(`Project ${filter === "DEMO" ? "OPS" : "DEMO"} is outside`));
      } finally {
        await session.close();
      }
    });
  }
  equal(sent(site, "POST", "/bulk/issues/move").length, 0);
  equal(site.state.issues.find((i) => i.id === "10004")?.key, "DEMO-4");
});

Deno.test("cloud: read-only mode hides jira_move_issue", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await session.client.listTools()).tools.map((tool) => tool.name);
    ok(names.includes("jira_get_issue"));
    ok(!names.includes(TOOL));
    const answer = await call(session.client, TOOL, {
      issue_key: "DEMO-4",
      target_project_key: "OPS",
    });
    equal(answer.isError, true);
    equal(answer.text, `Unknown tool: ${TOOL}`);
    equal(sent(site, "POST", "/bulk/issues/move").length, 0);
  } finally {
    await session.close();
  }
});

Deno.test("datacenter: jira_move_issue is not there", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.datacenter;
  const session = await connectStdio(site.env);
  try {
    const names = (await session.client.listTools()).tools.map((tool) => tool.name);
    ok(names.includes("jira_delete_issue"));
    ok(!names.includes(TOOL));
    const answer = await call(session.client, TOOL, {
      issue_key: "DEMO-4",
      target_project_key: "OPS",
    });
    equal(answer.isError, true);
    equal(answer.text, `Unknown tool: ${TOOL}`);
    equal(site.requests.filter((r) => r.path.includes("/bulk/")).length, 0);
    equal(site.state.issues.find((i) => i.key === "DEMO-4")?.projectKey, "DEMO");
  } finally {
    await session.close();
  }
});
