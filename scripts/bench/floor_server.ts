/**
 * The cold-start floor: a minimal MCP SDK stdio server with one tool. The benchmark bundles it
 * into one minified file (`deno bundle --minify`) and runs it with a plain `deno run`, so the
 * figure is what any Deno server on this SDK costs to answer `initialize`. With `--worker` (and
 * `--unstable-worker-options`) it serves from a Worker of itself holding no permission, the way
 * `deno task start` serves: what that structure alone costs.
 *
 * @module
 */
// @ts-types="@modelcontextprotocol/sdk/server/index"
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
// @ts-types="@modelcontextprotocol/sdk/server/stdio"
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import process from "node:process";
import { inWorker } from "../../src/in_worker.ts";

const worker = inWorker();
if (!worker && Deno.args.includes("--worker")) {
  new Worker(import.meta.url, { type: "module", deno: { permissions: "none" } });
} else await serve();
// A Worker keeps its process alive: it ends itself when stdin ends, as the plain server would.
if (worker) process.stdin.on("end", () => self.close());

async function serve(): Promise<void> {
  const server = new Server({ name: "floor", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [{
      name: "echo",
      description: "Answers with the text it is given.",
      inputSchema: { type: "object", properties: { text: { type: "string" } } },
    }],
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => ({
    content: [{ type: "text", text: String(request.params.arguments?.text ?? "") }],
  }));
  await server.connect(new StdioServerTransport());
}
