import { equal, throws } from "node:assert/strict";
import { LABEL_MAX_LENGTH, labelName } from "../../../src/confluence/labels.ts";
import { ToolError } from "../../../src/errors.ts";

Deno.test("labelName lowers a valid label as Confluence stores it", () => {
  equal(labelName("Release-Notes"), "release-notes");
  equal(labelName("  v2_ready "), "v2_ready");
  equal(labelName("x".repeat(LABEL_MAX_LENGTH)), "x".repeat(LABEL_MAX_LENGTH));
});

Deno.test("labelName refuses spaces, forbidden characters, empty and over-long names", () => {
  const refused = (name: string, why: RegExp) =>
    throws(() => labelName(name), (e: unknown) => e instanceof ToolError && why.test(e.message));
  refused("two words", /contains a space/);
  refused("", /empty/);
  for (
    const c of [
      "!",
      "#",
      "&",
      "(",
      ")",
      "*",
      ",",
      ".",
      ":",
      ";",
      "<",
      ">",
      "?",
      "@",
      "[",
      "]",
      "^",
      "/",
    ]
  ) {
    refused(`a${c}b`, new RegExp(`contains "\\${c}"`));
  }
  refused("x".repeat(LABEL_MAX_LENGTH + 1), /256 characters long; labels take at most 255/);
});
