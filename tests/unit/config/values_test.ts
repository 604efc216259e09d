import assert from "node:assert/strict";
import {
  booleanWords,
  parseBoolean,
  parseCustomHeaders,
  parseWholeNumber,
  splitList,
} from "../../../src/config/values.ts";

Deno.test("parseBoolean follows the Python word sets per kind", () => {
  const table: [string, "default" | "extended" | "sslVerify", boolean | undefined][] = [
    ["true", "default", true],
    ["TRUE", "default", true],
    ["1", "default", true],
    ["yes", "default", true],
    ["y", "default", undefined],
    ["on", "default", undefined],
    ["false", "default", false],
    ["0", "default", false],
    ["no", "default", false],
    ["y", "extended", true],
    ["on", "extended", true],
    ["n", "extended", false],
    ["off", "extended", false],
    ["maybe", "extended", undefined],
    ["false", "sslVerify", false],
    ["No", "sslVerify", false],
    ["0", "sslVerify", false],
    ["off", "sslVerify", undefined],
    ["true", "sslVerify", true],
  ];
  for (const [value, words, expected] of table) {
    assert.equal(parseBoolean(value, words), expected, `${words}: ${value}`);
  }
});

Deno.test("booleanWords lists the accepted words", () => {
  assert.equal(booleanWords("extended"), "true/1/yes/y/on or false/0/no/n/off");
});

Deno.test("splitList trims items and drops empty ones", () => {
  assert.deepEqual(splitList(" a, b ,,c ,"), ["a", "b", "c"]);
  assert.deepEqual(splitList(" , "), []);
});

Deno.test("parseWholeNumber accepts digits within the range only", () => {
  assert.equal(parseWholeNumber("8000", 0, 65535), 8000);
  assert.equal(parseWholeNumber(" 0 ", 0, 65535), 0);
  for (const v of ["-1", "1.5", "1e3", "abc", "", "65536", "0x10"]) {
    assert.equal(parseWholeNumber(v, 0, 65535), undefined, v);
  }
});

Deno.test("parseCustomHeaders splits entries on commas and each on its first =", () => {
  assert.deepEqual(parseCustomHeaders("X-A=1,X-B = two words , X-C=a=b,,"), {
    headers: { "X-A": "1", "X-B": "two words", "X-C": "a=b" },
    invalid: [],
  });
  assert.deepEqual(parseCustomHeaders("X-Empty="), { headers: { "X-Empty": "" }, invalid: [] });
});

Deno.test("parseCustomHeaders reports bad entries by position, never by their text", () => {
  const parsed = parseCustomHeaders(
    "X-Token:secret-value,=v,,Bad Name=x,X-Nl=a\nb,ok=1,sk-live-0123456789,X-A:tok=en",
  );
  assert.deepEqual(parsed, {
    headers: { ok: "1" },
    invalid: [
      "entry 1 has no '='",
      "entry 2 has no name before '='",
      "entry 4 has a name that is not a header name (letters, digits, -)",
      "entry 5 has a line break in its value",
      "entry 7 has no '='",
      "entry 8 has a name that is not a header name (letters, digits, -)",
    ],
  });
  for (const piece of ["secret", "Bad", "sk-live", "tok=en", "X-Token", "X-Nl", "X-A"]) {
    assert.ok(!parsed.invalid.join(" ").includes(piece), piece);
  }
});
