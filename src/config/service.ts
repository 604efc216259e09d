/**
 * One product's service configuration, or the reason it is left out.
 *
 * Covers the site URL and deployment, TLS, timeout, custom headers, proxy, allowlist filter and
 * credentials (TLS, proxy and credentials through `tls.ts`, `proxy_settings.ts` and `auth.ts`).
 *
 * @module
 */
import { addSecret } from "../log.ts";
import type { ReadFile } from "./_files.ts";
import { NAMES, PREFIXES, SAMPLE_URLS } from "./_products.ts";
import { type Report, type Settings, shown, wholeNumberSetting } from "./_settings.ts";
import { addCredentialSecrets, loadAuth } from "./auth.ts";
import { detectDeployment, parseDeployment } from "./deployment.ts";
import { loadProxy } from "./proxy_settings.ts";
import { loadTls } from "./tls.ts";
import type { Product, ServiceConfig } from "./types.ts";
import { parseCustomHeaders, splitList } from "./values.ts";

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

/**
 * Loads one product's service; the files it names are appended to `files` when it is enabled.
 *
 * Without `P_URL` the service is absent (with a warning when credentials were given); an
 * unusable URL is a problem; incomplete credentials leave it out with a warning.
 */
export function loadService(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  product: Product,
  files: string[],
): ServiceOutcome {
  const P = PREFIXES[product];
  const Name = NAMES[product];
  const sampleUrl = SAMPLE_URLS[product];
  addCredentialSecrets(s, product);

  const urlV = s.get(`${P}_URL`);
  if (!urlV) {
    const given = [`${P}_USERNAME`, `${P}_API_TOKEN`, `${P}_PERSONAL_TOKEN`].filter((name) =>
      s.get(name) !== undefined
    );
    if (given.length) {
      r.warn(
        `${Name} is disabled: ${given.join(", ")} ${
          given.length > 1 ? "are" : "is"
        } set but ${P}_URL is not; example: ${P}_URL=${sampleUrl}.`,
      );
    }
    return { urlProblem: false };
  }
  let url: URL | undefined;
  try {
    url = new URL(urlV.value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) {
    r.problem(
      `${s.label(urlV)} is not a valid http(s) URL (got "${shown(urlV.value)}"); example: ${
        s.example(urlV, sampleUrl)
      }`,
    );
    return { urlProblem: true };
  }
  if (url.username || url.password) {
    addSecret(url.password);
    addSecret(safeDecode(url.password));
    r.problem(
      `${s.label(urlV)} must not contain a user name or password (got "${
        shown(urlV.value)
      }"); example: ${s.example(urlV, sampleUrl)} with ${P}_USERNAME and ${P}_API_TOKEN`,
    );
    return { urlProblem: true };
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
  if (
    product === "confluence" && deployment === "cloud" && !apiGateway && !path.endsWith("/wiki")
  ) {
    path += "/wiki";
  }
  const base = `${url.protocol}//${url.host}${path}`;

  const serviceFiles: string[] = [];
  const tls = loadTls(s, r, readFile, P, serviceFiles);
  if (!tls.verify) {
    r.warn(
      `${Name}: TLS certificate verification is off for ${url.hostname} (${P}_SSL_VERIFY=false); the process needs --unsafely-ignore-certificate-errors=${url.hostname}.`,
    );
  }

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
    Object.values(customHeaders).filter((v) => v.length >= 8).forEach(addSecret);
    if (parsed.invalid.length) {
      r.problem(
        `${s.label(headersV)} has entries that are not Name=value (${
          parsed.invalid.map((e) => `"${e}"`).join(", ")
        }); example: ${s.example(headersV, "X-Team=payments,X-Env=prod")}`,
      );
    }
  }

  const proxy = loadProxy(s, r, P);
  const filterV = s.get(product === "jira" ? "JIRA_PROJECTS_FILTER" : "CONFLUENCE_SPACES_FILTER");
  const allowlist = filterV ? splitList(filterV.value) : [];

  const auth = loadAuth(s, r, product, deployment, s.get(`${P}_CLIENT_CERT`) !== undefined);
  if (!auth) return { urlProblem: false };
  files.push(...serviceFiles);
  return {
    urlProblem: false,
    service: {
      product,
      url: base,
      deployment,
      auth,
      tls,
      proxy,
      timeoutMs,
      customHeaders,
      allowlist,
    },
  };
}
