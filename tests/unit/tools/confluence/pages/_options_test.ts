import assert from "node:assert/strict";
import {
  checkEmoji,
  joinNotes,
  pageBody,
  type PageOptionArgs,
} from "../../../../../src/tools/confluence/pages/_options.ts";
import { ToolError } from "../../../../../src/errors.ts";

const plain: PageOptionArgs = { content_format: "markdown", enable_heading_anchors: false };

Deno.test("pageBody converts Markdown with heading anchors and the table layout", () => {
  const out = pageBody("# Hi\n\n| a |\n| - |\n| 1 |\n", {
    ...plain,
    enable_heading_anchors: true,
    table_layout: "wide",
  });
  assert.equal(out.representation, "storage");
  assert.match(out.body!, /<h1><ac:structured-macro ac:name="anchor"/);
  assert.match(out.body!, /<table data-layout="wide" data-table-width="960">/);
  assert.equal(out.note, undefined);
});

Deno.test("pageBody sends wiki and storage as they are and notes the Markdown-only options", () => {
  const storage = "<h1>Hi</h1><table><tbody><tr><td>1</td></tr></tbody></table>";
  const out = pageBody(storage, {
    ...plain,
    content_format: "storage",
    enable_heading_anchors: true,
    table_layout: "full-width",
  });
  assert.equal(out.body, storage);
  assert.match(out.note!, /enable_heading_anchors and table_layout apply to Markdown content only/);
  const wiki = pageBody("h1. Hi", { ...plain, content_format: "wiki", table_layout: "wide" });
  assert.deepEqual(wiki.representation, "wiki");
  assert.match(wiki.note!, /^table_layout applies to Markdown/);
  assert.equal(pageBody("h1. Hi", { ...plain, content_format: "wiki" }).note, undefined);
});

Deno.test("pageBody without content keeps the body and notes options it could not apply", () => {
  assert.deepEqual(pageBody(undefined, plain), { note: undefined });
  const out = pageBody(undefined, { ...plain, enable_heading_anchors: true });
  assert.equal(out.body, undefined);
  assert.match(out.note!, /no new content was given/);
});

Deno.test("checkEmoji accepts one emoji or nothing and refuses anything else", () => {
  checkEmoji(undefined);
  checkEmoji("");
  checkEmoji("📝");
  assert.throws(() => checkEmoji(":memo:"), ToolError);
  assert.throws(() => checkEmoji("📝📝"), /single emoji/);
});

Deno.test("joinNotes joins the notes that are present", () => {
  assert.equal(joinNotes(undefined, ""), undefined);
  assert.equal(joinNotes("a.", undefined, "b."), "a. b.");
});
