/**
 * From a configuration to the parser's view of the server: the site URL of each product, the
 * parser options, and the text of the 401 for a request without credentials.
 *
 * @module
 */
import { PRODUCTS } from "../../config/mod.ts";
import type { Config, Deployment, Product } from "../../config/types.ts";
import { AUTH_ERRORS } from "./authorization.ts";
import type { RequestAuthOptions } from "./types.ts";

/** The text of the 401 for a request without any credentials in multi-user mode. */
export function credentialsRequiredMessage(options: RequestAuthOptions): string {
  const deployments = Object.values(options.products);
  const forms: string[] = [];
  if (deployments.includes("cloud")) {
    forms.push(
      `'Authorization: Bearer <OAuth access token>'${
        options.cloudId ? "" : " with 'X-Atlassian-Cloud-Id: <cloud id>'"
      }`,
    );
  }
  if (deployments.includes("datacenter")) {
    forms.push("'Authorization: Bearer <personal access token>'");
  }
  if (Object.keys(options.sites).length) {
    forms.push("'Authorization: Token <personal access token>'");
    forms.push("'Authorization: Basic <base64(email:api_token)>'");
  }
  if (options.allowedUrlDomains.length) {
    forms.push(
      "'X-Atlassian-Jira-Url' with 'X-Atlassian-Jira-Personal-Token' (or the Confluence pair)",
    );
  }
  const list = forms.length > 1
    ? `${forms.slice(0, -1).join(", ")}, or ${forms[forms.length - 1]}`
    : forms[0];
  return `${AUTH_ERRORS.required} Send ${list} with every request.`;
}

/**
 * The site URL a product's Token and Basic credentials go to: `siteUrl` when the configured URL
 * is the OAuth API gateway, else the configured URL itself; undefined when there is no site
 * (a gateway URL alone, e.g. multi-user Cloud OAuth without JIRA_URL).
 */
export function siteUrlOf(config: Config, product: Product): string | undefined {
  const service = config[product];
  if (!service) return undefined;
  if (service.siteUrl) return service.siteUrl;
  const gateway = originOf(config.oauth?.apiUrl ?? "");
  return originOf(service.url) === gateway || service.url.includes("{") ? undefined : service.url;
}

/**
 * The parser options for a configuration: the configured cloud id, the URL allowlist, and the
 * products configured with a site URL (not only the OAuth gateway).
 */
export function requestAuthOptions(config: Config): RequestAuthOptions {
  const sites: Partial<Record<Product, Deployment>> = {};
  for (const product of PRODUCTS) {
    const service = config[product];
    if (service && siteUrlOf(config, product)) sites[product] = service.deployment;
  }
  return {
    products: Object.fromEntries(
      PRODUCTS.flatMap((p) => config[p] ? [[p, config[p].deployment]] : []),
    ),
    cloudId: config.oauth?.cloudId,
    allowedUrlDomains: config.oauth?.allowedUrlDomains ?? [],
    sites,
  };
}

/** The origin of a URL; undefined when it is not one (e.g. a gateway URL template). */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
