/**
 * Sections of a storage-format body: the content under a heading, up to the next heading of the
 * same or a higher level among its siblings (or the end of the container it is in: the page, a
 * layout cell, a macro body). Found by the offsets the parser gives, so a section can be
 * replaced without touching one byte of the storage around it.
 *
 * @module
 */
import { storageText } from "./text.ts";
import { parseXml, type XElement, type XNode } from "./xml.ts";

/** One heading and the range of the body under it in the storage text. */
export interface StorageSection {
  /** The heading's visible text, whitespace collapsed. */
  heading: string;
  /** 1 to 6. */
  level: number;
  /** Offset just after the heading element. */
  start: number;
  /** Offset where the section ends (the next heading of the same or a higher level). */
  end: number;
}

const HEADING = /^h([1-6])$/;

function levelOf(node: XNode): number | undefined {
  const m = node.type === "element" ? HEADING.exec(node.name) : null;
  return m ? Number(m[1]) : undefined;
}

/** Where a parsed node ends in the original text. */
function endOf(node: XNode): number {
  return node.type === "raw" ? 0 : node.start! + node.source!.length;
}

function collect(nodes: XNode[], out: StorageSection[]): void {
  const elements = nodes.filter((n): n is XElement => n.type === "element");
  elements.forEach((node, i) => {
    const level = levelOf(node);
    if (level === undefined) {
      collect(node.children, out);
      return;
    }
    const next = elements.slice(i + 1).find((n) => (levelOf(n) ?? 7) <= level);
    const end = next ? next.start! : endOf(nodes.at(-1)!);
    out.push({
      heading: storageText(node.source!).replace(/\s+/g, " ").trim(),
      level,
      start: endOf(node),
      end,
    });
  });
}

/** Every heading of a storage body with the range of its section; undefined when it does not parse. */
export function storageSections(xhtml: string): StorageSection[] | undefined {
  const nodes = parseXml(xhtml);
  if (!nodes) return undefined;
  const out: StorageSection[] = [];
  collect(nodes, out);
  return out;
}

/** `xhtml` with the body of `section` replaced by `body`; every other byte stays as it was. */
export function replaceSection(xhtml: string, section: StorageSection, body: string): string {
  return xhtml.slice(0, section.start) + body + xhtml.slice(section.end);
}
