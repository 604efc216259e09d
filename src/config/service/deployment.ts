/**
 * Atlassian Cloud vs Server/Data Center detection from a site URL (as the Python server's
 * `is_atlassian_cloud_url`), with an explicit `*_DEPLOYMENT` override.
 *
 * @module
 */
import type { Deployment } from "../types.ts";

/** Host suffixes of Atlassian Cloud sites and APIs (a host equal to or under one is Cloud). */
export const CLOUD_HOST_SUFFIXES: readonly string[] = [
  ".atlassian.net",
  ".jira.com",
  ".jira-dev.com",
  ".atlassian.com",
  ".atlassian-us-gov-mod.net",
  ".atlassian-us-gov.net",
];

/** Tells whether a host name belongs to Atlassian Cloud; IPs, localhost and the rest are not. */
export function isCloudHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return CLOUD_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** Detects the deployment of a site from its URL: Cloud by host name, everything else DC. */
export function detectDeployment(url: string | URL): Deployment {
  const parsed = typeof url === "string" ? new URL(url) : url;
  return isCloudHost(parsed.hostname) ? "cloud" : "datacenter";
}

const OVERRIDES: Record<string, Deployment> = {
  cloud: "cloud",
  datacenter: "datacenter",
  "data-center": "datacenter",
  dc: "datacenter",
  server: "datacenter",
};

/**
 * Parses a `*_DEPLOYMENT` value (`cloud` or `datacenter`; also `dc`, `server`, `data-center`),
 * case-insensitive; undefined when the value is not one of them.
 */
export function parseDeployment(value: string): Deployment | undefined {
  return OVERRIDES[value.trim().toLowerCase()];
}
