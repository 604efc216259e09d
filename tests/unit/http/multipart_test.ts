import assert from "node:assert/strict";
import { multipartBody } from "../../../src/http/multipart.ts";

Deno.test("multipartBody streams a form a multipart parser reads back, bytes and fields", async () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const chunks = ReadableStream.from([bytes.subarray(0, 100), bytes.subarray(100)]);
  for (const content of [bytes, chunks]) {
    const { body, contentType } = multipartBody(
      { field: "file", filename: 'r"é.bin', mimeType: "application/x-test", content },
      [["comment", "line 1\r\nline 2"], ["minorEdit", "true"]],
    );
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    const file = form.get("file") as File;
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
    assert.equal(file.type, "application/x-test");
    assert.equal(file.name, "r%22é.bin");
    assert.equal(form.get("comment"), "line 1\r\nline 2");
    assert.equal(form.get("minorEdit"), "true");
  }
});
