/**
 * The per-process tool context: one HTTP client per configured product.
 *
 * @module
 */
import type { Config, ServiceConfig } from "../config/types.ts";
import { HttpClient } from "../http/mod.ts";
import type { ServiceHandle, ToolContext } from "../tools/define.ts";

function handle(service: ServiceConfig | undefined): ServiceHandle | undefined {
  return service ? { service, client: new HttpClient(service) } : undefined;
}

/** Connects the configured products. */
export function createContext(config: Config): ToolContext {
  return { config, jira: handle(config.jira), confluence: handle(config.confluence) };
}

/** Releases the context's HTTP clients. */
export function closeContext(ctx: ToolContext): void {
  ctx.jira?.client.close();
  ctx.confluence?.client.close();
}
