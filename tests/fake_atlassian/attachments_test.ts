/**
 * The fake's attachments over real loopback HTTP, on both flavours: Jira uploads need multipart
 * and the XSRF header, appear in the issue's `attachment` field and come back byte-identical from
 * the `content` link; Confluence uploads refuse a name the page has, a new version goes to
 * `.../data` and the download of each version gives its bytes; deletes remove the file.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

/** Alice's Authorization header on a site. */
function auth(site: FakeSite): string {
  return site.flavour === "cloud"
    ? `Basic ${btoa("alice@example.com:cloud-api-token")}`
    : "Bearer dc-personal-token";
}

/** Sends a request as Alice; `FormData` as multipart. */
function send(site: FakeSite, method: string, path: string, body?: FormData, xsrf = true) {
  return fetch(site.origin + path, {
    method,
    headers: { authorization: auth(site), ...(xsrf ? { "x-atlassian-token": "no-check" } : {}) },
    body,
  });
}

function form(name: string, text: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  f.append("file", new Blob([text], { type: "text/plain" }), name);
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`fake ${flavour} attachments: Jira uploads and downloads`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const at = "/rest/api/2/issue/DEMO-1/attachments";
    const noXsrf = await send(site, "POST", at, form("a.txt", "x"), false);
    assert.equal(noXsrf.status, 403);
    await noXsrf.body?.cancel();
    const json = await send(site, "POST", at);
    assert.equal(json.status, 415);
    await json.body?.cancel();
    for (const text of ["one", "two"]) {
      const up = await send(site, "POST", at, form("a.txt", text));
      assert.equal(up.status, 200);
      const [added] = await up.json();
      assert.equal(added.filename, "a.txt");
    }
    const issue = await (await send(site, "GET", "/rest/api/2/issue/DEMO-1?fields=attachment"))
      .json();
    const files = issue.fields.attachment as { content: string; size: number }[];
    assert.deepEqual(files.map((f) => f.size), [3, 3]);
    const bytes = await Promise.all(files.map(async (f) => {
      const url = flavour === "cloud" ? `${f.content}?redirect=false` : f.content;
      const res = await fetch(url, { headers: { authorization: auth(site) } });
      assert.equal(res.headers.get("content-type"), "text/plain");
      return await res.text();
    }));
    assert.deepEqual(bytes, ["one", "two"]);
    if (flavour === "cloud") {
      const redirected = await fetch(files[0].content, {
        headers: { authorization: auth(site) },
        redirect: "manual",
      });
      assert.equal(redirected.status, 303);
      assert.match(redirected.headers.get("location")!, /^https:\/\/api\.media\.atlassian\.com\//);
    }
  });

  Deno.test(`fake ${flavour} attachments: Confluence versions, downloads and deletes`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const api = flavour === "cloud" ? "/wiki/rest/api" : "/confluence/rest/api";
    const up = await send(
      site,
      "POST",
      `${api}/content/1001/child/attachment`,
      form("n.txt", "v1", { comment: "first", minorEdit: "true" }),
    );
    assert.equal(up.status, 200);
    const created = (await up.json()).results[0];
    assert.deepEqual([created.title, created.version.number, created.extensions.comment], [
      "n.txt",
      1,
      "first",
    ]);
    const again = await send(
      site,
      "POST",
      `${api}/content/1001/child/attachment`,
      form("n.txt", "x"),
    );
    assert.equal(again.status, 400);
    assert.match((await again.json()).message, /same file name as an existing attachment: n\.txt/);
    const v2 = await send(
      site,
      "POST",
      `${api}/content/1001/child/attachment/${created.id}/data`,
      form("n.txt", "second"),
    );
    assert.equal((await v2.json()).version.number, 2);
    const download = (version: number) =>
      flavour === "cloud"
        ? `${api}/content/1001/child/attachment/${created.id}/download?version=${version}`
        : `/confluence/download/attachments/1001/n.txt?version=${version}`;
    assert.equal(await (await send(site, "GET", download(1))).text(), "v1");
    assert.equal(await (await send(site, "GET", download(2))).text(), "second");
    const meta = flavour === "cloud"
      ? `/wiki/api/v2/attachments/${created.id}`
      : `${api}/content/${created.id}`;
    const read = await (await send(site, "GET", meta)).json();
    assert.equal(read.version.number, 2);
    const del = await send(site, "DELETE", meta);
    assert.equal(del.status, 204);
    const gone = await send(site, "GET", meta);
    assert.equal(gone.status, 404);
    await gone.body?.cancel();
  });
}
