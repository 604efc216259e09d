import assert from "node:assert/strict";
import { basicCredential } from "../../../src/http/basic.ts";

Deno.test("basicCredential encodes user:secret as UTF-8 base64", () => {
  assert.equal(basicCredential("alice@example.com", "tok"), btoa("alice@example.com:tok"));
  assert.equal(atob(basicCredential("jürgen", "pässwörd")).length, "jürgen:pässwörd".length + 3);
});
