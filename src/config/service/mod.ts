/**
 * One product's service configuration, or the reason it is left out.
 *
 * Covers the site URL and deployment, TLS, timeout, custom headers, proxy, allowlist filter and
 * credentials (TLS, proxy and credentials through `tls.ts`, `proxy_settings.ts` and `auth.ts`).
 *
 * Cloud OAuth (3LO, bring-your-own-token, per-request) goes through the API gateway, so the site
 * URL is optional there: without `JIRA_URL` and `CONFLUENCE_URL` both products are served through
 * the gateway; when one of them is set, only the products with a URL are (as the Python server,
 * which enables a product only with its URL). A URL that is given then serves only to detect the
 * deployment and as `siteUrl` (browse links, per-request Basic credentials).
 *
 * The folder's door: it also exports the deployment detection and the proxy helpers.
 *
 * @module
 */
import { addHeaderSecret, addSecret } from "../../log.ts";
import type { ReadFile } from "../_files.ts";
import { PREFIXES, PRODUCT_NAMES, SAMPLE_URLS } from "../_products.ts";
import { type Report, type Settings, shown, type Value, wholeNumberSetting } from "../_settings.ts";
import { addCredentialSecrets, loadAuth } from "./auth.ts";
import { detectDeployment, parseDeployment } from "./deployment.ts";
import { CLOUD_ID_PLACEHOLDER, gatewayUrl, serviceOAuthValues } from "../oauth.ts";
import { loadProxy } from "./proxy_settings.ts";
import { loadTls } from "./tls.ts";
import type { Deployment, OAuthSettings, Product, ServiceConfig } from "../types.ts";
import { parseCustomHeaders, splitList } from "../values.ts";

export {
  CLOUD_HOST_SUFFIXES,
  detectDeployment,
  isCloudHost,
  parseDeployment,
} from "./deployment.ts";
export { bypassesProxy, proxyAddress, proxyFor, redactProxyUrl } from "./proxy.ts";

/** Outcome of loading one service: its config, or why it is absent. */
export interface ServiceOutcome {
  /** The service's configuration; absent when it is not configured or cannot be used. */
  service?: ServiceConfig;
  /** The service's URL was given but is unusable (reported as a problem). */
  urlProblem: boolean;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What `loadService` needs from the rest of the configuration. */
export interface ServiceContext {
  /** The shared OAuth settings (`config.oauth`). */
  oauth: OAuthSettings;
  /** The process environment (the home folder places the token file). */
  env: Record<string, string | undefined>;
  /** `JIRA_URL` or `CONFLUENCE_URL` is set: a product without a URL is not served. */
  anyUrl: boolean;
  /** `--oauth-setup` runs: incomplete OAuth settings are not problems. */
  setup: boolean;
}

/**
 * Loads one product's service; the files it names are appended to `files` when it is enabled.
 *
 * Without `P_URL` the service goes through the Cloud API gateway when OAuth is configured (or
 * `ATLASSIAN_OAUTH_ENABLE`) and no other product has a URL; otherwise it is absent (with a
 * warning when credentials were given). An unusable URL is a problem; incomplete credentials
 * leave the service out with a warning, incomplete OAuth settings are problems.
 */
export function loadService(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  product: Product,
  files: string[],
  ctx: ServiceContext,
): ServiceOutcome {
  const P = PREFIXES[product];
  const Name = PRODUCT_NAMES[product];
  const sampleUrl = SAMPLE_URLS[product];
  addCredentialSecrets(s, product);
  const oauth = serviceOAuthValues(s, r, product, ctx.oauth, ctx.env);

  const urlV = s.get(`${P}_URL`);
  const gatewayOnly = !urlV && !ctx.anyUrl && (oauth.wanted || ctx.oauth.multiUser);
  if (!urlV && !gatewayOnly) {
    const given = [`${P}_USERNAME`, `${P}_API_TOKEN`, `${P}_PERSONAL_TOKEN`].filter((name) =>
      s.get(name) !== undefined
    );
    if (given.length) {
      r.disabled(
        `${Name} is disabled: ${given.join(", ")} ${
          given.length > 1 ? "are" : "is"
        } set but ${P}_URL is not; example: ${P}_URL=${sampleUrl}.`,
      );
    }
    return { urlProblem: false };
  }
  let base: string | undefined;
  let deployment: Deployment = "cloud";
  if (urlV) {
    const site = siteUrl(s, r, product, urlV.value, urlV);
    if (!site) return { urlProblem: true };
    ({ base, deployment } = site);
    const depV = s.get(`${P}_DEPLOYMENT`);
    if (
      !depV && deployment === "datacenter" && oauth.wanted && oauth.settings.cloudId &&
      !s.get(`${P}_PERSONAL_TOKEN`)
    ) {
      // As the Python server: OAuth with a cloud id is Cloud whatever the URL (custom domains).
      deployment = "cloud";
      if (product === "confluence" && !base.endsWith("/wiki")) base += "/wiki";
    }
  }
  const serviceFiles: string[] = [];
  const tls = loadTls(s, r, readFile, P, serviceFiles);

  const timeoutSeconds = wholeNumberSetting(
    s,
    r,
    `${P}_TIMEOUT`,
    { min: 1, max: 86_400, unit: "seconds" },
    "75",
  );
  const timeoutMs = (timeoutSeconds ?? 75) * 1000;

  let customHeaders: Record<string, string> = {};
  const headersV = s.get(`${P}_CUSTOM_HEADERS`);
  if (headersV) {
    const parsed = parseCustomHeaders(headersV.value);
    customHeaders = parsed.headers;
    // Values of 8+ characters may be credentials (gateway keys); shorter ones ("prod") are not.
    Object.values(customHeaders).filter((v) => v.length >= 8).forEach(addHeaderSecret);
    if (parsed.invalid.length) {
      r.problem(
        `${s.label(headersV)} must be Name=value entries separated by commas, but ${
          parsed.invalid.join(", ")
        } (values are not shown); example: ${s.example(headersV, "X-Team=payments,X-Env=prod")}`,
      );
    }
  }

  const proxy = loadProxy(s, r, P);
  const filterV = s.get(product === "jira" ? "JIRA_PROJECTS_FILTER" : "CONFLUENCE_SPACES_FILTER");
  const allowlist = filterV ? splitList(filterV.value) : [];

  const choice = loadAuth(s, r, product, deployment, s.get(`${P}_CLIENT_CERT`) !== undefined, {
    oauth,
    multiUser: ctx.oauth.multiUser,
    setup: ctx.setup,
  });
  if (!choice) return { urlProblem: false };
  const { auth } = choice;
  let url = base;
  const viaGateway = deployment === "cloud" &&
    (auth.kind === "oauth" || auth.kind === "byot" || auth.kind === "per-request");
  if (viaGateway) {
    const cloudId = auth.kind === "per-request" ? CLOUD_ID_PLACEHOLDER : choice.oauth!.cloudId!;
    url = gatewayUrl(ctx.oauth.apiUrl, product, cloudId);
  }
  if (!url) return { urlProblem: false };
  if (!tls.verify) {
    const host = new URL(url).hostname;
    r.warn(
      `${Name}: TLS certificate verification is off for ${host} (${P}_SSL_VERIFY=false); the process needs --unsafely-ignore-certificate-errors=${host} (the line --print-permissions prints has it; deno task start does not).`,
    );
  }
  files.push(...serviceFiles);
  const service: ServiceConfig = {
    product,
    url,
    deployment,
    auth,
    tls,
    proxy,
    timeoutMs,
    customHeaders,
    allowlist,
  };
  if (viaGateway && base) service.siteUrl = base;
  if (choice.oauth) service.oauth = choice.oauth;
  return { urlProblem: false, service };
}

/**
 * Parses and checks a site URL: http(s), no userinfo; a Cloud site keeps no path but `/wiki` for
 * Confluence (a path copied from the browser is dropped with a warning). Returns the
 * normalised base and the deployment (`P_DEPLOYMENT` wins over detection), or undefined after
 * reporting the problem.
 */
function siteUrl(
  s: Settings,
  r: Report,
  product: Product,
  text: string,
  urlV: Value,
): { base: string; deployment: Deployment } | undefined {
  const P = PREFIXES[product];
  const sampleUrl = SAMPLE_URLS[product];
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) {
    r.problem(
      `${s.label(urlV)} is not a valid http(s) URL (got "${shown(urlV.value)}"); example: ${
        s.example(urlV, sampleUrl)
      }`,
    );
    return undefined;
  }
  if (url.username || url.password) {
    addSecret(url.password);
    addSecret(safeDecode(url.password));
    r.problem(
      `${s.label(urlV)} must not contain a user name or password (got "${
        shown(urlV.value)
      }"); example: ${s.example(urlV, sampleUrl)} with ${P}_USERNAME and ${P}_API_TOKEN`,
    );
    return undefined;
  }
  if (url.search || url.hash) {
    r.warn(`${s.label(urlV)}: the query and fragment of "${urlV.value}" are ignored.`);
  }

  let deployment = detectDeployment(url);
  const depV = s.get(`${P}_DEPLOYMENT`);
  if (depV) {
    const forced = parseDeployment(depV.value);
    if (forced) deployment = forced;
    else {
      r.problem(
        `${s.label(depV)} must be cloud or datacenter (got "${depV.value}"); example: ${
          s.example(depV, "datacenter")
        }`,
      );
    }
  }

  let path = url.pathname.replace(/\/+$/, "");
  const apiGateway = url.hostname === "api.atlassian.com";
  if (deployment === "cloud" && !apiGateway) {
    // A Cloud site has no context path: Jira is at the root, Confluence at /wiki. A URL copied
    // from the browser (a board, a page) keeps only the site.
    const site = product === "confluence" ? "/wiki" : "";
    if (path !== site && !(product === "confluence" && path === "")) {
      r.warn(
        `${
          s.label(urlV)
        }: an Atlassian Cloud site has no path, so "${path}" is ignored; using ${url.protocol}//${url.host}${site}.`,
      );
    }
    path = site;
  }
  return { base: `${url.protocol}//${url.host}${path}`, deployment };
}
