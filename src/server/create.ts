/**
 * `createServer()`: one MCP server over the selected tools. The selection made here is the
 * only one: `tools/list` shows exactly it and `tools/call` refuses anything else.
 *
 * @module
 */
import { z } from "zod";
import { CallToolRequestSchema, ListToolsRequestSchema, Server, type Tool } from "../sdk.ts";
import { annotationsFor, type ToolContext, type ToolDef } from "../tools/define.ts";
import { ALL_TOOLS } from "../tools/registry.ts";
import { KEY_KIND, keyPattern, setKeyPatterns } from "../tools/schemas.ts";
import { errorResult, runTool } from "../tools/run.ts";
import { selectionFor, selectTools } from "../tools/select.ts";
import { SERVER_NAME, VERSION } from "../version.ts";

const INSTRUCTIONS = [
  "Tools for Atlassian Jira and Confluence.",
  "Rich text (descriptions, comments, page bodies) is read and written as Markdown.",
  "HTML comments such as <!--storage:...-->, <!--adf:...--> and <!--storage-attrs:...--> carry",
  "content Markdown cannot express (macros, media, layout): keep them unchanged when editing and",
  "it is restored exactly. Mentions are written @[Name](accountid:ID); panels > [!INFO] Title.",
].join(" ");

/**
 * The JSON schema a client sees for a tool's input: a flat object, no $schema, no refs, and
 * `additionalProperties: false` (unknown arguments are refused, never silently dropped).
 */
export function inputJsonSchema(tool: ToolDef): Tool["inputSchema"] {
  const schema = z.toJSONSchema(tool.input.strict(), {
    io: "input",
    unrepresentable: "any",
  }) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  for (
    const property of Object.values(schema.properties as Record<string, Record<string, unknown>>)
  ) {
    const kind = property[KEY_KIND] as "issue" | "project" | undefined;
    if (!kind) continue;
    delete property[KEY_KIND];
    property.pattern = keyPattern(kind);
  }
  return schema as Tool["inputSchema"];
}

/** The `tools/list` entry of a tool. */
export function toolListing(tool: ToolDef): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputJsonSchema(tool),
    annotations: annotationsFor(tool),
  };
}

/** Builds an MCP server for one connection (or one stateless request). */
export function createServer(ctx: ToolContext, tools: readonly ToolDef[] = ALL_TOOLS): Server {
  setKeyPatterns(ctx.config.keyPatterns);
  const offered = selectTools(tools, selectionFor(ctx.config));
  const byName = new Map(offered.map((tool) => [tool.name, tool]));
  const listing = offered.map(toolListing);
  const server = new Server(
    { name: SERVER_NAME, version: VERSION },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listing }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const tool = byName.get(request.params.name);
    if (!tool) return errorResult(`Unknown tool: ${request.params.name}`);
    return runTool(tool, request.params.arguments, ctx);
  });
  return server;
}
