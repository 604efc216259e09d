/**
 * `createServer()`: one MCP server over the selected tools. The selection made here is the
 * only one: `tools/list` shows exactly it and `tools/call` refuses anything else.
 *
 * Multi-user HTTP: when a request brought its own credentials (`src/auth/request_auth.ts`,
 * carried by `src/server/http.ts` as the SDK's `authInfo`), the selection covers the products
 * those credentials reach, and the call runs in a `requestScope`: a context built for that call
 * alone, with new HTTP clients whose credential source holds only that request's credentials
 * (so per-client caches such as Jira fields and Confluence spaces are per request too), closed
 * when the call ends. Nothing of it is kept or shared; the answer has that request's secrets
 * masked.
 *
 * @module
 */
import { z } from "zod";
import {
  carriedCredentials,
  credentialSecrets,
  headerAuthMode,
  type ProductCredential,
  type RequestCredentials,
  siteUrlOf,
} from "../auth/request_auth.ts";
import { DEFAULT_API_URL, gatewayUrl } from "../config/oauth.ts";
import type { Config, Deployment, Product, ServiceConfig } from "../config/types.ts";
import { type CredentialSource, HttpClient } from "../http/mod.ts";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  Server,
  type Tool,
} from "../sdk.ts";
import { annotationsFor, type ToolContext, type ToolDef } from "../tools/define.ts";
import { ALL_TOOLS } from "../tools/registry.ts";
import { KEY_KIND, keyPattern, setKeyPatterns } from "../tools/schemas.ts";
import { errorResult, runTool } from "../tools/run.ts";
import { type Selection, selectionFor, selectTools } from "../tools/select.ts";
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

const PRODUCTS: readonly Product[] = ["jira", "confluence"];
const PRODUCT_NAMES: Record<Product, string> = { jira: "Jira", confluence: "Confluence" };

type Products = Partial<Record<Product, Deployment>>;

/** The tools offered for one set of reachable products, with their listings. */
interface Offer {
  byName: Map<string, ToolDef>;
  listing: Tool[];
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined; // e.g. a gateway URL template
  }
}

/** Where and as what deployment a request's credential for a product goes. */
function target(
  config: Config,
  product: Product,
  credential: ProductCredential,
): { url: string; deployment: Deployment } | undefined {
  if (credential.kind === "oauth") {
    const api = config.oauth?.apiUrl ?? DEFAULT_API_URL;
    const url = gatewayUrl(api, product, encodeURIComponent(credential.cloudId));
    return { url, deployment: "cloud" };
  }
  if (credential.kind === "pat" && credential.url) {
    return { url: credential.url, deployment: "datacenter" };
  }
  const configured = config[product];
  const site = siteUrlOf(config, product);
  return configured && site ? { url: site, deployment: configured.deployment } : undefined;
}

/** The products a request's credentials reach, with their deployments. */
export function requestProducts(config: Config, credentials: RequestCredentials): Products {
  const out: Products = {};
  for (const product of PRODUCTS) {
    const credential = credentials[product];
    const where = credential && target(config, product, credential);
    if (where) out[product] = where.deployment;
  }
  return out;
}

/** The products the server's own credentials reach (a per-request service has none). */
function serverProducts(config: Config): Products {
  const out: Products = {};
  for (const product of PRODUCTS) {
    const service = config[product];
    if (service && service.auth.kind !== "per-request") out[product] = service.deployment;
  }
  return out;
}

/**
 * The service one request talks to for a product. Server policy (project/space allowlist,
 * timeout, proxy, CA bundle) always applies; custom headers and the client certificate are
 * sent only to the configured site's own origin, never to a gateway or a per-request URL.
 */
export function requestService(
  config: Config,
  product: Product,
  credential: ProductCredential,
): ServiceConfig | undefined {
  const where = target(config, product, credential);
  if (!where) return undefined;
  const configured = config[product];
  const base = configured ?? config[product === "jira" ? "confluence" : "jira"];
  const sameOrigin = configured !== undefined &&
    [configured.url, configured.siteUrl].some((u) => u && originOf(u) === originOf(where.url));
  return {
    product,
    url: where.url,
    deployment: where.deployment,
    auth: { kind: "per-request" },
    tls: sameOrigin ? configured.tls : {
      verify: true,
      ...(base?.tls.verify && base.tls.caCerts && { caCerts: base.tls.caCerts }),
    },
    proxy: base?.proxy ?? { noProxy: [] },
    timeoutMs: base?.timeoutMs ?? 75_000,
    customHeaders: sameOrigin ? configured.customHeaders : {},
    allowlist: configured?.allowlist ?? [],
    // The configured site is this request's site only when the cloud ids agree.
    ...(credential.kind === "oauth" && configured?.siteUrl &&
      credential.cloudId === config.oauth?.cloudId && { siteUrl: configured.siteUrl }),
  };
}

function encodeBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The Authorization header a credential sends (never refreshed: the client owns the token). */
function credentialSource(credential: ProductCredential): CredentialSource {
  const value = credential.kind === "basic"
    ? `Basic ${encodeBase64(`${credential.username}:${credential.token}`)}`
    : `Bearer ${credential.token}`;
  return { authorization: () => Promise.resolve(value) };
}

/** A tool context that lives for one request: fresh clients holding that request's credentials. */
export interface RequestScope {
  ctx: ToolContext;
  /** The request's secret values, masked in whatever the call answers. */
  secrets: string[];
  /** Closes the request's clients. */
  close(): void;
}

/**
 * Builds the context for one request from its credentials. Every client is new, so nothing
 * cached per client (fields, spaces) and no token can cross to another request.
 */
export function requestScope(config: Config, credentials: RequestCredentials): RequestScope {
  const scoped: Config = { ...config, jira: undefined, confluence: undefined };
  const ctx: ToolContext = { config: scoped };
  const clients: HttpClient[] = [];
  for (const product of PRODUCTS) {
    const credential = credentials[product];
    const service = credential && requestService(config, product, credential);
    if (!credential || !service) continue;
    const client = new HttpClient(service, { credentials: credentialSource(credential) });
    clients.push(client);
    scoped[product] = service;
    ctx[product] = { service, client };
  }
  return {
    ctx,
    secrets: credentialSecrets(credentials),
    close: () => clients.forEach((client) => client.close()),
  };
}

/** Replaces each secret in a result's text with `***` (an error may quote what it was sent). */
function masked(result: CallToolResult, secrets: string[]): CallToolResult {
  if (!secrets.length) return result;
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join("***"), text);
  return {
    ...result,
    content: result.content.map((c) => c.type === "text" ? { ...c, text: mask(c.text) } : c),
  };
}

// Offers per tool list and selection, shared by every session (they hold no user data).
const offerCache = new WeakMap<readonly ToolDef[], Map<string, Offer>>();

/** The tools (and their listing) a selection offers; computed once per distinct selection. */
function offerFor(tools: readonly ToolDef[], selection: Selection): Offer {
  let offers = offerCache.get(tools);
  if (!offers) offerCache.set(tools, offers = new Map());
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
    const offered = selectTools(tools, selection);
    offer = {
      byName: new Map(offered.map((tool) => [tool.name, tool])),
      listing: offered.map(toolListing),
    };
    offers.set(key, offer);
  }
  return offer;
}

/**
 * Builds an MCP server for one connection (or one stateless request).
 *
 * A call whose HTTP request brought credentials (`extra.authInfo`, see `src/server/http.ts`)
 * runs in its own `requestScope`; `tools/list` then offers the products those credentials
 * reach. A call without them uses `ctx` (the server's own credentials), except in multi-user
 * mode without `ALLOW_GLOBAL_CRED_FALLBACK`, where it is refused.
 */
export function createServer(ctx: ToolContext, tools: readonly ToolDef[] = ALL_TOOLS): Server {
  const config = ctx.config;
  setKeyPatterns(config.keyPatterns);
  const base = selectionFor(config);
  const offer = (products: Products) => offerFor(tools, { ...base, products });
  const mode = headerAuthMode(config);
  const serverOwn = mode === "off" ? base.products : serverProducts(config);

  const server = new Server(
    { name: SERVER_NAME, version: VERSION },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(ListToolsRequestSchema, (_request, extra) => {
    const credentials = carriedCredentials(extra.authInfo);
    const products = credentials ? requestProducts(config, credentials) : serverOwn;
    return { tools: offer(products).listing };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const credentials = carriedCredentials(extra.authInfo);
    if (!credentials) {
      if (mode === "required") {
        return errorResult(
          "Authentication required: this request carried no Atlassian credentials.",
          "Send Authorization: Bearer <OAuth access token> with X-Atlassian-Cloud-Id, Token <PAT> or Basic <base64(email:api_token)> with every request.",
        );
      }
      const tool = offer(serverOwn).byName.get(name);
      if (!tool) return errorResult(`Unknown tool: ${name}`);
      return runTool(tool, request.params.arguments, ctx);
    }
    const tool = offer(requestProducts(config, credentials)).byName.get(name);
    if (!tool) {
      // Named exactly like a filtered-out tool unless the tool is offered on some deployment.
      const known = tools.find((t) =>
        t.name === name &&
        t.deployments.some((d) => offer({ [t.product]: d }).byName.has(name))
      );
      if (!known) return errorResult(`Unknown tool: ${name}`);
      return errorResult(
        `${name} is not available with this request's credentials: they do not reach ${
          PRODUCT_NAMES[known.product]
        }${credentials[known.product] ? " on a deployment this tool supports" : ""}.`,
        "tools/list shows the tools this request's credentials can use.",
      );
    }
    const scope = requestScope(config, credentials);
    try {
      return masked(await runTool(tool, request.params.arguments, scope.ctx), scope.secrets);
    } finally {
      scope.close();
    }
  });
  return server;
}
