import assert from "node:assert/strict";
import { path } from "../../../src/http/mod.ts";

Deno.test("path encodes every interpolated value as one segment", () => {
  assert.equal(path`/rest/api/2/issue/${"DEMO-1"}`, "/rest/api/2/issue/DEMO-1");
  assert.equal(path`/a/${"x/y"}/b/${"with space"}`, "/a/x%2Fy/b/with%20space");
  assert.equal(path`/a/${"?q=1#f"}`, "/a/%3Fq%3D1%23f");
  assert.equal(path`/a/${"../etc"}`, "/a/..%2Fetc");
  assert.equal(path`/page/${1002}/child`, "/page/1002/child");
  assert.equal(path`/user/${"Jürgen 東京"}`, "/user/J%C3%BCrgen%20%E6%9D%B1%E4%BA%AC");
});

Deno.test("path leaves the literal parts alone", () => {
  assert.equal(path`/rest/api/2/search?jql=x`, "/rest/api/2/search?jql=x");
});

Deno.test("path refuses empty and dot segments", () => {
  assert.throws(() => path`/issue/${""}`, RangeError);
  assert.throws(() => path`/issue/${"."}`, RangeError);
  assert.throws(() => path`/issue/${".."}/x`, /not a valid path segment/);
});
