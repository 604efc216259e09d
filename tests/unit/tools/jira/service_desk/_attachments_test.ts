import assert from "node:assert/strict";
import { ToolError } from "../../../../../src/errors.ts";
import { MAX_FILE_BYTES } from "../../../../../src/tools/files/base64.ts";
import { parseAttachments } from "../../../../../src/tools/jira/service_desk/_attachments.ts";

function refusal(text: string, max?: number): string {
  try {
    parseAttachments(text, max);
  } catch (error) {
    assert.ok(error instanceof ToolError);
    return error.message;
  }
  throw new Error("not refused");
}

Deno.test("parseAttachments decodes files, with base64 as another name for content_base64", () => {
  const files = parseAttachments(JSON.stringify([
    { filename: " a.txt ", content_base64: "aGVs\nbG8=", mime_type: "text/plain" },
    { filename: "b.bin", base64: "AAEC" },
  ]));
  assert.deepEqual(files.map((f) => [f.filename, f.mimeType, [...f.bytes]]), [
    ["a.txt", "text/plain", [104, 101, 108, 108, 111]],
    ["b.bin", "application/octet-stream", [0, 1, 2]],
  ]);
});

Deno.test("parseAttachments refuses bad base64, and missing parts", () => {
  assert.match(
    refusal('[{"filename": "x", "content_base64": "abc"}]'),
    /attachments item 1 \(x\) is not valid base64/,
  );
  assert.match(refusal('[{"filename": "x", "content_base64": "a$c="}]'), /not valid base64/);
  assert.match(refusal('[{"content_base64": "AAEC"}]'), /item 1 has no filename/);
  assert.match(refusal('[{"filename": "x"}]'), /\(x\) has no content_base64/);
  assert.match(refusal('[{"filename": "x", "base64": "=="}]'), /not valid base64/);
  assert.match(refusal("[1]"), /attachments item 1 is not an object/);
  assert.match(refusal("{}"), /must be a non-empty JSON array/);
});

Deno.test("parseAttachments refuses a file over the size limit before decoding it", () => {
  assert.equal(MAX_FILE_BYTES, 50 * 1024 * 1024);
  assert.match(
    refusal('[{"filename": "big", "content_base64": "AAECAwQF"}]', 5),
    /\(big\) is 6 bytes; one file may be at most 5 bytes/,
  );
  assert.equal(parseAttachments('[{"filename": "ok", "base64": "AAECAwQF"}]', 6).length, 1);
});
