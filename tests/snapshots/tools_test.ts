/**
 * The advertised tool surface is snapshotted (tests/snapshots/tools.json), so any change to a
 * name, schema, title or annotation is a reviewed diff. Regenerate with UPDATE_SNAPSHOTS=1.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { toolListing } from "../../src/server/create.ts";
import { SHARED_PARAMETERS } from "../../src/tools/glossary.ts";
import { ALL_TOOLS, TOOLSETS } from "../../src/tools/registry.ts";

const SNAPSHOT = new URL("./tools.json", import.meta.url);
/** Every toolset name the Python server knows (16 Jira, 8 Confluence, plus `legacy`). */
const PYTHON_TOOLSETS = [
  "jira_issues",
  "jira_fields",
  "jira_comments",
  "jira_transitions",
  "jira_projects",
  "jira_agile",
  "jira_links",
  "jira_worklog",
  "jira_attachments",
  "jira_users",
  "jira_watchers",
  "jira_service_desk",
  "jira_forms",
  "jira_metrics",
  "jira_development",
  "jira_project_analysis",
  "confluence_pages",
  "confluence_comments",
  "confluence_labels",
  "confluence_users",
  "confluence_analytics",
  "confluence_attachments",
  "confluence_templates",
  "confluence_permissions",
  "legacy",
];
const listings = ALL_TOOLS.map(toolListing);

Deno.test("tool surface matches the snapshot", async () => {
  const current = JSON.stringify(listings, null, 2) + "\n";
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") await Deno.writeTextFile(SNAPSHOT, current);
  const saved = await Deno.readTextFile(SNAPSHOT);
  deepEqual(
    JSON.parse(current),
    JSON.parse(saved),
    "run with UPDATE_SNAPSHOTS=1 after a deliberate change",
  );
});

Deno.test("every tool has a unique product-prefixed name and a known toolset", () => {
  const names = new Set<string>();
  for (const tool of ALL_TOOLS) {
    ok(!names.has(tool.name), `duplicate ${tool.name}`);
    names.add(tool.name);
    ok(tool.name.startsWith(`${tool.product}_`), tool.name);
    ok(PYTHON_TOOLSETS.includes(tool.toolset), `${tool.name}: ${tool.toolset}`);
    ok(tool.toolset.startsWith(tool.product), `${tool.name} in ${tool.toolset}`);
  }
});

Deno.test("every input schema is a flat object with described properties and no refs or unions", () => {
  for (const listing of listings) {
    const schema = listing.inputSchema as Record<string, unknown>;
    equal(schema.type, "object", listing.name);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    ok(Object.keys(properties).length >= 1, `${listing.name} has no parameter`);
    const text = JSON.stringify(schema);
    ok(!text.includes("$ref") && !text.includes("$defs"), `${listing.name} uses refs`);
    for (const [name, property] of Object.entries(properties)) {
      ok(
        name in SHARED_PARAMETERS ||
          typeof property.description === "string" && property.description.length > 10,
        `${listing.name}.${name} has no description and is not in the glossary`,
      );
      ok(!("anyOf" in property) && !("oneOf" in property), `${listing.name}.${name} is a union`);
    }
  }
});

Deno.test("annotations follow access: reads are read-only, only destructive tools are destructive", () => {
  for (const tool of ALL_TOOLS) {
    const listing = toolListing(tool);
    const a = listing.annotations!;
    // Unstated hints have the spec's defaults: not read-only, destructive.
    equal(a.readOnlyHint ?? false, tool.access === "read", tool.name);
    if (tool.access !== "read") equal(a.destructiveHint, tool.access === "destructive", tool.name);
    ok(listing.title, tool.name);
  }
});

/** Bytes of a `tools/list` result listing these tools, as sent (compact JSON, UTF-8). */
function listBytes(tools: typeof ALL_TOOLS): number {
  return new TextEncoder().encode(JSON.stringify({ tools: tools.map(toolListing) })).length;
}

Deno.test("tools/list sizes: every toolset and the default toolsets, within their budgets", () => {
  const all = listBytes(ALL_TOOLS);
  const defaults = TOOLSETS.filter((t) => t.isDefault).flatMap((t) => t.tools);
  const perTool = Math.round(all / ALL_TOOLS.length);
  const defaultBytes = listBytes(defaults);
  console.log(
    `tools/list: ${ALL_TOOLS.length} tools ${all} B (${perTool} B/tool); ` +
      `default ${defaults.length} tools ${defaultBytes} B`,
  );
  // Issue 13's budgets: a description that grows must make room elsewhere (or in the glossary).
  ok(all / ALL_TOOLS.length <= 600, `${perTool} B per tool, over 600`);
  ok(defaultBytes <= 20_000, `TOOLSETS=default lists ${defaultBytes} B, over 20,000`);
});
