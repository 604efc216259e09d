import { deepEqual } from "node:assert/strict";
// @ts-types="@modelcontextprotocol/sdk/inMemory"
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Client } from "../../../scripts/_sdk_client.ts";
import { createServer } from "../../../src/server/create.ts";
import { inputOf, type Toolset } from "../../../src/tools/define.ts";
import { TOOLSETS } from "../../../src/tools/registry.ts";
import { config } from "../config/_helpers.ts";

/** The registry's toolsets with each tool's input thunk counting into `built`. */
function countingToolsets(built: string[]): Toolset[] {
  return TOOLSETS.map((toolset) => ({
    ...toolset,
    tools: toolset.tools.map((tool) => ({
      ...tool,
      input: () => {
        built.push(tool.name);
        return tool.input();
      },
    })),
  }));
}

Deno.test("creating a server and answering initialize build no input schema; tools/list builds the offered ones once", async () => {
  const built: string[] = [];
  const toolsets = countingToolsets(built);
  const ctx = {
    config: config([], {
      JIRA_URL: "https://acme.atlassian.net",
      JIRA_USERNAME: "alice@example.com",
      JIRA_API_TOKEN: "token-1",
      ENABLED_TOOLS: "jira_get_issue",
    }),
  };
  for (let i = 0; i < 3; i++) createServer(ctx, toolsets);
  const server = createServer(ctx, toolsets);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  try {
    deepEqual(built, []);
    const { tools } = await client.listTools();
    deepEqual(tools.map((tool) => tool.name), ["jira_get_issue"]);
    deepEqual(built, ["jira_get_issue"]);
    await client.listTools();
    await client.callTool({ name: "jira_get_issue", arguments: { issue_key: 7 } });
    deepEqual(built, ["jira_get_issue"]);
  } finally {
    await client.close();
  }
});

Deno.test("inputOf builds a tool's schema once and keeps it", () => {
  let calls = 0;
  const tool = {
    input: () => {
      calls++;
      return TOOLSETS[0].tools[0].input();
    },
  };
  const first = inputOf(tool);
  deepEqual([inputOf(tool) === first, calls], [true, 1]);
});
