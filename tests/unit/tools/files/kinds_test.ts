import assert from "node:assert/strict";
import {
  attachmentUri,
  isImage,
  isMimeType,
  mimeTypeOf,
} from "../../../../src/tools/files/kinds.ts";

Deno.test("mimeTypeOf keeps a given type and replaces a vague one by the name's", () => {
  assert.equal(mimeTypeOf("a.bin", "image/png; charset=binary"), "image/png");
  assert.equal(mimeTypeOf("photo.JPG", "application/octet-stream"), "image/jpeg");
  assert.equal(mimeTypeOf("notes.txt"), "text/plain");
  assert.equal(mimeTypeOf("blob", "multipart/form-data"), "application/octet-stream");
});

Deno.test("isImage takes the vision types only, by type or by a vague type's name", () => {
  assert.equal(isImage("x", "image/webp"), true);
  assert.equal(isImage("x.svg", "application/binary"), true);
  assert.equal(isImage("x.tiff", "image/tiff"), false);
  assert.equal(isImage("x.png", "text/plain"), false);
});

Deno.test("attachmentUri encodes the owner and the name", () => {
  assert.equal(attachmentUri("DEMO-1", "a b#.txt"), "attachment:///DEMO-1/a%20b%23.txt");
});

Deno.test("mimeTypeOf and isMimeType take type/subtype tokens only", () => {
  assert.equal(mimeTypeOf("a.png", "text/plain\r\nX-Evil: 1"), "image/png");
  assert.equal(mimeTypeOf("a.bin", "image png"), "application/octet-stream");
  assert.equal(isMimeType("text/plain; charset=utf-8"), true);
  assert.equal(isMimeType("application/vnd.api+json"), true);
  assert.equal(isMimeType("text/plain\r\nX-Evil: 1"), false);
  assert.equal(isMimeType("text"), false);
});
