/**
 * The `jira_attachments` toolset and `jira_update_issue`'s `attachments` through the real entry
 * point over stdio, against the fake on Cloud and on Data Center: base64 uploads downloaded back
 * byte-identical, an upload from the attachments folder (read under the sandbox's grant), the
 * refusals of paths outside it, of a link leading out, of a path without the setting and of a
 * file over the cap, images only for vision models, the allowlist and read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { addIssueAttachment } from "../fake_atlassian/_jira_attachments.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

/** Every byte value, so a download that changes any byte is caught. */
const BINARY = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) % 256);
/** A 1x1 PNG. */
const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

function b64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** A folder with `notes.txt`, `sub/pic.png`, and a link `escape.txt` to a file outside it. */
async function attachmentsFolder(): Promise<
  { dir: string; outside: string; cleanup: () => Promise<void> }
> {
  const root = await Deno.makeTempDir({ prefix: "mcp-attach-" });
  const dir = join(root, "granted");
  await Deno.mkdir(join(dir, "sub"), { recursive: true });
  await Deno.writeTextFile(join(dir, "notes.txt"), "notes from the folder\n");
  await Deno.writeFile(join(dir, "sub", "pic.png"), PNG);
  const outside = join(root, "secret.txt");
  await Deno.writeTextFile(outside, "not granted\n");
  await Deno.symlink(outside, join(dir, "escape.txt"));
  return { dir, outside, cleanup: () => Deno.remove(root, { recursive: true }) };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: jira attachments upload, download and refusals`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const folder = await attachmentsFolder();
    const session = await connectStdio({ ...site.env, MCP_ATTACHMENTS_DIR: folder.dir });
    const { client } = session;
    try {
      await t.step("base64 and folder files are attached, each reported", async () => {
        const answer = await call(client, "jira_update_issue", {
          issue_key: "DEMO-1",
          attachments: [
            { filename: "data.bin", content_base64: b64(BINARY) },
            "notes.txt",
            "sub/pic.png",
          ],
        });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.operations_performed, [
          "attachment data.bin",
          "attachment notes.txt",
          "attachment pic.png",
        ]);
        const uploads = sent(site, "POST", "/issue/DEMO-1/attachments");
        equal(uploads.length, 3);
        for (const upload of uploads) {
          equal(upload.headers.get("x-atlassian-token"), "no-check");
          match(upload.headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/);
        }
      });

      await t.step("downloads give back the same bytes, summary first", async () => {
        const answer = await callWithProgress(client, "jira_download_attachments", {
          issue_key: "DEMO-1",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.content[0].type, "text");
        deepEqual(answer.json.downloaded.map((d: { filename: string }) => d.filename), [
          "data.bin",
          "notes.txt",
          "pic.png",
        ]);
        const blobs = answer.content.slice(1) as {
          type: string;
          resource: { uri: string; mimeType: string; blob: string };
        }[];
        deepEqual(blobs.map((b) => b.type), ["resource", "resource", "resource"]);
        deepEqual(blobs.map((b) => b.resource.uri), [
          "attachment:///DEMO-1/data.bin",
          "attachment:///DEMO-1/notes.txt",
          "attachment:///DEMO-1/pic.png",
        ]);
        equal(blobs[0].resource.blob, b64(BINARY));
        equal(atob(blobs[1].resource.blob), "notes from the folder\n");
        deepEqual(blobs.map((b) => b.resource.mimeType), [
          "application/octet-stream",
          "text/plain",
          "image/png",
        ]);
        deepEqual(answer.steps.map((s) => [s.progress, s.total]), [[0, 3], [1, 3], [2, 3]]);
        equal(answer.steps[2].message, "Downloading pic.png");
      });

      await t.step("issue images come as images only", async () => {
        const answer = await call(client, "jira_get_issue_images", { issue_key: "DEMO-1" });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.content.slice(1), [{
          type: "image",
          data: b64(PNG),
          mimeType: "image/png",
        }]);
        equal(answer.json.total, 1);
      });

      await t.step("a file of several MiB comes back whole (written in pieces)", async () => {
        const big = Uint8Array.from(
          { length: 3 * 1024 * 1024 + 5 },
          (_, i) => (i * 7 + i >> 9) % 256,
        );
        addIssueAttachment(site.state, "DEMO-3", {
          filename: "big.bin",
          mimeType: "application/octet-stream",
          bytes: big,
          created: new Date().toISOString(),
          author: "alice",
        });
        const answer = await call(client, "jira_download_attachments", { issue_key: "DEMO-3" });
        equal(answer.isError, false, answer.text);
        const item = answer.content[1] as { resource: { blob: string } };
        equal(item.resource.blob, Buffer.from(big).toString("base64"));
      });

      await t.step("a failing file is reported and the others still come", async () => {
        addIssueAttachment(site.state, "DEMO-2", {
          filename: "huge.log",
          mimeType: "text/plain",
          bytes: new Uint8Array(51 * 1024 * 1024),
          created: new Date().toISOString(),
          author: "alice",
        });
        addIssueAttachment(site.state, "DEMO-2", {
          filename: "small.txt",
          mimeType: "text/plain",
          bytes: new TextEncoder().encode("small"),
          created: new Date().toISOString(),
          author: "alice",
        });
        const answer = await call(client, "jira_download_attachments", { issue_key: "DEMO-2" });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.downloaded.map((d: { filename: string }) => d.filename), [
          "small.txt",
        ]);
        equal(answer.json.failed[0].filename, "huge.log");
        match(
          answer.json.failed[0].error,
          /huge\.log is 53477376 bytes; one file may be at most 52428800/,
        );
        equal(answer.content.length, 2);
      });

      await t.step("paths outside the folder are refused before anything changes", async () => {
        const before = sent(site, "POST", "/issue/DEMO-1/attachments").length;
        const cases: [string, RegExp][] = [
          [
            "../secret.txt",
            /attachments item 1 "\.\.\/secret\.txt" is outside the attachments folder/,
          ],
          [folder.outside, /is outside the attachments folder/],
          ["escape.txt", /is a link that leads outside the attachments folder/],
          ["missing.txt", /is not a file in the attachments folder/],
        ];
        for (const [path, expected] of cases) {
          const answer = await call(client, "jira_update_issue", {
            issue_key: "DEMO-1",
            attachments: [path],
            comment: "not posted",
          });
          equal(answer.isError, true, path);
          match(answer.text, expected);
        }
        equal(sent(site, "POST", "/issue/DEMO-1/attachments").length, before);
        equal(sent(site, "POST", "/issue/DEMO-1/comment").length, 0);
      });

      await t.step("a file over 50 MB is refused before the upload", async () => {
        const big = join(folder.dir, "big.bin");
        await Deno.writeFile(big, new Uint8Array());
        await Deno.truncate(big, 50 * 1024 * 1024 + 1);
        const answer = await call(client, "jira_update_issue", {
          issue_key: "DEMO-1",
          attachments: "notes.txt, big.bin",
        });
        equal(answer.isError, true);
        match(
          answer.text,
          /attachments item 2 "big\.bin" is 52428801 bytes; one file may be at most 52428800 bytes/,
        );
      });
    } finally {
      await session.close();
    }

    const bare = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "OPS" });
    try {
      await t.step("without the setting a path is refused, naming it", async () => {
        const answer = await call(bare.client, "jira_update_issue", {
          issue_key: "OPS-1",
          attachments: "notes.txt",
        });
        equal(answer.isError, true);
        match(answer.text, /this server reads no files/);
        match(answer.text, /MCP_ATTACHMENTS_DIR/);
        match(answer.text, /content_base64/);
      });
      await t.step("the allowlist holds for downloads", async () => {
        const answer = await call(bare.client, "jira_download_attachments", {
          issue_key: "DEMO-1",
        });
        equal(answer.isError, true);
        match(answer.text, /Project DEMO is outside the projects/);
      });
    } finally {
      await bare.close();
    }

    const readOnly = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      await t.step("read-only mode keeps the downloads and hides the update", async () => {
        const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
        ok(names.includes("jira_download_attachments"));
        ok(names.includes("jira_get_issue_images"));
        ok(!names.includes("jira_update_issue"));
      });
    } finally {
      await readOnly.close();
      await folder.cleanup();
    }
  });
}
