import assert from "node:assert/strict";
import { multipartBody } from "../../../src/http/multipart.ts";

Deno.test("multipartBody makes a form a multipart parser reads back, again for each send", async () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  let opened = 0;
  let closed = 0;
  const open = () => {
    opened++;
    return Promise.resolve({
      readable: ReadableStream.from([bytes.subarray(0, 100), bytes.subarray(100)]),
      close: () => void closed++,
    });
  };
  for (const content of [bytes, open]) {
    const { body, contentType } = multipartBody(
      { field: "file", filename: 'r"é.bin', mimeType: "application/x-test", content },
      [["comment", "line 1\r\nline 2"], ["minorEdit", "true"]],
    );
    for (let send = 0; send < 2; send++) {
      const sending = await body.open();
      const form = await new Response(sending.body, { headers: { "content-type": contentType } })
        .formData();
      sending.close();
      const file = form.get("file") as File;
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
      assert.equal(file.type, "application/x-test");
      assert.equal(file.name, "r%22é.bin");
      assert.equal(form.get("comment"), "line 1\r\nline 2");
      assert.equal(form.get("minorEdit"), "true");
    }
  }
  assert.deepEqual([opened, closed], [2, 2]);
});
