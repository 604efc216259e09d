/**
 * What the Jira analysis tools read, in both flavours: an issue's changelog page by page (Cloud
 * `GET issue/{key}/changelog`; Data Center embeds the whole changelog and has no such route),
 * the development panel (`/rest/dev-status/1.0/issue/summary` and `/issue/detail`, an
 * undocumented API Jira serves on Cloud and Data Center alike), and `addInsightSeed`, the
 * data those tools analyse: two more projects, epics with parents in another project (Cloud: the
 * `parent` field; both: "is child of" links), issue links across projects, long status histories
 * and one issue with connected development tools. The seed is opt-in, so the tests of other
 * tools keep the base seed they count on.
 *
 * @module
 */
import { type Ctx, intParam, jiraFail, json } from "./_http.ts";
import { findIssue } from "./_jira.ts";
import { historyJson } from "./_jira_render.ts";
import { type FakeState, type History, type Issue, newIssue } from "./_model.ts";

/** A development tool connected to Jira (GitHub, Bitbucket, ...) and what it knows of an issue. */
export interface DevInstance {
  /** The `applicationType` of `issue/detail` and the key of `byInstanceType` (e.g. `GitHub`). */
  type: string;
  name: string;
  baseUrl: string;
  pullRequests: {
    id: string;
    name: string;
    url: string;
    status: "OPEN" | "MERGED" | "DECLINED";
    author: string;
    source: string;
    destination: string;
    lastUpdate: string;
  }[];
  branches: { name: string; url: string; repository: string }[];
  repositories: {
    name: string;
    url: string;
    commits: { id: string; message: string; author: string; timestamp: string; url: string }[];
  }[];
}

// --- changelog -------------------------------------------------------------------------------

/** GET issue/{key}/changelog (Cloud): the issue's changelog, oldest first, in pages of 100. */
export function getChangelog(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 100, 1, 100);
  const values = issue.changelog.slice(startAt, startAt + maxResults);
  const isLast = startAt + maxResults >= issue.changelog.length;
  return json({
    self: `${ctx.origin}${ctx.path}?startAt=${startAt}&maxResults=${maxResults}`,
    ...(isLast ? {} : {
      nextPage: `${ctx.origin}${ctx.path}?startAt=${startAt + maxResults}&maxResults=${maxResults}`,
    }),
    maxResults,
    startAt,
    total: issue.changelog.length,
    isLast,
    values: values.map((h) => historyJson(ctx, h)),
  });
}

// --- dev-status ------------------------------------------------------------------------------

/** The issue a dev-status request names by `issueId` (Jira answers 404 / 403 like issue reads). */
function devIssue(ctx: Ctx): Issue {
  const id = ctx.query.get("issueId") ?? "";
  if (!/^\d+$/.test(id)) jiraFail(400, ["issueId must be the numeric id of an issue."]);
  return findIssue(ctx, id);
}

function latest(dates: string[]): string | null {
  return dates.length ? dates.sort().at(-1)! : null;
}

/** GET /rest/dev-status/1.0/issue/summary: counts per data type, split by connected tool. */
export function devSummary(ctx: Ctx): Response {
  const instances = ctx.state.devInfo?.[devIssue(ctx).id] ?? [];
  const part = (count: (i: DevInstance) => number, dates: (i: DevInstance) => string[]) => ({
    overall: {
      count: instances.reduce((n, i) => n + count(i), 0),
      lastUpdated: latest(instances.flatMap(dates)),
      dataType: "",
    },
    byInstanceType: Object.fromEntries(
      instances.filter((i) => count(i) > 0).map((i) => [i.type, { count: count(i), name: i.name }]),
    ),
  });
  return json({
    errors: [],
    configErrors: [],
    summary: {
      pullrequest: part(
        (i) => i.pullRequests.length,
        (i) => i.pullRequests.map((p) => p.lastUpdate),
      ),
      branch: part((i) => i.branches.length, () => []),
      repository: part(
        (i) => i.repositories.length,
        (i) => i.repositories.flatMap((r) => r.commits.map((c) => c.timestamp)),
      ),
      build: part(() => 0, () => []),
    },
  });
}

function person(name: string) {
  return { name, avatar: "" };
}

/** GET /rest/dev-status/1.0/issue/detail: one tool's pull requests, branches or repositories. */
export function devDetail(ctx: Ctx): Response {
  const issue = devIssue(ctx);
  const type = (ctx.query.get("applicationType") ?? "").toLowerCase();
  const dataType = ctx.query.get("dataType") ?? "";
  if (!["pullrequest", "branch", "repository"].includes(dataType)) {
    jiraFail(400, [`Unknown data type: ${dataType}`]);
  }
  const detail = (ctx.state.devInfo?.[issue.id] ?? [])
    .filter((i) => i.type.toLowerCase() === type)
    .map((i) => ({
      pullRequests: dataType !== "pullrequest" ? [] : i.pullRequests.map((p) => ({
        id: `#${p.id}`,
        name: p.name,
        url: p.url,
        status: p.status,
        author: person(p.author),
        source: { branch: p.source, url: `${i.baseUrl}/tree/${p.source}` },
        destination: { branch: p.destination, url: `${i.baseUrl}/tree/${p.destination}` },
        lastUpdate: p.lastUpdate,
        commentCount: 0,
        reviewers: [],
      })),
      branches: dataType !== "branch" ? [] : i.branches.map((b) => ({
        name: b.name,
        url: b.url,
        repository: { name: b.repository, url: `${i.baseUrl}/${b.repository}` },
      })),
      repositories: dataType !== "repository" ? [] : i.repositories.map((r) => ({
        name: r.name,
        url: r.url,
        commits: r.commits.map((c) => ({
          id: c.id,
          displayId: c.id.slice(0, 7),
          message: c.message,
          author: person(c.author),
          authorTimestamp: c.timestamp,
          url: c.url,
          fileCount: 1,
          merge: false,
        })),
      })),
      _instance: { id: i.type.toLowerCase(), name: i.name, type: i.type, baseUrl: i.baseUrl },
    }));
  return json({ errors: [], detail });
}

// --- seed ------------------------------------------------------------------------------------

const STATUS_IDS: Record<string, string> = {
  "To Do": "10000",
  "In Progress": "3",
  "In Review": "10001",
  "Done": "10002",
};

function at(day: number, hour = 9, minute = 0): string {
  return new Date(Date.UTC(2024, 2, day, hour, minute)).toISOString();
}

/** Status changes as changelog entries (ids from `firstId`). */
function statusHistory(
  firstId: number,
  moves: [when: string, from: string, to: string, who: string][],
): History[] {
  return moves.map(([created, from, to, author], i) => ({
    id: String(firstId + i),
    author,
    created,
    items: [{
      field: "status",
      fieldId: "status",
      from: STATUS_IDS[from],
      fromString: from,
      to: STATUS_IDS[to],
      toString: to,
    }],
  }));
}

/** Issues of PLAT/PORT in the seed (keys) and the PLAT issues that only fill pages. */
export const INSIGHT = {
  /** Epics of PLAT with their parent (by the `parent` field on Cloud or a link). */
  epics: ["PLAT-1", "PLAT-2", "PLAT-3", "PLAT-4"],
  /** Issues in PLAT (4 epics, 2 analysed stories, 54 filler stories). */
  platIssues: 60,
  /** Status changes of PLAT-6 (more than Cloud embeds in an issue). */
  longHistory: 130,
} as const;

/**
 * Adds the analysis data to a seeded state: projects PORT (goals) and PLAT (epics and stories),
 * the link types "Hierarchy" (is parent of / is child of) and "Rollup" (is rolled up by / rolls
 * up to), cross-project links and parents, status histories, and one connected GitHub.
 */
export function addInsightSeed(state: FakeState): void {
  const cloud = state.flavour === "cloud";
  state.projects.push(
    {
      id: "10010",
      key: "PORT",
      name: "Portfolio",
      description: "Company goals.",
      lead: "alice",
      issueTypeIds: ["10002"],
      members: ["alice", "bob"],
    },
    {
      id: "10011",
      key: "PLAT",
      name: "Platform",
      description: "Shared services.",
      lead: "alice",
      issueTypeIds: ["10000", "10001", "10002"],
      members: ["alice", "bob"],
    },
  );
  let id = 30001;
  // Like DEMO-1's issues: reported by Alice, priority High.
  const make = (p: Partial<Issue> & Pick<Issue, "key" | "typeId" | "summary">): Issue =>
    newIssue({
      id: String(id++),
      reporter: "alice",
      priorityId: "2",
      created: at(1),
      updated: at(1),
      ...p,
    });
  const issues: Issue[] = [
    make({ key: "PORT-1", typeId: "10002", summary: "Faster checkout", updated: at(2) }),
    make({ key: "PORT-2", typeId: "10002", summary: "Reliable platform", updated: at(2) }),
    make({
      key: "PLAT-1",
      typeId: "10000",
      summary: "Payments platform",
      parentKey: cloud ? "PORT-1" : null,
      updated: at(20, 12),
    }),
    make({ key: "PLAT-2", typeId: "10000", summary: "Observability", updated: at(20, 11) }),
    make({ key: "PLAT-3", typeId: "10000", summary: "Tech debt", updated: at(20, 10) }),
    make({ key: "PLAT-4", typeId: "10000", summary: "Runbooks", updated: at(20, 9) }),
    make({
      key: "PLAT-5",
      typeId: "10001",
      summary: "Card vault",
      statusId: "10002",
      created: at(4, 9),
      updated: at(6, 16),
      duedate: "2024-03-06",
      resolution: "Done",
      resolutiondate: at(6, 16),
      changelog: statusHistory(40001, [
        [at(4, 10), "To Do", "In Progress", "alice"],
        [at(5, 10), "In Progress", "Done", "alice"],
        [at(6, 10), "Done", "In Progress", "bob"],
        [at(6, 16), "In Progress", "Done", "bob"],
      ]),
    }),
    make({
      key: "PLAT-6",
      typeId: "10001",
      summary: "Flaky deploys",
      created: at(1, 0),
      updated: at(19, 9),
      // 130 changes, one an hour from 1 March 01:00: To Do -> In Progress, then back, ...
      changelog: statusHistory(
        41001,
        Array.from({ length: INSIGHT.longHistory }, (_, i) => {
          const [from, to] = i % 2 === 0 ? ["To Do", "In Progress"] : ["In Progress", "To Do"];
          return [new Date(Date.UTC(2024, 2, 1, i + 1)).toISOString(), from, to, "alice"];
        }),
      ),
    }),
  ];
  for (let n = 7; n <= INSIGHT.platIssues; n++) {
    issues.push(make({
      key: `PLAT-${n}`,
      typeId: "10001",
      summary: `Platform story ${n}`,
      updated: at(10, 0, n),
    }));
  }
  state.issues.push(...issues);
  const idOf = (key: string) => state.issues.find((i) => i.key === key)!.id;
  state.issueLinkTypes.push(
    { id: "10010", name: "Hierarchy", inward: "is parent of", outward: "is child of" },
    { id: "10011", name: "Rollup", inward: "is rolled up by", outward: "rolls up to" },
  );
  let linkId = 30400;
  const link = (typeId: string, source: string, destination: string) =>
    state.issueLinks.push({
      id: String(linkId++),
      typeId,
      source: idOf(source),
      destination: idOf(destination),
    });
  // `source` <outward phrase> `destination`: PLAT-2 "is child of" PORT-2.
  if (!cloud) link("10010", "PLAT-1", "PORT-1");
  link("10010", "PLAT-2", "PORT-2");
  link("10011", "PLAT-3", "PORT-2");
  link("10010", "PLAT-4", "OPS-1");
  link("10000", "PLAT-5", "DEMO-3"); // PLAT-5 blocks DEMO-3
  link("10003", "PLAT-5", "OPS-1"); // PLAT-5 relates to OPS-1
  link("10000", "DEMO-2", "PLAT-7"); // PLAT-7 is blocked by DEMO-2
  link("10003", "PLAT-8", "PLAT-9"); // inside PLAT: not a dependency
  state.seq.issue = Math.max(state.seq.issue, id);
  state.seq.issueLink = Math.max(state.seq.issueLink, linkId);
  state.seq.projectNext.PORT = 3;
  state.seq.projectNext.PLAT = INSIGHT.platIssues + 1;
  state.devInfo = {
    [idOf("PLAT-5")]: [{
      type: "GitHub",
      name: "GitHub",
      baseUrl: "https://github.com/acme",
      pullRequests: [{
        id: "7",
        name: "PLAT-5 card vault",
        url: "https://github.com/acme/vault/pull/7",
        status: "MERGED",
        author: "Alice Admin",
        source: "feature/PLAT-5-vault",
        destination: "main",
        lastUpdate: "2024-03-06T15:00:00.000+0000",
      }],
      branches: [{
        name: "feature/PLAT-5-vault",
        url: "https://github.com/acme/vault/tree/feature/PLAT-5-vault",
        repository: "vault",
      }],
      repositories: [{
        name: "acme/vault",
        url: "https://github.com/acme/vault",
        commits: [{
          id: "4f2a9c1e0b7d",
          message: "PLAT-5 store cards in the vault",
          author: "Alice Admin",
          timestamp: "2024-03-05T12:00:00.000+0000",
          url: "https://github.com/acme/vault/commit/4f2a9c1e0b7d",
        }],
      }],
    }],
  };
}
