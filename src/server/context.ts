/**
 * The per-process tool context: one HTTP client per configured product, with its credential
 * source for OAuth (one token manager shared by Jira and Confluence when they use the same
 * client id), bring-your-own-token and per-request auth (see `src/auth/mod.ts`).
 *
 * @module
 */
import { closeCredentials, credentialsFor } from "../auth/mod.ts";
import type { Config, ServiceConfig } from "../config/types.ts";
import { HttpClient } from "../http/mod.ts";
import type { ServiceHandle, ToolContext } from "../tools/define.ts";

function handle(config: Config, service: ServiceConfig | undefined): ServiceHandle | undefined {
  if (!service) return undefined;
  const credentials = credentialsFor(config, service);
  return { service, client: new HttpClient(service, credentials ? { credentials } : {}) };
}

/** Connects the configured products. */
export function createContext(config: Config): ToolContext {
  return {
    config,
    jira: handle(config, config.jira),
    confluence: handle(config, config.confluence),
  };
}

/** Releases the context's HTTP clients and credential sources. */
export function closeContext(ctx: ToolContext): void {
  ctx.jira?.client.close();
  ctx.confluence?.client.close();
  closeCredentials(ctx.config);
}
