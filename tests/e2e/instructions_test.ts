/**
 * The server's instructions describe, once, each parameter that tools/list shows without a
 * description, and only those of the tools it offers.
 */
import { ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { connectStdio } from "./_harness.ts";

/** The names of the listed parameters that have no description of their own. */
function undescribed(tools: { inputSchema: { properties?: Record<string, unknown> } }[]) {
  return new Set(
    tools.flatMap((tool) =>
      Object.entries(tool.inputSchema.properties ?? {})
        .filter(([, property]) => !(property as { description?: string }).description)
        .map(([name]) => name)
    ),
  );
}

Deno.test("instructions describe the undescribed parameters of the offered tools only", async () => {
  await using fake = await startFakeAtlassian();
  for (const toolsets of ["all", "jira_issues"]) {
    const session = await connectStdio({ ...fake.cloud.env, TOOLSETS: toolsets });
    try {
      const instructions = session.client.getInstructions() ?? "";
      const names = undescribed((await session.client.listTools()).tools);
      ok(names.size > 0, toolsets);
      for (const name of names) ok(instructions.includes(` ${name}: `), `${toolsets}: ${name}`);
      ok(instructions.includes("Markdown"), toolsets);
      if (toolsets === "jira_issues") ok(!instructions.includes("page_id:"), instructions);
    } finally {
      await session.close();
    }
  }
});
