/**
 * Which Confluence API a client talks to: Cloud (REST v2, v1 where v2 has no equivalent) or
 * Server/Data Center (REST v1).
 *
 * @module
 */
import type { HttpClient } from "../http/mod.ts";

/** True when the client talks to Confluence Cloud. */
export function isCloud(client: HttpClient): boolean {
  return client.service.deployment === "cloud";
}
