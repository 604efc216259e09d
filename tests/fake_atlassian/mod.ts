/**
 * The fake Atlassian: a stateful in-memory Jira + Confluence in two flavours (Cloud and Data
 * Center), each served over real loopback HTTP on its own port. It checks credentials, answers
 * with Atlassian's own error bodies, evaluates a JQL and CQL subset for real, pages like Atlassian
 * (Jira startAt/maxResults and nextPageToken, Confluence v1 start/limit and v2 cursors), keeps
 * the state that writes change, records every request and injects faults on demand.
 *
 * ```ts
 * const fake = await startFakeAtlassian();
 * const res = await fetch(`${fake.cloud.origin}/rest/api/3/myself`, { headers: { authorization } });
 * fake.cloud.fault({ match: "/search/jql", status: 429, retryAfter: 1 });
 * await fake.close();
 * ```
 *
 * Independent of `src/`: it is a stand-in for Atlassian, not a client of our code.
 *
 * @module
 */
import type { FakeState, FakeUser, Flavour } from "./_model.ts";
import { type FaultSpec, type RecordedRequest, Site } from "./_server.ts";

export type { FakeState, FakeUser, FaultSpec, Flavour, RecordedRequest };
export { ROUTES, SPECS } from "./routes.ts";
export type { Route, SpecName } from "./routes.ts";

/** Options of `startFakeAtlassian`. */
export interface FakeAtlassianOptions {
  /** Interface to bind (default 127.0.0.1). */
  hostname?: string;
  /** Port of the Cloud site (default 0 = a free port). */
  portCloud?: number;
  /** Port of the Data Center site (default 0 = a free port). */
  portDatacenter?: number;
  /** Clock for timestamps written by requests (default: the real clock). */
  now?: () => Date;
  /** Receives one line per handled request (e.g. `console.error`); default: silent. */
  log?: (line: string) => void;
}

/** One flavour of the fake, on its own origin. */
export interface FakeSite {
  /** `"cloud"` or `"datacenter"`. */
  readonly flavour: Flavour;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** A complete environment for the server, authenticated as Alice. */
  readonly env: Record<string, string>;
  /** Every request received, in order (cleared by `reset`). */
  readonly requests: RecordedRequest[];
  /** The live state (read it to assert on effects; mutate only to set up unusual cases). */
  readonly state: FakeState;
  /** The same environment authenticated as another seeded user (`"alice"` or `"bob"`). */
  envFor(user: string): Record<string, string>;
  /** Injects a fault into the next matching request(s). */
  fault(f: FaultSpec): void;
  /** Restores the seed state, clears requests and pending faults. */
  reset(): void;
}

/** Both sites. */
export interface FakeAtlassian {
  /** The Cloud site (Jira + Confluence under `/wiki`). */
  readonly cloud: FakeSite;
  /** The Data Center site (Jira + Confluence under `/confluence`). */
  readonly datacenter: FakeSite;
  /** Stops both sites and closes every connection. */
  close(): Promise<void>;
  /** Same as `close`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

function envFor(site: Site, userId: string): Record<string, string> {
  const u = site.state.users.find((x) => x.id === userId);
  if (!u) throw new Error(`no seeded user '${userId}'`);
  if (site.flavour === "cloud") {
    return {
      JIRA_URL: site.origin,
      JIRA_USERNAME: u.email,
      JIRA_API_TOKEN: u.cloudToken,
      JIRA_DEPLOYMENT: "cloud",
      CONFLUENCE_URL: `${site.origin}/wiki`,
      CONFLUENCE_USERNAME: u.email,
      CONFLUENCE_API_TOKEN: u.cloudToken,
      CONFLUENCE_DEPLOYMENT: "cloud",
    };
  }
  return {
    JIRA_URL: site.origin,
    JIRA_PERSONAL_TOKEN: u.personalToken,
    JIRA_DEPLOYMENT: "datacenter",
    CONFLUENCE_URL: `${site.origin}/confluence`,
    CONFLUENCE_PERSONAL_TOKEN: u.personalToken,
    CONFLUENCE_DEPLOYMENT: "datacenter",
  };
}

function facade(site: Site): FakeSite {
  return {
    flavour: site.flavour,
    origin: site.origin,
    get env() {
      return envFor(site, "alice");
    },
    requests: site.requests,
    get state() {
      return site.state;
    },
    envFor: (user) => envFor(site, user),
    fault: (f) => site.fault(f),
    reset: () => site.reset(),
  };
}

/** Starts both flavours, each on its own free loopback port. */
export function startFakeAtlassian(options: FakeAtlassianOptions = {}): Promise<FakeAtlassian> {
  const hostname = options.hostname ?? "127.0.0.1";
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const cloud = new Site({ flavour: "cloud", hostname, port: options.portCloud ?? 0, now, log });
  const dc = new Site({
    flavour: "datacenter",
    hostname,
    port: options.portDatacenter ?? 0,
    now,
    log,
  });
  cloud.start();
  try {
    dc.start();
  } catch (e) {
    return cloud.close().then(() => Promise.reject(e));
  }
  const close = async () => {
    await Promise.all([cloud.close(), dc.close()]);
  };
  return Promise.resolve({
    cloud: facade(cloud),
    datacenter: facade(dc),
    close,
    [Symbol.asyncDispose]: close,
  });
}
