/**
 * Reading hierarchy and dependencies out of issues' `parent` and `issuelinks` fields: which issue
 * in another project is an epic's parent, and which links cross project borders. In an issue's
 * `issuelinks`, an entry with `outwardIssue: Y` reads "this <outward phrase> Y" and one with
 * `inwardIssue: Y` reads "this <inward phrase> Y".
 *
 * @module
 */
import type { HierarchyPhrases } from "../config/types.ts";
import type { JiraIssue, JiraIssueLink, JiraLinkedIssue } from "./types.ts";

/** Link phrases saying the other issue is this one's child (Jira's and common apps' names). */
const PARENT_OF = ["is parent of", "parent", "contains", "split to", "epic"];

/** Link phrases saying the other issue is this one's parent. */
const CHILD_OF = ["is child of", "is contained by", "split from"];

/** The built-in phrases with `HIERARCHY_LINK_PHRASES` added (all lower case). */
export function hierarchyPhrases(extra?: HierarchyPhrases): HierarchyPhrases {
  return {
    parent: [...PARENT_OF, ...(extra?.parent ?? [])],
    child: [...CHILD_OF, ...(extra?.child ?? [])],
  };
}

/** The project key of an issue key (`PLAT-12` -> `PLAT`). */
export function projectOf(key: string): string {
  const dash = key.lastIndexOf("-");
  return dash > 0 ? key.slice(0, dash) : key;
}

/** One end of one link as seen from an issue: the other issue and how the link reads. */
export interface LinkEnd {
  other: JiraLinkedIssue;
  /** The link type's name, e.g. `Blocks`. */
  type: string;
  direction: "outward" | "inward";
  /** How the link reads from this issue, e.g. `is blocked by`. */
  phrase: string;
}

/** The links of an issue, each from this issue's side. */
export function linkEnds(issue: JiraIssue): LinkEnd[] {
  const links = (issue.fields.issuelinks ?? []) as JiraIssueLink[];
  const out: LinkEnd[] = [];
  for (const link of links) {
    const type = link.type ?? { name: "" };
    if (link.outwardIssue?.key) {
      out.push({
        other: link.outwardIssue,
        type: type.name,
        direction: "outward",
        phrase: type.outward ?? type.name,
      });
    }
    if (link.inwardIssue?.key) {
      out.push({
        other: link.inwardIssue,
        type: type.name,
        direction: "inward",
        phrase: type.inward ?? type.name,
      });
    }
  }
  return out;
}

/** What a link end says of the hierarchy: the other issue is this one's parent or child. */
export function hierarchyRole(end: LinkEnd, phrases: HierarchyPhrases): "parent" | "child" | "" {
  const labels = [end.type.toLowerCase(), end.phrase.toLowerCase()];
  if (labels.some((l) => phrases.child.includes(l))) return "parent";
  if (labels.some((l) => phrases.parent.includes(l))) return "child";
  return "";
}

/**
 * An epic's parent in another project (key and summary, as the issue carries them): its `parent`
 * field, else the first link whose phrase says the other issue is its parent. Undefined when it
 * has none outside its project.
 */
export function crossProjectParent(
  epic: JiraIssue,
  phrases: HierarchyPhrases,
): JiraLinkedIssue | undefined {
  const own = projectOf(epic.key);
  const parent = epic.fields.parent as JiraLinkedIssue | undefined;
  if (parent?.key && projectOf(parent.key) !== own) return parent;
  return linkEnds(epic).find((end) =>
    projectOf(end.other.key) !== own && hierarchyRole(end, phrases) === "parent"
  )?.other;
}
