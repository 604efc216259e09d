/**
 * The `confluence_attachments` toolset through the real entry point over stdio, against the fake
 * on Cloud and on Data Center: a base64 upload downloaded back byte-identical, a same-named
 * upload becoming version 2, uploads from the attachments folder (read under the sandbox's
 * grant), listing with filters, page images, a bulk download that reports each file, deletes,
 * the refusals of paths (outside, link escape, no setting; the server's folder never named), of a
 * file over the cap or changed after its check, of quotes in names and headers in MIME types, of
 * content that is not an attachment (Data Center), the allowlist for pages and attachments by id
 * (nothing sent), and read-only mode (nothing sent).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

const TOOLS = [
  "confluence_upload_attachment",
  "confluence_upload_attachments",
  "confluence_get_attachments",
  "confluence_download_attachment",
  "confluence_download_content_attachments",
  "confluence_delete_attachment",
  "confluence_get_page_images",
];

/** Every byte value, so a download that changes any byte is caught. */
const BINARY = Uint8Array.from({ length: 3000 }, (_, i) => (i * 13 + 5) % 256);

function b64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/** A folder with `a.txt` and `img/b.gif`, a link out of it, and a file beside it. */
async function attachmentsFolder() {
  const root = await Deno.makeTempDir({ prefix: "mcp-conf-attach-" });
  const dir = join(root, "granted");
  await Deno.mkdir(join(dir, "img"), { recursive: true });
  await Deno.writeTextFile(join(dir, "a.txt"), "alpha\n");
  await Deno.writeTextFile(join(dir, "release.md"), "# Release\n\nShipped **today**.\n");
  await Deno.writeFile(join(dir, "img", "b.gif"), new TextEncoder().encode("GIF89a-fake"));
  const outside = join(root, "outside.txt");
  await Deno.writeTextFile(outside, "not granted\n");
  await Deno.symlink(outside, join(dir, "link.txt"));
  return { dir, outside, cleanup: () => Deno.remove(root, { recursive: true }) };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: confluence attachments`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const folder = await attachmentsFolder();
    const session = await connectStdio({ ...site.env, MCP_ATTACHMENTS_DIR: folder.dir });
    const { client } = session;
    let dataId = "";
    try {
      await t.step("the seven tools are listed; only the delete is destructive", async () => {
        const tools = (await client.listTools()).tools.filter((tool) => TOOLS.includes(tool.name));
        deepEqual(tools.map((tool) => tool.name), TOOLS);
        for (const tool of tools) {
          // Unstated hints have the spec's defaults: not read-only, destructive.
          const readOnly = tool.annotations?.readOnlyHint ?? false;
          equal(readOnly, !tool.name.includes("upload") && !tool.name.includes("delete"));
          if (!readOnly) {
            equal(tool.annotations?.destructiveHint, tool.name === "confluence_delete_attachment");
          }
        }
      });

      await t.step("a base64 upload comes back byte-identical", async () => {
        const up = await call(client, "confluence_upload_attachment", {
          content_id: "1001",
          content_base64: b64(BINARY),
          filename: "data.bin",
          comment: "first",
        });
        equal(up.isError, false, up.text);
        match(up.json.message, /data\.bin attached to page 1001/);
        dataId = up.json.attachment.id;
        const [post] = sent(site, "POST", "/content/1001/child/attachment");
        equal(post.headers.get("x-atlassian-token"), "no-check");
        const down = await call(client, "confluence_download_attachment", {
          attachment_id: dataId,
        });
        equal(down.isError, false, down.text);
        equal(down.content.length, 2);
        const item = down.content[1] as {
          type: string;
          resource: { uri: string; mimeType: string; blob: string };
        };
        equal(item.type, "resource");
        equal(item.resource.blob, b64(BINARY));
        equal(item.resource.uri, "attachment:///1001/data.bin");
        equal(item.resource.mimeType, "application/octet-stream");
      });

      await t.step("the same name again adds version 2", async () => {
        const up = await call(client, "confluence_upload_attachment", {
          content_id: "1001",
          content_base64: b64(new TextEncoder().encode("second")),
          filename: "data.bin",
        });
        equal(up.isError, false, up.text);
        match(up.json.message, /data\.bin on page 1001 now has version 2/);
        equal(sent(site, "POST", `/child/attachment/${dataId}/data`).length, 1);
        const down = await call(client, "confluence_download_attachment", {
          attachment_id: dataId,
        });
        equal(atob((down.content[1] as { resource: { blob: string } }).resource.blob), "second");
        equal(down.json.attachment.version, 2);
      });

      await t.step("files from the folder are uploaded, each reported", async () => {
        const one = await call(client, "confluence_upload_attachment", {
          content_id: "1001",
          file_path: "a.txt",
        });
        equal(one.isError, false, one.text);
        const many = await callWithProgress(client, "confluence_upload_attachments", {
          content_id: "1001",
          file_paths: "img/b.gif, a.txt",
          minor_edit: true,
        });
        equal(many.isError, false, many.text);
        deepEqual(many.json.uploaded.map((u: { title: string }) => u.title), ["b.gif", "a.txt"]);
        deepEqual(
          many.json.uploaded.map((u: { new_version?: boolean }) => u.new_version ?? false),
          [false, true],
        );
        deepEqual(many.steps.map((s) => [s.progress, s.total, s.message]), [
          [0, 2, "Uploading b.gif"],
          [1, 2, "Uploading a.txt"],
        ]);
      });

      await t.step("listing filters by name and type", async () => {
        const all = await call(client, "confluence_get_attachments", { content_id: "1001" });
        equal(all.isError, false, all.text);
        deepEqual(all.json.attachments.map((a: { title: string }) => a.title).sort(), [
          "a.txt",
          "b.gif",
          "data.bin",
        ]);
        const gifs = await call(client, "confluence_get_attachments", {
          content_id: "1001",
          media_type: "image/gif",
        });
        deepEqual(gifs.json.attachments.map((a: { title: string }) => a.title), ["b.gif"]);
        const paged = await call(client, "confluence_get_attachments", {
          content_id: "1001",
          start: 1,
          limit: 1,
        });
        equal(paged.json.count, 1);
        equal(paged.json.more, true);
      });

      await t.step("page images and the bulk download", async () => {
        const images = await call(client, "confluence_get_page_images", { content_id: "1001" });
        equal(images.isError, false, images.text);
        deepEqual(images.content.slice(1), [{
          type: "image",
          data: b64(new TextEncoder().encode("GIF89a-fake")),
          mimeType: "image/gif",
        }]);
        const bulk = await call(client, "confluence_download_content_attachments", {
          content_id: "1001",
        });
        equal(bulk.isError, false, bulk.text);
        equal(bulk.json.total, 3);
        equal(bulk.content.length, 4);
        ok(bulk.content.slice(1).every((c) => c.type === "resource"));
      });

      await t.step("paths outside the folder are refused before any upload", async () => {
        const before = site.requests.filter((r) => r.method === "POST").length;
        const cases: [string, RegExp][] = [
          ["../outside.txt", /file_path "\.\.\/outside\.txt" is outside the attachments folder/],
          [folder.outside, /is outside the attachments folder/],
          ["link.txt", /is a link that leads outside the attachments folder/],
        ];
        for (const [file_path, expected] of cases) {
          const answer = await call(client, "confluence_upload_attachment", {
            content_id: "1001",
            file_path,
          });
          equal(answer.isError, true, file_path);
          match(answer.text, expected);
          match(answer.text, /\(MCP_ATTACHMENTS_DIR\)/);
          ok(!answer.text.includes(folder.dir), "the server's folder stays private");
        }
        const big = join(folder.dir, "big.bin");
        await Deno.writeFile(big, new Uint8Array());
        await Deno.truncate(big, 50 * 1024 * 1024 + 1);
        const over = await call(client, "confluence_upload_attachments", {
          content_id: "1001",
          file_paths: "a.txt,big.bin",
        });
        equal(over.isError, true);
        match(
          over.text,
          /file_paths item 2 "big\.bin" is 52428801 bytes; one file may be at most 52428800 bytes/,
        );
        equal(site.requests.filter((r) => r.method === "POST").length, before);
      });

      await t.step("a name that starts with two dots is inside the folder", async () => {
        await Deno.writeTextFile(join(folder.dir, "..notes.txt"), "dots\n");
        const up = await call(client, "confluence_upload_attachment", {
          content_id: "1001",
          file_path: "..notes.txt",
        });
        equal(up.isError, false, up.text);
        match(up.json.message, /\.\.notes\.txt attached to page 1001/);
      });

      await t.step("a quote in a file name or a header in a MIME type is refused", async () => {
        const before = site.requests.filter((r) => r.method === "POST").length;
        const quote = await call(client, "confluence_upload_attachment", {
          content_id: "1001",
          content_base64: b64(BINARY),
          filename: 'say "hi".txt',
        });
        equal(quote.isError, true);
        match(quote.text, /names the file \\?"say \\?"hi\\?"\.txt\\?", which has a double quote/);
        const header = await call(client, "confluence_upload_attachments", {
          content_id: "1001",
          file_paths: JSON.stringify([{
            filename: "x.txt",
            content_base64: b64(BINARY),
            mime_type: "text/plain\r\nX-Evil: 1",
          }]),
        });
        equal(header.isError, true);
        match(
          header.text,
          /file_paths item 1 \(x\.txt\) has mime_type .* which is not a MIME type/,
        );
        equal(site.requests.filter((r) => r.method === "POST").length, before);
      });

      await t.step(
        "a file that grows past the cap or is replaced after its check is not sent",
        async () => {
          const before = site.requests.filter((r) => r.method === "POST").length;
          const edge = join(folder.dir, "edge.bin");
          const cases: [(path: string) => Promise<void>, RegExp][] = [
            [
              (path) => Deno.truncate(path, 50 * 1024 * 1024 + 1),
              /file_path "edge\.bin" is 52428801 bytes; one file may be at most 52428800 bytes/,
            ],
            [async (path) => {
              await Deno.writeTextFile(`${path}.new`, "other\n");
              await Deno.rename(`${path}.new`, path);
            }, /file_path "edge\.bin" was replaced by another file after it was checked/],
          ];
          for (const [change, expected] of cases) {
            await Deno.writeFile(edge, new Uint8Array());
            await Deno.truncate(edge, 50 * 1024 * 1024);
            // The name lookup before the upload is slow: the file changes meanwhile.
            site.fault({
              match: /\/(attachments|child\/attachment)$/,
              method: "GET",
              delayMs: 600,
            });
            const pending = call(client, "confluence_upload_attachment", {
              content_id: "1001",
              file_path: "edge.bin",
            });
            await new Promise((done) => setTimeout(done, 300));
            await change(edge);
            const answer = await pending;
            equal(answer.isError, true);
            match(answer.text, expected);
          }
          await Deno.remove(edge);
          equal(site.requests.filter((r) => r.method === "POST").length, before);
        },
      );

      await t.step("content_file gives create and update their body", async () => {
        const created = await call(client, "confluence_create_page", {
          space_key: "DOCS",
          title: "From a file",
          content_file: "release.md",
          include_content: true,
        });
        equal(created.isError, false, created.text);
        match(created.json.page.content, /Shipped \*\*today\*\*/);
        const updated = await call(client, "confluence_update_page", {
          page_id: created.json.id,
          title: "From a file",
          content_file: "a.txt",
          include_content: true,
        });
        equal(updated.isError, false, updated.text);
        match(updated.json.page.content, /alpha/);
        const both = await call(client, "confluence_update_page", {
          page_id: created.json.id,
          title: "From a file",
          content: "x",
          content_file: "a.txt",
        });
        equal(both.isError, true);
        match(both.text, /Pass content or content_file, not both/);
        const escape = await call(client, "confluence_create_page", {
          space_key: "DOCS",
          title: "Escaped",
          content_file: "link.txt",
        });
        equal(escape.isError, true);
        match(escape.text, /content_file "link\.txt" is a link that leads outside/);
      });

      await t.step("a delete removes the attachment", async () => {
        const del = await call(client, "confluence_delete_attachment", { attachment_id: dataId });
        equal(del.isError, false, del.text);
        match(del.json.message, /data\.bin was deleted from page 1001/);
        const gone = await call(client, "confluence_download_attachment", {
          attachment_id: dataId,
        });
        equal(gone.isError, true);
        match(gone.text, /^Confluence returned 404 Not Found for GET /);
      });
      await t.step("content that is not an attachment is refused by id", async () => {
        const before = site.requests.length;
        const comment = await call(client, "confluence_delete_attachment", {
          attachment_id: "60001",
        });
        equal(comment.isError, true);
        equal(sent(site, "DELETE", "/60001").length, 0);
        const page = await call(client, "confluence_download_attachment", {
          attachment_id: "1001",
        });
        equal(page.isError, true);
        if (flavour === "datacenter") {
          match(comment.text, /Content 60001 is a comment, not an attachment/);
          match(page.text, /Content 1001 is a page, not an attachment/);
        }
        ok(site.requests.slice(before).every((r) => r.method === "GET"));
        const kept = await call(client, "confluence_get_comments", { page_id: "1003" });
        match(kept.text, /60001/);
      });
    } finally {
      await session.close();
    }

    const bare = await connectStdio({ ...site.env, CONFLUENCE_SPACES_FILTER: "HR" });
    try {
      await t.step("without the setting a path is refused, naming it", async () => {
        const answer = await call(bare.client, "confluence_upload_attachment", {
          content_id: "2001",
          file_path: "a.txt",
        });
        equal(answer.isError, true);
        match(answer.text, /file_path names a file, but this server reads no files/);
        match(answer.text, /MCP_ATTACHMENTS_DIR/);
        match(answer.text, /content_base64/);
      });
      await t.step("the allowlist holds for listing and downloads", async () => {
        const before = site.requests.length;
        const list = await call(bare.client, "confluence_get_attachments", { content_id: "1002" });
        equal(list.isError, true);
        match(list.text, /Space DOCS is outside the spaces/);
        const images = await call(bare.client, "confluence_get_page_images", {
          content_id: "1002",
        });
        equal(images.isError, true);
        match(images.text, /Space DOCS is outside the spaces/);
        equal(site.requests.slice(before).filter((r) => r.path.includes("/download")).length, 0);
      });
      await t.step("the allowlist holds for an attachment by id and for uploads", async () => {
        const before = site.requests.length;
        const id = flavour === "cloud" ? "att5001" : "5001";
        const down = await call(bare.client, "confluence_download_attachment", {
          attachment_id: id,
        });
        equal(down.isError, true);
        match(down.text, /Space DOCS is outside the spaces/);
        const del = await call(bare.client, "confluence_delete_attachment", { attachment_id: id });
        equal(del.isError, true);
        match(del.text, /Space DOCS is outside the spaces/);
        const up = await call(bare.client, "confluence_upload_attachment", {
          content_id: "1002",
          content_base64: b64(BINARY),
          filename: "data.bin",
        });
        equal(up.isError, true);
        match(up.text, /Space DOCS is outside the spaces/);
        ok(site.requests.slice(before).every((r) => r.method === "GET"));
      });
    } finally {
      await bare.close();
    }

    const readOnly = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      await t.step("read-only mode offers the four reads only", async () => {
        const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name)
          .filter((name) => TOOLS.includes(name));
        deepEqual(names, [
          "confluence_get_attachments",
          "confluence_download_attachment",
          "confluence_download_content_attachments",
          "confluence_get_page_images",
        ]);
        const before = site.requests.length;
        for (const name of ["confluence_delete_attachment", "confluence_upload_attachment"]) {
          const refused = await call(readOnly.client, name, {
            attachment_id: flavour === "cloud" ? "att5001" : "5001",
            content_id: "1002",
            content_base64: b64(BINARY),
            filename: "ro.bin",
          });
          equal(refused.isError, true);
          equal(refused.text, `Unknown tool: ${name}`);
        }
        equal(site.requests.length, before, "nothing was sent");
      });
    } finally {
      await readOnly.close();
      await folder.cleanup();
    }
  });
}
