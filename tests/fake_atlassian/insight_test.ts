/**
 * The fake's analysis routes over real loopback HTTP: the changelog Cloud embeds (at most 100
 * entries) and pages (`issue/{key}/changelog`, absent on Data Center), the dev-status summary and
 * detail with and without a connected tool, and the analysis seed's cross-project links.
 */
import assert from "node:assert/strict";
import { addInsightSeed, INSIGHT } from "./_jira_insight.ts";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};

/** GETs a path of the fake as Alice, JSON out. */
// deno-lint-ignore no-explicit-any
async function get(site: FakeSite, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + path, { headers: { authorization: AUTH[site.flavour] } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";

  Deno.test(`fake ${flavour}: an issue embeds its changelog as Jira does`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    addInsightSeed(site.state);
    const issue = await get(site, `${api}/issue/PLAT-6?fields=status&expand=changelog`);
    assert.equal(issue.status, 200);
    assert.equal(issue.body.changelog.total, INSIGHT.longHistory);
    assert.equal(
      issue.body.changelog.histories.length,
      flavour === "cloud" ? 100 : INSIGHT.longHistory,
    );
    assert.equal(issue.body.changelog.histories[0].items[0].toString, "In Progress");
    const paged = await get(site, `${api}/issue/PLAT-6/changelog?startAt=100&maxResults=100`);
    if (flavour === "datacenter") {
      assert.equal(paged.status, 404, "Data Center has no changelog paging route");
      return;
    }
    assert.equal(paged.status, 200);
    assert.deepEqual(
      [paged.body.startAt, paged.body.maxResults, paged.body.total, paged.body.isLast],
      [100, 100, INSIGHT.longHistory, true],
    );
    assert.equal(paged.body.values.length, 30);
    assert.equal(paged.body.values[0].id, "41101");
    const first = await get(site, `${api}/issue/PLAT-6/changelog?maxResults=1000`);
    assert.equal(first.body.maxResults, 100, "pages hold at most 100 entries");
    assert.equal(first.body.isLast, false);
    assert.match(first.body.nextPage, /startAt=100/);
  });

  Deno.test(`fake ${flavour}: dev-status summary and detail`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    addInsightSeed(site.state);
    const id = site.state.issues.find((i) => i.key === "PLAT-5")!.id;
    const summary = await get(site, `/rest/dev-status/1.0/issue/summary?issueId=${id}`);
    assert.equal(summary.status, 200);
    assert.deepEqual(summary.body.summary.pullrequest.byInstanceType, {
      GitHub: { count: 1, name: "GitHub" },
    });
    assert.equal(summary.body.summary.repository.overall.count, 1);
    const detail = await get(
      site,
      `/rest/dev-status/1.0/issue/detail?issueId=${id}&applicationType=github&dataType=repository`,
    );
    assert.equal(detail.body.detail.length, 1);
    assert.equal(detail.body.detail[0].repositories[0].commits[0].displayId, "4f2a9c1");
    assert.deepEqual(detail.body.detail[0].pullRequests, []);
    // An issue nothing is linked to: zero counts, no tool, no detail.
    const demo = site.state.issues.find((i) => i.key === "DEMO-1")!.id;
    const none = await get(site, `/rest/dev-status/1.0/issue/summary?issueId=${demo}`);
    assert.equal(none.body.summary.pullrequest.overall.count, 0);
    assert.deepEqual(none.body.summary.branch.byInstanceType, {});
    const empty = await get(
      site,
      `/rest/dev-status/1.0/issue/detail?issueId=${demo}&applicationType=GitHub&dataType=branch`,
    );
    assert.deepEqual(empty.body, { errors: [], detail: [] });
    assert.equal(
      (await get(site, "/rest/dev-status/1.0/issue/summary?issueId=PLAT-5")).status,
      400,
    );
    assert.equal((await get(site, "/rest/dev-status/1.0/issue/summary?issueId=999")).status, 404);
  });

  Deno.test(`fake ${flavour}: the analysis seed links PLAT to other projects`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    addInsightSeed(site.state);
    const epic = await get(site, `${api}/issue/PLAT-2?fields=issuelinks,parent`);
    assert.deepEqual(
      epic.body.fields.issuelinks.map((
        l: { type: { outward: string }; outwardIssue?: { key: string } },
      ) => [
        l.type.outward,
        l.outwardIssue?.key,
      ]),
      [["is child of", "PORT-2"]],
    );
    const plat1 = await get(site, `${api}/issue/PLAT-1?fields=parent`);
    assert.equal(plat1.body.fields.parent?.key, flavour === "cloud" ? "PORT-1" : undefined);
    const story = await get(site, `${api}/issue/PLAT-7?fields=issuelinks`);
    assert.equal(story.body.fields.issuelinks[0].inwardIssue.key, "DEMO-2");
  });
}
