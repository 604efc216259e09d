import { deepEqual, equal } from "node:assert/strict";
import { z } from "zod";
import { type Access, defineTool, defineToolset, type ToolDef } from "../../../src/tools/define.ts";
import {
  closestNames,
  resolveToolsets,
  type Selection,
  selectionWarnings,
  selectTools,
} from "../../../src/tools/select.ts";

function tool(
  name: string,
  toolset: string,
  access: Access = "read",
  deployments: ("cloud" | "datacenter")[] = ["cloud", "datacenter"],
): ToolDef {
  return defineTool({
    name,
    toolset,
    product: name.startsWith("jira") ? "jira" : "confluence",
    access,
    deployments,
    title: name,
    description: name,
    input: () => z.object({ x: z.string().optional() }),
    handler: () => Promise.resolve(name),
  }) as unknown as ToolDef;
}

function toolset(name: string, isDefault: boolean, tools: ToolDef[]) {
  return defineToolset({ name, description: name, isDefault, tools });
}

const TOOLSETS = [
  toolset("jira_issues", true, [
    tool("jira_get_issue", "jira_issues"),
    tool("jira_create_issue", "jira_issues", "write"),
    tool("jira_batch_get_changelogs", "jira_issues", "read", ["cloud"]),
  ]),
  toolset("jira_agile", false, [tool("jira_get_agile_boards", "jira_agile")]),
  toolset("confluence_pages", true, [
    tool("confluence_get_page", "confluence_pages"),
    tool("confluence_update_page", "confluence_pages", "destructive"),
  ]),
  toolset("confluence_comments", true, []),
];
const ALL = TOOLSETS.flatMap((t) => t.tools);

const both: Selection = { products: { jira: "cloud", confluence: "cloud" }, readOnly: false };
const names = (s: Selection) => selectTools(TOOLSETS, s).map((t) => t.name);

Deno.test("selectTools offers everything with no filters", () => {
  equal(names(both).length, ALL.length);
});

Deno.test("selectTools hides write and destructive tools in read-only mode", () => {
  deepEqual(names({ ...both, readOnly: true }), [
    "jira_get_issue",
    "jira_batch_get_changelogs",
    "jira_get_agile_boards",
    "confluence_get_page",
  ]);
});

Deno.test("selectTools hides tools of a product that is not configured", () => {
  deepEqual(names({ products: { confluence: "cloud" }, readOnly: false }), [
    "confluence_get_page",
    "confluence_update_page",
  ]);
});

Deno.test("selectTools hides Cloud-only tools on Data Center", () => {
  equal(
    names({ ...both, products: { jira: "datacenter" } }).includes("jira_batch_get_changelogs"),
    false,
  );
});

Deno.test("selectTools intersects toolsets with enabled tools", () => {
  deepEqual(
    names({
      ...both,
      toolsets: ["default"],
      enabledTools: ["jira_get_issue", "jira_get_agile_boards"],
    }),
    ["jira_get_issue"],
  );
});

Deno.test("resolveToolsets expands keywords and ignores unknown names", () => {
  equal(resolveToolsets(undefined, TOOLSETS).has("jira_agile"), true);
  equal(resolveToolsets(["DEFAULT"], TOOLSETS).has("jira_agile"), false);
  equal(resolveToolsets(["default"], TOOLSETS).has("confluence_comments"), true);
  deepEqual([...resolveToolsets(["nonsense", "jira_agile"], TOOLSETS)], ["jira_agile"]);
  equal(resolveToolsets(["nonsense"], TOOLSETS).size, 0);
});

Deno.test("selectTools offers nothing when every toolset name is unknown (fail closed)", () => {
  deepEqual(names({ ...both, toolsets: ["jira_everything"] }), []);
});

Deno.test("closestNames suggests near names and the names a prefix starts", () => {
  const valid = ["all", "default", "jira_issues", "jira_agile", "confluence_pages"];
  deepEqual(closestNames("jira_issue", valid), ["jira_issues"]);
  deepEqual(closestNames("jira", valid), ["jira_agile", "jira_issues"]);
  deepEqual(closestNames("confluence_page", valid), ["confluence_pages"]);
  deepEqual(closestNames("zzz", valid), []);
});

Deno.test("selectionWarnings names each unknown toolset and tool with the closest valid names", () => {
  deepEqual(
    selectionWarnings(TOOLSETS, {
      ...both,
      toolsets: ["jira_issue", "default", "zzz"],
      enabledTools: ["jira_get_issues", "jira_get_issue"],
    }),
    [
      'TOOLSETS: unknown toolset "jira_issue"; did you mean jira_issues?',
      'TOOLSETS: unknown toolset "zzz"; valid: all, default, jira_issues, jira_agile, confluence_pages, confluence_comments.',
      'ENABLED_TOOLS: unknown tool "jira_get_issues"; did you mean jira_get_issue?',
    ],
  );
  deepEqual(selectionWarnings(TOOLSETS, { ...both, toolsets: ["ALL", "Default"] }), []);
});

Deno.test("selectionWarnings says when nothing is offered or a tool is not on the deployment", () => {
  deepEqual(selectionWarnings(TOOLSETS, { ...both, toolsets: ["jira"] }), [
    'TOOLSETS: unknown toolset "jira"; did you mean jira_agile, jira_issues?',
    "No tool is offered: TOOLSETS, ENABLED_TOOLS and READ_ONLY_MODE together select none for the configured products.",
  ]);
  deepEqual(
    selectionWarnings(TOOLSETS, {
      products: { jira: "datacenter" },
      readOnly: false,
      enabledTools: ["jira_batch_get_changelogs", "jira_get_issue"],
    }),
    ["ENABLED_TOOLS: jira_batch_get_changelogs is not offered on Jira Data Center."],
  );
});
