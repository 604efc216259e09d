import { equal } from "node:assert/strict";
import { fieldScore } from "../../../../../src/tools/jira/fields/search_fields.ts";

const storyPoints = {
  id: "customfield_10016",
  name: "Story Points",
  custom: true,
  clauseNames: ["cf[10016]", "Story Points"],
};

Deno.test("fieldScore ranks exact, prefix, word, substring and in-order matches", () => {
  equal(fieldScore(storyPoints, "story points"), 100);
  equal(fieldScore(storyPoints, "story"), 90);
  equal(fieldScore(storyPoints, "points"), 80);
  equal(fieldScore(storyPoints, "ory poi"), 70);
  equal(fieldScore(storyPoints, "stpts"), 40);
  equal(fieldScore(storyPoints, "sprint"), 0);
});
