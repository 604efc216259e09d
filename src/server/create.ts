/**
 * `createServer()`: one MCP server over the selected tools. The selection made here is the
 * only one: `tools/list` shows exactly it and `tools/call` refuses anything else.
 *
 * Multi-user HTTP: when a request brought its own credentials (`src/auth/request/mod.ts`,
 * carried by `src/server/http.ts` as the SDK's `authInfo`), the selection covers the products
 * those credentials reach, and the call runs in a `requestScope` (`src/auth/request/scope.ts`):
 * a context built for that call alone, closed when the call ends, with that request's secrets
 * masked meanwhile in the log and in the answer (by `runTool`, which masks every answer once).
 *
 * @module
 */
import {
  carriedCredentials,
  headerAuthMode,
  type Products,
  requestProducts,
  requestScope,
  serverProducts,
} from "../auth/request/mod.ts";
import { type Product, PRODUCT_NAMES, PRODUCTS, SEND_CREDENTIALS_HINT } from "../config/mod.ts";
import {
  ErrorCode,
  ListToolsRequestSchema,
  type LoggingLevel,
  type ServerResult,
  SetLevelRequestSchema,
  type Tool,
} from "../sdk.ts";
import {
  annotationsFor,
  type Progress,
  type ToolContext,
  type ToolDef,
  type Toolset,
} from "../tools/define.ts";
import { type CallLogSink, withCallLog } from "../log.ts";
import { sharedParametersSentence } from "../tools/glossary.ts";
import { TOOLSETS } from "../tools/registry.ts";
import { keyPattern, listedInputSchema, setKeyPatterns } from "../tools/schemas.ts";
import type { ToolResult } from "../tools/answer.ts";
import { errorResult, runTool } from "../tools/run.ts";
import { type Selection, selectionFor, selectTools } from "../tools/select.ts";
import { SERVER_NAME, VERSION } from "../version.ts";
import { McpServer } from "./mcp_server.ts";

const INSTRUCTIONS_START = [
  "Tools for Atlassian Jira and Confluence.",
  "Rich text (descriptions, comments, page bodies) is read and written as Markdown.",
  "HTML comments such as <!--storage:...-->, <!--adf:...--> and <!--storage-attrs:...--> carry",
  "content Markdown cannot express (macros, media, layout): keep them unchanged when editing and",
  "it is restored exactly. Mentions are written @[Name](accountid:ID); panels > [!INFO] Title.",
].join(" ");

/**
 * The server's instructions for the configured `products`: the start, then the shared
 * parameters of those products' tools. Built from the glossary alone, never from a tool's input
 * schema, so creating a server builds none; `serverFactory` builds them once per configuration.
 */
function instructionsFor(products: readonly Product[]): string {
  const shared = sharedParametersSentence(products);
  return [INSTRUCTIONS_START, shared].filter(Boolean).join(" ");
}

/** The `tools/list` entry of a tool. */
export function toolListing(tool: ToolDef): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: listedInputSchema(tool),
    annotations: annotationsFor(tool),
  };
}

/** The answer to a call naming no offered tool (`name` is whatever the client sent). */
function unknownTool(name: unknown): ToolResult {
  const named = typeof name === "string" ? name : JSON.stringify(name) ?? "(no name given)";
  return errorResult(`Unknown tool: ${named}`);
}

/** What the SDK hands a request handler besides the request. */
type CallExtra = Parameters<NonNullable<McpServer["fallbackRequestHandler"]>>[1];

/**
 * The progress reporter of a call whose request carried a `progressToken`, else undefined. A
 * notification that cannot be sent never fails the work it reports on.
 */
function progressOf(
  request: { params?: { _meta?: { progressToken?: unknown } } },
  extra: CallExtra,
): Progress | undefined {
  const token = request.params?._meta?.progressToken;
  if (typeof token !== "string" && typeof token !== "number") return undefined;
  return (progress, total, message) =>
    extra.sendNotification({
      method: "notifications/progress",
      params: {
        progressToken: token,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      },
    }).catch(() => {});
}

/** MCP log levels, quietest last. */
const LEVELS: readonly LoggingLevel[] = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
];

/**
 * Where the warnings about one call go: a `notifications/message` at level `warning` on that
 * call's own stream, unless the client set a level above it. Sending never fails the call.
 */
function callLogOf(level: () => LoggingLevel | undefined, extra: CallExtra): CallLogSink {
  return (message) => {
    const wanted = level();
    if (wanted && LEVELS.indexOf(wanted) > LEVELS.indexOf("warning")) return;
    extra.sendNotification({
      method: "notifications/message",
      params: { level: "warning", logger: SERVER_NAME, data: message },
    }).catch(() => {});
  };
}

/** The tools offered for one set of reachable products, with their listings. */
interface Offer {
  byName: Map<string, ToolDef>;
  /** The `tools/list` entries, built on the first `tools/list` (it builds their input schemas). */
  listing(): Tool[];
}

// Offers per tool list and selection, shared by every session (they hold no user data).
const offerCache = new WeakMap<readonly Toolset[], Map<string, Offer>>();

/**
 * The tools a selection offers (and their listing, once asked for); computed once per distinct
 * selection.
 */
function offerFor(toolsets: readonly Toolset[], selection: Selection): Offer {
  let offers = offerCache.get(toolsets);
  if (!offers) offerCache.set(toolsets, offers = new Map());
  const key = JSON.stringify([
    PRODUCTS.map((p) => selection.products[p] ?? "-"),
    selection.readOnly,
    selection.toolsets ?? null,
    selection.enabledTools ?? null,
    keyPattern("issue"),
    keyPattern("project"),
  ]);
  let offer = offers.get(key);
  if (!offer) {
    const offered = selectTools(toolsets, selection);
    let listing: Tool[] | undefined;
    offer = {
      byName: new Map(offered.map((tool) => [tool.name, tool])),
      listing: () => listing ??= offered.map(toolListing),
    };
    offers.set(key, offer);
  }
  return offer;
}

/** Builds an MCP server for one connection (or one stateless HTTP request). */
export type ServerFactory = () => McpServer;

/** Builds one MCP server with `ctx` (see `serverFactory`). */
export function createServer(
  ctx: ToolContext,
  toolsets: readonly Toolset[] = TOOLSETS,
): McpServer {
  return serverFactory(ctx, toolsets)();
}

/**
 * Prepares what every server of this configuration shares (key formats, selection, instructions)
 * once, and returns the factory of its servers: one per connection, or per stateless request.
 *
 * A call whose HTTP request brought credentials (`extra.authInfo`, see `src/server/http.ts`)
 * runs in its own `requestScope`; `tools/list` then offers the products those credentials
 * reach. A call without them uses `ctx` (the server's own credentials), except in multi-user
 * mode without `ALLOW_GLOBAL_CRED_FALLBACK`, where it is refused.
 */
export function serverFactory(
  ctx: ToolContext,
  toolsets: readonly Toolset[] = TOOLSETS,
): ServerFactory {
  const config = ctx.config;
  setKeyPatterns(config.keyPatterns);
  const base = selectionFor(config);
  const offer = (products: Products) => offerFor(toolsets, { ...base, products });
  const mode = headerAuthMode(config);
  const serverOwn = mode === "off" ? base.products : serverProducts(config);
  const identity = {
    name: SERVER_NAME,
    version: VERSION,
    capabilities: { tools: { listChanged: false }, logging: {} },
    // A request with its own credentials may reach a product the configuration does not name
    // (multi-user HTTP): its tools are then listed too, so their shared parameters are described.
    instructions: instructionsFor(
      mode === "off" ? PRODUCTS.filter((product) => base.products[product]) : PRODUCTS,
    ),
  };
  return () => connectionServer(ctx, toolsets, { config, offer, mode, serverOwn, identity });
}

/** What `serverFactory` prepares once for all the servers of one configuration. */
interface Shared {
  config: ToolContext["config"];
  offer: (products: Products) => Offer;
  mode: ReturnType<typeof headerAuthMode>;
  serverOwn: Products;
  identity: ConstructorParameters<typeof McpServer>[0];
}

function connectionServer(
  ctx: ToolContext,
  toolsets: readonly Toolset[],
  { config, offer, mode, serverOwn, identity }: Shared,
): McpServer {
  const server = new McpServer(identity);
  // The level a client set (logging/setLevel) for this connection; unset = every level.
  let level: LoggingLevel | undefined;
  server.setRequestHandler(SetLevelRequestSchema, (request) => {
    level = request.params.level;
    return {};
  });
  server.setRequestHandler(ListToolsRequestSchema, (_request, extra) => {
    const credentials = carriedCredentials(extra.authInfo);
    const products = credentials ? requestProducts(config, credentials) : serverOwn;
    return { tools: offer(products).listing() };
  });
  /** Answers one `tools/call` (whatever the client sent as name and arguments). */
  const callTool = async (
    request: Parameters<NonNullable<McpServer["fallbackRequestHandler"]>>[0],
    extra: CallExtra,
  ): Promise<ToolResult> => {
    const name = request.params?.name;
    const args = request.params?.arguments;
    const find = (products: Products) =>
      typeof name === "string" ? offer(products).byName.get(name) : undefined;
    const credentials = carriedCredentials(extra.authInfo);
    const progress = progressOf(request, extra);
    if (!credentials) {
      if (mode === "required") {
        return errorResult(
          "Authentication required: this request carried no Atlassian credentials.",
          SEND_CREDENTIALS_HINT,
        );
      }
      const tool = find(serverOwn);
      if (!tool) return unknownTool(name);
      return runTool(tool, args, progress ? { ...ctx, progress } : ctx);
    }
    const tool = find(requestProducts(config, credentials));
    if (!tool) {
      // Named exactly like a filtered-out tool unless the tool is offered on some deployment.
      const known = toolsets.flatMap((t) => t.tools).find((t) =>
        t.name === name &&
        t.deployments.some((d) => offer({ [t.product]: d }).byName.has(t.name))
      );
      if (!known) return unknownTool(name);
      return errorResult(
        `${known.name} is not available with this request's credentials: they do not reach ${
          PRODUCT_NAMES[known.product]
        }${credentials[known.product] ? " on a deployment this tool supports" : ""}.`,
        "tools/list shows the tools this request's credentials can use.",
      );
    }
    // The scope registers the request's secrets with the log while it is open, so runTool masks
    // them in the answer, as it masks every credential.
    const scope = requestScope(config, credentials);
    try {
      return await runTool(tool, args, progress ? { ...scope.ctx, progress } : scope.ctx);
    } finally {
      scope.close();
    }
  };
  // tools/call is answered by the fallback handler: a handler registered for it would only see
  // requests that match the SDK's schema, and the SDK answers the others (arguments that are
  // not an object, a name that is not a string) with a JSON-RPC -32603 and zod's raw dump.
  // Here they are tool errors like any other bad argument (runTool).
  server.fallbackRequestHandler = (request, extra) => {
    if (request.method !== "tools/call") {
      // What the SDK answers for a method without a handler (an McpError would repeat its code).
      throw Object.assign(new Error("Method not found"), { code: ErrorCode.MethodNotFound });
    }
    // The transports send the result as JSON, where it is the CallToolResult the SDK expects
    // (files' Base64Bytes become their base64 text).
    const result = withCallLog(callLogOf(() => level, extra), () => callTool(request, extra));
    return result as Promise<unknown> as Promise<ServerResult>;
  };
  return server;
}
