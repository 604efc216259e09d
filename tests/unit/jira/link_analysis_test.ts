import { deepEqual, equal } from "node:assert/strict";
import {
  crossProjectParent,
  hierarchyPhrases,
  hierarchyRole,
  linkEnds,
} from "../../../src/jira/link_analysis.ts";
import type { JiraIssue } from "../../../src/jira/types.ts";

const HIERARCHY = { id: "1", name: "Hierarchy", inward: "is parent of", outward: "is child of" };
const BLOCKS = { id: "2", name: "Blocks", inward: "is blocked by", outward: "blocks" };

function issue(key: string, fields: Record<string, unknown>): JiraIssue {
  return { id: "1", key, fields };
}

Deno.test("linkEnds reads each link from the issue's side", () => {
  const ends = linkEnds(issue("A-1", {
    issuelinks: [
      { id: "1", type: BLOCKS, outwardIssue: { key: "B-1" } },
      { id: "2", type: BLOCKS, inwardIssue: { key: "C-1" } },
    ],
  }));
  deepEqual(ends.map((e) => [e.other.key, e.direction, e.phrase]), [
    ["B-1", "outward", "blocks"],
    ["C-1", "inward", "is blocked by"],
  ]);
});

Deno.test("crossProjectParent: the parent field first, then a child-of link, never its own project", () => {
  const phrases = hierarchyPhrases();
  deepEqual(
    crossProjectParent(
      issue("A-1", { parent: { key: "P-1", fields: { summary: "Goal" } } }),
      phrases,
    ),
    { key: "P-1", fields: { summary: "Goal" } },
  );
  // A parent in the epic's own project is not a cross-project parent; the link is.
  equal(
    crossProjectParent(
      issue("A-1", {
        parent: { key: "A-9" },
        issuelinks: [{ id: "1", type: HIERARCHY, outwardIssue: { key: "P-2" } }],
      }),
      phrases,
    )?.key,
    "P-2",
  );
  // "A-1 is parent of P-3": P-3 is a child, not a parent.
  equal(
    crossProjectParent(
      issue("A-1", { issuelinks: [{ id: "1", type: HIERARCHY, inwardIssue: { key: "P-3" } }] }),
      phrases,
    ),
    undefined,
  );
});

Deno.test("HIERARCHY_LINK_PHRASES extend the built-in phrases", () => {
  const rollup = { id: "3", name: "Rollup", inward: "is rolled up by", outward: "rolls up to" };
  const end = linkEnds(issue("A-1", {
    issuelinks: [{ id: "1", type: rollup, outwardIssue: { key: "P-1" } }],
  }))[0];
  equal(hierarchyRole(end, hierarchyPhrases()), "");
  equal(hierarchyRole(end, hierarchyPhrases({ parent: [], child: ["rolls up to"] })), "parent");
  equal(
    hierarchyRole(
      { ...end, phrase: "rolls up to" },
      hierarchyPhrases({ parent: ["rolls up to"], child: [] }),
    ),
    "child",
  );
});
