import { equal, ok } from "node:assert/strict";
import { maskRanges, SecretMask, secretPieces } from "../../src/_secret_mask.ts";

/** Masks `text` with a mask of the given secrets' pieces. */
function masked(secrets: string[], text: string): string {
  const ranges: [number, number][] = [];
  new SecretMask(secrets.flatMap(secretPieces)).find(text, ranges);
  return maskRanges(text, ranges);
}

const MB = 1 << 20;

Deno.test("secretPieces of a repeated-character secret are a handful, not one per position", () => {
  // Every run of 16 a's is the same piece: the index holds a few pieces, whatever the length.
  ok(secretPieces("a".repeat(200)).length < 20);
});

Deno.test("SecretMask masks 1 MB of a repeated-character secret as one run", () => {
  const ranges: [number, number][] = [];
  new SecretMask(secretPieces("a".repeat(200))).find("a".repeat(MB), ranges);
  equal(ranges.length, 1, "overlapping finds are merged as they come");
  equal(masked(["a".repeat(200)], `[${"a".repeat(MB)}]`), "[***]");
});

Deno.test("SecretMask masks every 16+ run of a repeated-character secret in 1 MB, and no shorter", () => {
  const secret = "a".repeat(200);
  const long = "a".repeat(17) + "b";
  equal(masked([secret], long.repeat(MB / long.length)), "***b".repeat(MB / long.length));
  const short = "a".repeat(15) + "b";
  const text = short.repeat(MB / short.length);
  equal(masked([secret], text), text);
});

Deno.test("SecretMask masks a short repeated secret in 1 MB as one run", () => {
  equal(masked(["aaaa"], `[${"a".repeat(MB)}]`), "[***]");
});

Deno.test("SecretMask masks a fragment at the very start and end of the text", () => {
  const secret = "Zx81qPw0-LmNbVc7Tr5yHg2KdS4uEo9I";
  equal(masked([secret], secret.slice(3, 22)), "***");
  equal(
    masked([secret], `${secret.slice(0, 15)} ${secret.slice(-15)}`),
    `${secret.slice(0, 15)} ${secret.slice(-15)}`,
  );
});

Deno.test("SecretMask masks the whole characters of an encoded fragment, not a cut escape", () => {
  const secret = "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p";
  const encoded = encodeURIComponent(secret);
  // 16 whole characters, then "%2" of the next slash.
  const fragment = encoded.slice(0, encoded.indexOf("i") + 1);
  equal(masked([secret], `[${fragment}%2]`), "[***%2]");
});
