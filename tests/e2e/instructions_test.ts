/**
 * The server's instructions describe, once, each parameter that tools/list shows without a
 * description, and only those of the products configured.
 */
import { ok } from "node:assert/strict";
import { GLOSSARY } from "../../src/tools/glossary.ts";
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

Deno.test("instructions describe the undescribed parameters of the configured products only", async () => {
  await using fake = await startFakeAtlassian();
  const jiraOnly = Object.fromEntries(
    Object.entries(fake.cloud.env).filter(([name]) => !name.startsWith("CONFLUENCE_")),
  );
  const confluenceOnly = Object.keys(GLOSSARY.confluence).filter((name) =>
    !(name in GLOSSARY.jira)
  );
  for (
    const [label, env] of [
      ["both products", { ...fake.cloud.env, TOOLSETS: "all" }],
      ["Jira only", { ...jiraOnly, TOOLSETS: "all" }],
    ] as const
  ) {
    const session = await connectStdio(env);
    try {
      const instructions = session.client.getInstructions() ?? "";
      const names = undescribed((await session.client.listTools()).tools);
      ok(names.size > 0, label);
      for (const name of names) ok(instructions.includes(` ${name}: `), `${label}: ${name}`);
      ok(instructions.includes("Markdown"), label);
      if (label === "Jira only") {
        for (const name of confluenceOnly) ok(!instructions.includes(` ${name}: `), name);
      }
    } finally {
      await session.close();
    }
  }
});
