/**
 * Wiki markup shown as plain markdown: shown placeholders (`<!--wiki:+x+-->x<!--/wiki-->`) hold
 * the markup, their visible part what a person sees of it. A writer restores the markup only while
 * that visible part is still what the reader showed.
 *
 * @module
 */

import type { BlockContent, Html, Nodes, PhrasingContent } from "../_mdast.ts";
import { containerOf, type Shown, shownNode, shownOf } from "../_hub.ts";
import { sameMarkdown } from "../markdown.ts";

const COMMENT = /^<!--[\s\S]*-->$/;

/** Builds a shown placeholder for the wiki markup `original`, showing `children` as plain markdown. */
export function shownWiki(original: string, children: PhrasingContent[] | BlockContent[]): Html {
  return shownNode("wiki", original, visibleOf(children as Nodes[]) as typeof children);
}

/**
 * `nodes` as plain markdown: shown placeholders and containers become their children, other
 * comments (opaque placeholders) are dropped and carried attributes removed.
 */
export function visibleOf(nodes: Nodes[]): Nodes[] {
  return nodes.flatMap((node): Nodes[] => {
    const wrapped = shownOf(node) ?? containerOf(node);
    if (wrapped) return visibleOf(wrapped.children as Nodes[]);
    if (node.type === "html" && COMMENT.test(node.value.trim())) return [];
    const copy = { ...node } as Nodes;
    if (node.data && "extra" in node.data) {
      const { extra: _, ...data } = node.data as Record<string, unknown>;
      if (Object.keys(data).length > 0) copy.data = data;
      else delete copy.data;
    }
    if ("children" in node) {
      (copy as { children: Nodes[] }).children = visibleOf(node.children as Nodes[]);
    }
    return [copy];
  });
}

/**
 * True when a wiki shown placeholder still shows what the reader shows for its original
 * (`reread` reads wiki markup as the same kind of content, inline or blocks).
 */
export function unchanged(shown: Shown, reread: (wiki: string) => Nodes[]): boolean {
  return shown.format === "wiki" &&
    sameMarkdown(shown.children as Nodes[], visibleOf(reread(shown.original)));
}
