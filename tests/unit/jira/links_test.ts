import { deepEqual, equal, throws } from "node:assert/strict";
import { chooseLinkType, findLink, linkSentence, linkView } from "../../../src/jira/links.ts";
import type { JiraIssueLink, JiraIssueLinkType } from "../../../src/jira/types.ts";
import { ToolError } from "../../../src/errors.ts";

const BLOCKS = { id: "10000", name: "Blocks", inward: "is blocked by", outward: "blocks" };
const RELATES = { id: "10003", name: "Relates", inward: "relates to", outward: "relates to" };
const CLONERS = { id: "10001", name: "Cloners", inward: "is cloned by", outward: "clones" };
const TYPES: JiraIssueLinkType[] = [BLOCKS, CLONERS, RELATES];

Deno.test("chooseLinkType takes a name or id in any case without swapping", () => {
  deepEqual(chooseLinkType(TYPES, "blocks"), { type: BLOCKS, swap: false });
  deepEqual(chooseLinkType(TYPES, " RELATES "), { type: RELATES, swap: false });
  deepEqual(chooseLinkType(TYPES, "10001"), { type: CLONERS, swap: false });
});

Deno.test("chooseLinkType takes a phrase; the inward phrase swaps the ends", () => {
  deepEqual(chooseLinkType(TYPES, "clones"), { type: CLONERS, swap: false });
  deepEqual(chooseLinkType(TYPES, "Is Blocked By"), { type: BLOCKS, swap: true });
  // A symmetric phrase is also the outward one: no swap.
  deepEqual(chooseLinkType(TYPES, "relates to"), { type: RELATES, swap: false });
});

Deno.test("chooseLinkType refuses an unknown type, listing the site's types", () => {
  throws(
    () => chooseLinkType(TYPES, "Depends"),
    (e: unknown) =>
      e instanceof ToolError && /"Depends"/.test(e.message) &&
      e.hint === "Use one of: Blocks, Cloners, Relates (see jira_get_link_types).",
  );
});

Deno.test("findLink finds the link among the inward issue's links and fills in both ends", () => {
  const links: JiraIssueLink[] = [
    { id: "1", type: BLOCKS, inwardIssue: { key: "DEMO-9" } },
    { id: "2", type: RELATES, outwardIssue: { key: "DEMO-5" } },
    { id: "3", type: BLOCKS, outwardIssue: { key: "DEMO-5" } },
  ];
  const link = findLink(links, "10000", "DEMO-3", "demo-5")!;
  equal(link.id, "3");
  equal(linkSentence(link), "DEMO-3 blocks DEMO-5");
  deepEqual(linkView(link), {
    id: "3",
    type: "Blocks",
    inward_issue: "DEMO-3",
    outward_issue: "DEMO-5",
    reads: "DEMO-3 blocks DEMO-5",
  });
  // DEMO-9 blocks DEMO-3 is the other direction: not the link asked for.
  equal(findLink(links, "10000", "DEMO-3", "DEMO-9"), undefined);
});

Deno.test("linkSentence falls back to the type name without phrases", () => {
  equal(
    linkSentence({
      id: "1",
      type: { id: "9", name: "Depends" },
      inwardIssue: { key: "A-1" },
      outwardIssue: { key: "B-2" },
    }),
    "A-1 Depends B-2",
  );
});
