import { deepEqual, equal } from "node:assert/strict";
import { z } from "zod";
import { type Access, defineTool, defineToolset, type ToolDef } from "../../../src/tools/define.ts";
import { resolveToolsets, type Selection, selectTools } from "../../../src/tools/select.ts";

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
    input: z.object({ x: z.string().optional() }),
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
