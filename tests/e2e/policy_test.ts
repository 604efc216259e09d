/**
 * Tool policy through the real entry point: read-only mode, toolsets and enabled tools are
 * applied when tools are listed and again when one is called; the project and space allowlists
 * narrow searches and refuse direct access.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

Deno.test("read-only mode hides write tools and refuses them by name", async () => {
  const fake = await startFakeAtlassian();
  const session = await connectStdio({ ...fake.cloud.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await session.client.listTools()).tools.map((t) => t.name);
    ok(names.includes("jira_get_issue"));
    ok(!names.includes("jira_create_issue"));
    const answer = await call(session.client, "jira_create_issue", {
      project_key: "DEMO",
      summary: "x",
      issue_type: "Task",
    });
    equal(answer.isError, true);
    equal(answer.text, "Unknown tool: jira_create_issue");
    equal(fake.cloud.requests.filter((r) => r.method === "POST").length, 0);
  } finally {
    await session.close();
    await fake.close();
  }
});

Deno.test("TOOLSETS and ENABLED_TOOLS intersect at list and call time", async () => {
  const fake = await startFakeAtlassian();
  const session = await connectStdio(
    {
      ...fake.datacenter.env,
      TOOLSETS: "jira_issues",
      ENABLED_TOOLS: "jira_get_issue,confluence_get_page",
    },
  );
  try {
    deepEqual((await session.client.listTools()).tools.map((t) => t.name), ["jira_get_issue"]);
    const refused = await call(session.client, "confluence_get_page", { page_id: "1001" });
    equal(refused.text, "Unknown tool: confluence_get_page");
  } finally {
    await session.close();
    await fake.close();
  }
});

Deno.test("misspelled TOOLSETS and ENABLED_TOOLS names are warned about at start", async () => {
  await using fake = await startFakeAtlassian();
  const session = await connectStdio({
    ...fake.cloud.env,
    TOOLSETS: "jira_issue",
    ENABLED_TOOLS: "jira_get_issues",
  });
  try {
    deepEqual((await session.client.listTools()).tools, []);
    const stderr = session.stderr();
    match(stderr, /TOOLSETS: unknown toolset "jira_issue"; did you mean jira_issues\?/);
    match(stderr, /ENABLED_TOOLS: unknown tool "jira_get_issues"; did you mean jira_get_issue\?/);
    match(stderr, /No tool is offered: TOOLSETS, ENABLED_TOOLS and READ_ONLY_MODE together/);
  } finally {
    await session.close();
  }
});

Deno.test("project and space allowlists narrow searches and refuse direct access", async () => {
  const fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio({
    ...site.env,
    JIRA_PROJECTS_FILTER: "DEMO",
    CONFLUENCE_SPACES_FILTER: "DOCS",
  });
  try {
    const search = await call(session.client, "jira_search", {
      jql: "project = OPS OR project = DEMO",
      limit: 20,
    });
    ok(search.json.issues.every((i: { key: string }) => i.key.startsWith("DEMO-")), search.text);
    const sent = site.requests.findLast((r) => r.path.endsWith("/search/jql"))!;
    match((sent.body as { jql: string }).jql, /AND project IN \("DEMO"\)/);

    const escape = await call(session.client, "jira_search", {
      jql: "project = OPS) OR (project = OPS",
    });
    equal(escape.isError, true);
    match(escape.text, /unbalanced parentheses/);
    const cqlEscape = await call(session.client, "confluence_search", {
      query: "space = HR) OR (space = HR",
    });
    equal(cqlEscape.isError, true);

    const moved = await call(session.client, "jira_create_issue", {
      project_key: "DEMO",
      summary: "smuggled",
      issue_type: "Task",
      additional_fields: JSON.stringify({ project: { key: "OPS" } }),
    });
    equal(moved.isError, true);
    match(moved.text, /must not set the project/);
    equal(site.requests.filter((r) => r.method === "POST" && r.path.endsWith("/issue")).length, 0);

    const ops = await call(session.client, "jira_get_issue", { issue_key: "OPS-1" });
    equal(ops.isError, true);
    match(ops.text, /Project OPS is outside/);
    const write = await call(session.client, "jira_add_comment", { issue_key: "OPS-1", body: "x" });
    equal(write.isError, true);

    const hr = await call(session.client, "confluence_get_page", { page_id: "2001" });
    equal(hr.isError, true);
    match(hr.text, /Space HR is outside/);
    const cql = await call(session.client, "confluence_search", { query: "Policy" });
    ok(cql.json.every((h: { space_key: string }) => h.space_key === "DOCS"), cql.text);
  } finally {
    await session.close();
    await fake.close();
  }
});

Deno.test("JIRA_ISSUE_KEY_PATTERN changes the advertised and enforced key format", async () => {
  const fake = await startFakeAtlassian();
  const session = await connectStdio({
    ...fake.datacenter.env,
    JIRA_ISSUE_KEY_PATTERN: "^DEMO-\\d+$",
  });
  try {
    const { tools } = await session.client.listTools();
    const getIssue = tools.find((t) => t.name === "jira_get_issue")!;
    const issueKey =
      (getIssue.inputSchema.properties as Record<string, { pattern?: string }>).issue_key;
    equal(issueKey.pattern, "^DEMO-\\d+$");
    ok(!JSON.stringify(getIssue.inputSchema).includes("x-key-kind"));
    const refused = await call(session.client, "jira_get_issue", { issue_key: "OPS-1" });
    equal(refused.isError, true);
    match(refused.text, /matching \^DEMO-\\d\+\$/);
    const allowed = await call(session.client, "jira_get_issue", {
      issue_key: "DEMO-2",
      comment_limit: 0,
    });
    equal(allowed.json.key, "DEMO-2");
  } finally {
    await session.close();
    await fake.close();
  }
});
