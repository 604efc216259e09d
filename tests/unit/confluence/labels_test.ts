import { equal, throws } from "node:assert/strict";
import { LABEL_MAX_LENGTH, labelName, labelRef } from "../../../src/confluence/labels.ts";
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

Deno.test("labelName takes the characters Confluence allows, such as + = $ % ~", () => {
  equal(labelName("C++"), "c++");
  equal(labelName("a=b$c%d~e{f}|g'h\"`"), "a=b$c%d~e{f}|g'h\"`");
});

Deno.test("labelRef keeps the my: and team: prefixes get_labels shows, and drops global:", () => {
  equal(labelRef("my:ToDo"), "my:todo");
  equal(labelRef("TEAM:infra"), "team:infra");
  equal(labelRef("global:Ops"), "ops");
  equal(labelRef("ops"), "ops");
  throws(() => labelRef("other:ops"), ToolError);
  throws(() => labelRef("my:two words"), ToolError);
});
