/**
 * `defineTool()`: one tool is one value. Everything the registry, the selection and the
 * server need is declared here; MCP annotations are derived from `access`, never hand-written.
 *
 * @module
 */
import type { z } from "zod";
import type { Config, Deployment, Product, ServiceConfig } from "../config/types.ts";
import type { HttpClient } from "../http/mod.ts";
import type { ToolAnnotations } from "../sdk.ts";

/** What a tool does to Atlassian data. */
export type Access = "read" | "write" | "destructive";

/** A connected product: its configuration and the HTTP client that talks to it. */
export interface ServiceHandle {
  service: ServiceConfig;
  client: HttpClient;
}

/**
 * Reports how far long work has come (MCP `notifications/progress`): `done` of `total` steps and
 * what was just done. Set only when the client's call carried a `progressToken`.
 */
export type Progress = (done: number, total?: number, message?: string) => Promise<void>;

/** What a handler receives besides its arguments. */
export interface ToolContext {
  config: Config;
  jira?: ServiceHandle;
  confluence?: ServiceHandle;
  /** Progress notifications for this call, when the client asked for them. */
  progress?: Progress;
}

/** The flat object schema every tool input must be (strict clients reject unions and refs). */
// deno-lint-ignore no-explicit-any
export type InputSchema = z.ZodObject<any>;

/** A tool's declaration. */
export interface ToolDef<S extends InputSchema = InputSchema> {
  /** Public name, identical to the Python server's. */
  name: string;
  /** Toolset the tool belongs to (Python server names). */
  toolset: string;
  product: Product;
  access: Access;
  /** Deployments the tool works on; it is hidden on the others. */
  deployments: readonly Deployment[];
  title: string;
  description: string;
  /**
   * Builds the tool's input schema. Called on first use only (`inputOf`), so that a tool that is
   * never listed nor called costs no zod schema at start-up.
   */
  input: () => S;
  /** Other names a parameter is accepted under (alias -> parameter), as in the Python server. */
  aliases?: Readonly<Record<string, string>>;
  /** Does the work; returns a small plain value that becomes the tool's text answer. */
  handler: (args: z.infer<S>, ctx: ToolContext & { service: ServiceHandle }) => Promise<unknown>;
}

/** Declares a tool; the identity function, there for type inference. */
export function defineTool<S extends InputSchema>(def: ToolDef<S>): ToolDef<S> {
  return def;
}

const inputs = new WeakMap<() => InputSchema, InputSchema>();

/** A tool's input schema, built on first use and then kept (one per `input` thunk). */
export function inputOf<S extends InputSchema>(tool: Pick<ToolDef<S>, "input">): S {
  let schema = inputs.get(tool.input) as S | undefined;
  if (!schema) inputs.set(tool.input, schema = tool.input());
  return schema;
}

/**
 * The MCP annotations implied by a tool's access level, stating only what differs from the
 * spec's defaults (`readOnlyHint: false`, `destructiveHint: true`, `idempotentHint: false`,
 * `openWorldHint: true`) plus `destructiveHint: true` itself, which a client must not have to
 * infer. The title is the listing's own `title`.
 */
export function annotationsFor(tool: Pick<ToolDef, "access">): ToolAnnotations {
  if (tool.access === "read") return { readOnlyHint: true };
  return { destructiveHint: tool.access === "destructive" };
}

/** A toolset: the unit `TOOLSETS` selects, one folder `src/tools/<product>/<toolset>/`. */
export interface Toolset {
  /** Public name, identical to the Python server's (`jira_issues`, `confluence_pages`, ...). */
  name: string;
  /** One line for the README's toolset table. */
  description: string;
  /** Whether the keyword `default` selects it (the Python server's core toolsets). */
  isDefault: boolean;
  /** Its tools, in listing order. */
  tools: readonly ToolDef[];
}

/** Declares a toolset; throws at load time if a tool names another toolset than the one it is in. */
export function defineToolset(toolset: Toolset): Toolset {
  for (const tool of toolset.tools) {
    if (tool.toolset !== toolset.name) {
      throw new Error(
        `${tool.name} declares toolset ${tool.toolset} but is listed in ${toolset.name}`,
      );
    }
  }
  return toolset;
}
