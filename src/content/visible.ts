/**
 * What a person sees of hub content, as plain markdown: the visible part of a shown placeholder.
 *
 * Plain content holds no comments: carriers are dropped, opaque placeholders (nothing visible)
 * vanish, shown placeholders and containers give way to their children. Flattening turns blocks
 * into one line of phrasing content for places that only hold phrasing (a table cell, an inline
 * placeholder): blocks and line breaks become `<br>`.
 *
 * @module
 */

import type { BlockContent, Nodes, PhrasingContent, RootContent } from "./_mdast.ts";
import { containerOf, html, isBlockList, paragraph, shownNode, shownOf, text } from "./_hub.ts";
import { readCarrier, readClose, readContainerBegin, readPlaceholder } from "./placeholder.ts";

/** How a line break is shown inside a one-line visible part (a table cell). */
const LINE_BREAK = "<br>";

/** True for an HTML line break (`<br>`, `<br/>`, `<br />`). */
export function isHtmlBreak(node: Nodes): boolean {
  return node.type === "html" && /^<br\s*\/?>$/i.test(node.value.trim());
}

/** Plain blocks: the same content without carriers and placeholders. */
export function plainBlocks(nodes: Nodes[]): BlockContent[] {
  return nodes.flatMap((node): BlockContent[] => {
    const wrapped = shownOf(node) ?? containerOf(node);
    if (wrapped) {
      const children = wrapped.children as Nodes[];
      if (isBlockList(children)) return plainBlocks(children);
      const phrasing = plainPhrasing(children as PhrasingContent[]);
      return phrasing.length > 0 ? [paragraph(phrasing)] : [];
    }
    switch (node.type) {
      case "html":
        return isComment(node.value) ? [] : [node];
      case "paragraph":
      case "heading": {
        const children = plainPhrasing(node.children);
        return children.length > 0 ? [{ ...bare(node), children }] : [];
      }
      case "blockquote":
        return [{ ...bare(node), children: plainBlocks(node.children) }];
      case "list":
        return [{
          ...bare(node),
          children: node.children.map((item) => ({
            ...bare(item),
            children: plainBlocks(item.children),
          })),
        }];
      case "table":
        return [{
          ...bare(node),
          children: node.children.map((row) => ({
            ...bare(row),
            children: row.children.map((cell) => ({
              ...bare(cell),
              children: plainPhrasing(cell.children),
            })),
          })),
        }];
      case "code":
      case "thematicBreak":
        return [bare(node)];
    }
    return [];
  });
}

/** Plain phrasing content: the same content without carriers and placeholders. */
export function plainPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    const wrapped = shownOf(node) ?? containerOf(node);
    if (wrapped) {
      const children = wrapped.children as Nodes[];
      return isBlockList(children)
        ? flatten(plainBlocks(children))
        : plainPhrasing(children as PhrasingContent[]);
    }
    switch (node.type) {
      case "html":
        return isComment(node.value) ? [] : [node];
      case "strong":
      case "emphasis":
      case "delete": {
        const children = plainPhrasing(node.children);
        return children.length > 0 ? [{ ...bare(node), children }] : [];
      }
      case "link":
        return [{ ...bare(node), children: plainPhrasing(node.children) }];
      case "image":
        return [bare(node)];
    }
    return [node];
  });
}

/** Blocks as one line of phrasing content: blocks, items, rows and code lines end in `<br>`. */
export function flatten(blocks: BlockContent[]): PhrasingContent[] {
  const lines = blocks.flatMap(lineRuns).filter((line) => line.length > 0);
  return breaksAsHtml(
    lines.flatMap((line, index) => index > 0 ? [html(LINE_BREAK), ...line] : line),
  );
}

/** The same phrasing content with every line break written `<br>` (deep). */
export function breaksAsHtml(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    const shown = shownOf(node);
    if (shown && !isBlockList(shown.children)) {
      const children = breaksAsHtml(shown.children as PhrasingContent[]);
      return shownNode(shown.format, shown.original, children);
    }
    if (node.type === "break") return html(LINE_BREAK);
    if (node.type === "text" && node.value.includes("\n")) {
      return text(node.value.replace(/\n/g, " "));
    }
    if ("children" in node) {
      return { ...node, children: breaksAsHtml(node.children) } as PhrasingContent;
    }
    return node;
  });
}

function lineRuns(block: RootContent): PhrasingContent[][] {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return [block.children];
    case "blockquote":
      return block.children.flatMap(lineRuns);
    case "list":
      return block.children.flatMap((item) => item.children.flatMap(lineRuns));
    case "table":
      return block.children.map((row) =>
        row.children.flatMap((cell, index) =>
          index > 0 ? [text(" "), ...cell.children] : cell.children
        )
      );
    case "code":
      return block.value.split("\n").map((line) => line ? [text(line)] : []);
    case "html":
      return [[block]];
  }
  return [];
}

/** The node without the attributes of a source format (its carrier). */
function bare<T extends Nodes>(node: T): T {
  const data = node.data as Record<string, unknown> | undefined;
  if (!data || !("extra" in data)) return node;
  const { extra: _extra, ...rest } = data;
  return { ...node, data: Object.keys(rest).length > 0 ? rest : undefined } as T;
}

function isComment(value: string): boolean {
  return Boolean(
    readPlaceholder(value) || readCarrier(value) || readContainerBegin(value) || readClose(value) ||
      /^<!--[\s\S]*-->$/.test(value.trim()),
  );
}
