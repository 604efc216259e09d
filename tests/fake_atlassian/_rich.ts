/**
 * Rich text inside the fake: Atlassian Document Format (ADF) for Jira Cloud, wiki markup for
 * Jira Data Center, storage XHTML for Confluence. The fake needs only the conversions Atlassian
 * itself performs at its API edges: ADF -> wiki (Jira Cloud `/rest/api/2` and agile reads),
 * wiki -> ADF (Jira Cloud `/rest/api/2` writes), HTML renderings (`expand=renderedFields`),
 * plain text (search), and a text-only ADF derived from storage (Confluence v2
 * `body-format=atlas_doc_format` on pages that were not written as ADF).
 *
 * These converters are deliberately small and independent of `src/content/`.
 *
 * @module
 */

/** One ADF node (loose: the fake accepts any node type it is given). */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** An ADF document: `{ type: "doc", version: 1, content }`. */
export interface AdfDoc extends AdfNode {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

/** Builds a doc from block nodes. */
export function doc(...content: AdfNode[]): AdfDoc {
  return { type: "doc", version: 1, content };
}

/** A text node, optionally with marks given by name (`"strong"`, `"em"`, `"code"`, ...). */
export function text(
  value: string,
  ...marks: (string | { type: string; attrs?: Record<string, unknown> })[]
): AdfNode {
  const node: AdfNode = { type: "text", text: value };
  if (marks.length) node.marks = marks.map((m) => typeof m === "string" ? { type: m } : m);
  return node;
}

/** A paragraph of inline nodes (strings become text nodes). */
export function para(...inline: (AdfNode | string)[]): AdfNode {
  return { type: "paragraph", content: inline.map((i) => typeof i === "string" ? text(i) : i) };
}

/** True when `value` looks like an ADF document (structurally checked, recursively). */
export function isAdfDoc(value: unknown): value is AdfDoc {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.type === "doc" && v.version === 1 && Array.isArray(v.content) &&
    v.content.every(isAdfNode);
}

function isAdfNode(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.type !== "string" || v.type === "") return false;
  if (v.type === "text" && (typeof v.text !== "string" || v.text === "")) return false;
  if (v.content !== undefined && !(Array.isArray(v.content) && v.content.every(isAdfNode))) {
    return false;
  }
  if (v.marks !== undefined && !Array.isArray(v.marks)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// ADF -> text / wiki / HTML

/** The plain text of an ADF node tree (mentions as their display text), blocks on new lines. */
export function adfToText(node: AdfNode | null | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.text ?? "";
  if (node.type === "mention") return String(node.attrs?.text ?? "");
  if (node.type === "hardBreak") return "\n";
  if (node.type === "emoji") return String(node.attrs?.text ?? node.attrs?.shortName ?? "");
  if (node.type === "inlineCard" || node.type === "blockCard") return String(node.attrs?.url ?? "");
  if (node.type === "status") return String(node.attrs?.text ?? "");
  const inner = (node.content ?? []).map(adfToText);
  const inline = ["paragraph", "heading", "codeBlock"].includes(node.type);
  return inline ? inner.join("") : inner.join("\n");
}

function wikiInline(nodes: AdfNode[] | undefined): string {
  let out = "";
  for (const n of nodes ?? []) {
    if (n.type === "text") {
      let t = n.text ?? "";
      for (const m of n.marks ?? []) {
        if (m.type === "strong") t = `*${t}*`;
        else if (m.type === "em") t = `_${t}_`;
        else if (m.type === "code") t = `{{${t}}}`;
        else if (m.type === "strike") t = `-${t}-`;
        else if (m.type === "underline") t = `+${t}+`;
        else if (m.type === "link") t = `[${t}|${String(m.attrs?.href ?? "")}]`;
      }
      out += t;
    } else if (n.type === "mention") {
      out += `[~accountid:${String(n.attrs?.id ?? "")}]`;
    } else if (n.type === "hardBreak") {
      out += "\n";
    } else if (n.type === "inlineCard") {
      const url = String(n.attrs?.url ?? "");
      out += `[${url}|${url}|smart-link]`;
    } else {
      out += adfToText(n);
    }
  }
  return out;
}

function wikiList(node: AdfNode, prefix: string): string[] {
  const lines: string[] = [];
  for (const item of node.content ?? []) {
    let first = true;
    for (const child of item.content ?? []) {
      if (child.type === "bulletList") lines.push(...wikiList(child, prefix + "*"));
      else if (child.type === "orderedList") lines.push(...wikiList(child, prefix + "#"));
      else {
        const t = wikiBlock(child);
        lines.push(first ? `${prefix} ${t}` : t);
        first = false;
      }
    }
  }
  return lines;
}

function wikiBlock(node: AdfNode): string {
  switch (node.type) {
    case "paragraph":
      return wikiInline(node.content);
    case "heading":
      return `h${Number(node.attrs?.level ?? 1)}. ${wikiInline(node.content)}`;
    case "bulletList":
      return wikiList(node, "*").join("\n");
    case "orderedList":
      return wikiList(node, "#").join("\n");
    case "codeBlock": {
      const lang = node.attrs?.language ? `:${String(node.attrs.language)}` : "";
      return `{code${lang}}\n${adfToText(node)}\n{code}`;
    }
    case "blockquote":
      return `{quote}\n${(node.content ?? []).map(wikiBlock).join("\n\n")}\n{quote}`;
    case "panel": {
      const kind = String(node.attrs?.panelType ?? "info");
      const tag = ["info", "note", "warning", "tip"].includes(kind)
        ? kind
        : kind === "success"
        ? "tip"
        : kind === "error"
        ? "warning"
        : "panel";
      return `{${tag}}\n${(node.content ?? []).map(wikiBlock).join("\n\n")}\n{${tag}}`;
    }
    case "rule":
      return "----";
    case "table":
      return (node.content ?? []).map((row) =>
        (row.content ?? []).map((cell) => {
          const sep = cell.type === "tableHeader" ? "||" : "|";
          return `${sep}${(cell.content ?? []).map(wikiBlock).join(" ")}`;
        }).join("") + ((row.content ?? [])[0]?.type === "tableHeader" ? "||" : "|")
      ).join("\n");
    case "mediaSingle":
    case "mediaGroup":
      return (node.content ?? []).map((m) => `!${String(m.attrs?.alt ?? m.attrs?.id ?? "")}!`).join(
        " ",
      );
    default:
      return node.content ? (node.content ?? []).map(wikiBlock).join("\n\n") : adfToText(node);
  }
}

/** Renders ADF as Jira wiki markup, as Jira Cloud does for `/rest/api/2` reads. */
export function adfToWiki(d: AdfDoc | null | undefined): string {
  if (!d) return "";
  return d.content.map(wikiBlock).join("\n\n");
}

/** Escapes text for XML/HTML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

function htmlInline(nodes: AdfNode[] | undefined): string {
  let out = "";
  for (const n of nodes ?? []) {
    if (n.type === "text") {
      let t = escapeXml(n.text ?? "");
      for (const m of n.marks ?? []) {
        if (m.type === "strong") t = `<strong>${t}</strong>`;
        else if (m.type === "em") t = `<em>${t}</em>`;
        else if (m.type === "code") t = `<code>${t}</code>`;
        else if (m.type === "strike") t = `<del>${t}</del>`;
        else if (m.type === "underline") t = `<u>${t}</u>`;
        else if (m.type === "link") {
          t = `<a href="${escapeXml(String(m.attrs?.href ?? ""))}">${t}</a>`;
        }
      }
      out += t;
    } else if (n.type === "mention") {
      out += `<a class="user-hover" rel="${escapeXml(String(n.attrs?.id ?? ""))}">${
        escapeXml(String(n.attrs?.text ?? ""))
      }</a>`;
    } else if (n.type === "hardBreak") {
      out += "<br />";
    } else {
      out += escapeXml(adfToText(n));
    }
  }
  return out;
}

function htmlBlock(node: AdfNode): string {
  const inner = () => (node.content ?? []).map(htmlBlock).join("");
  switch (node.type) {
    case "paragraph":
      return `<p>${htmlInline(node.content)}</p>`;
    case "heading": {
      const l = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1)));
      return `<h${l}>${htmlInline(node.content)}</h${l}>`;
    }
    case "bulletList":
      return `<ul>${inner()}</ul>`;
    case "orderedList":
      return `<ol>${inner()}</ol>`;
    case "listItem":
      return `<li>${inner()}</li>`;
    case "codeBlock":
      return `<pre><code>${escapeXml(adfToText(node))}</code></pre>`;
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "rule":
      return "<hr />";
    case "panel":
      return `<div class="panel">${inner()}</div>`;
    case "table":
      return `<table><tbody>${inner()}</tbody></table>`;
    case "tableRow":
      return `<tr>${inner()}</tr>`;
    case "tableHeader":
      return `<th>${inner()}</th>`;
    case "tableCell":
      return `<td>${inner()}</td>`;
    default:
      return node.content ? inner() : `<p>${escapeXml(adfToText(node))}</p>`;
  }
}

/** Renders ADF as well-formed XHTML (used for renderedFields and as derived storage). */
export function adfToHtml(d: AdfDoc | null | undefined): string {
  if (!d) return "";
  return d.content.map(htmlBlock).join("");
}

// ---------------------------------------------------------------------------------------------
// wiki -> ADF

const INLINE_RE =
  /\[~accountid:([^\]]+)\]|\[~([^\]]+)\]|\[([^\]|]+)\|([^\]|]+)(?:\|[^\]]*)?\]|\{\{(.+?)\}\}|\*([^*\s](?:[^*]*[^*\s])?)\*|(?<![\w])_([^_\s](?:[^_]*[^_\s])?)_(?![\w])|(?<![\w-])-([^-\s](?:[^-]*[^-\s])?)-(?![\w-])|\+([^+\s](?:[^+]*[^+\s])?)\+/g;

/** Parses the inline part of a wiki line into ADF inline nodes. `mentionName` maps `[~name]`. */
function wikiInlineToAdf(
  line: string,
  mention: (who: string) => { id: string; text: string },
): AdfNode[] {
  const out: AdfNode[] = [];
  let last = 0;
  for (const m of line.matchAll(INLINE_RE)) {
    if (m.index! > last) out.push(text(line.slice(last, m.index)));
    if (m[1] !== undefined || m[2] !== undefined) {
      const who = mention(m[1] ?? m[2]);
      out.push({ type: "mention", attrs: { id: who.id, text: who.text, accessLevel: "" } });
    } else if (m[3] !== undefined) {
      out.push(text(m[3], { type: "link", attrs: { href: m[4] } }));
    } else if (m[5] !== undefined) out.push(text(m[5], "code"));
    else if (m[6] !== undefined) out.push(text(m[6], "strong"));
    else if (m[7] !== undefined) out.push(text(m[7], "em"));
    else if (m[8] !== undefined) out.push(text(m[8], "strike"));
    else if (m[9] !== undefined) out.push(text(m[9], "underline"));
    last = m.index! + m[0].length;
  }
  if (last < line.length) out.push(text(line.slice(last)));
  return out.filter((n) => n.type !== "text" || (n.text ?? "") !== "");
}

/** Converts Jira wiki markup to ADF (headings, lists, code, quote, panels, tables, rules). */
export function wikiToAdf(
  wiki: string,
  mention: (who: string) => { id: string; text: string } = (who) => ({ id: who, text: `@${who}` }),
): AdfDoc {
  const lines = wiki.replace(/\r\n?/g, "\n").split("\n");
  const blocks: AdfNode[] = [];
  let paragraph: AdfNode[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", content: paragraph });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const code = line.match(/^\{(code|noformat)(?::([^}|]*))?[^}]*\}(.*)$/);
    if (code) {
      flush();
      const body: string[] = [];
      let rest = code[3];
      const close = `{${code[1]}}`;
      i++;
      if (rest.includes(close)) {
        body.push(rest.slice(0, rest.indexOf(close)));
      } else {
        if (rest) body.push(rest);
        while (i < lines.length && !lines[i].includes(close)) body.push(lines[i++]);
        if (i < lines.length) {
          rest = lines[i].slice(0, lines[i].indexOf(close));
          if (rest) body.push(rest);
          i++;
        }
      }
      const node: AdfNode = { type: "codeBlock", content: [] };
      if (code[1] === "code" && code[2]) node.attrs = { language: code[2].trim() };
      if (body.join("\n")) node.content = [text(body.join("\n"))];
      blocks.push(node);
      continue;
    }
    const panel = line.match(/^\{(quote|panel|info|note|warning|tip)(?::[^}]*)?\}\s*$/);
    if (panel) {
      flush();
      const close = new RegExp(`^\\{${panel[1]}\\}\\s*$`);
      const body: string[] = [];
      i++;
      while (i < lines.length && !close.test(lines[i])) body.push(lines[i++]);
      i++;
      const inner = wikiToAdf(body.join("\n"), mention).content;
      blocks.push(
        panel[1] === "quote" ? { type: "blockquote", content: inner } : {
          type: "panel",
          attrs: { panelType: panel[1] === "panel" ? "info" : panel[1] },
          content: inner,
        },
      );
      continue;
    }
    const heading = line.match(/^h([1-6])\.\s+(.*)$/);
    if (heading) {
      flush();
      blocks.push({
        type: "heading",
        attrs: { level: Number(heading[1]) },
        content: wikiInlineToAdf(heading[2], mention),
      });
      i++;
      continue;
    }
    if (/^----\s*$/.test(line)) {
      flush();
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (/^[*#]+\s/.test(line)) {
      flush();
      const items: { depth: number; ordered: boolean; text: string }[] = [];
      while (i < lines.length && /^[*#]+\s/.test(lines[i])) {
        const m = lines[i].match(/^([*#]+)\s+(.*)$/)!;
        items.push({ depth: m[1].length, ordered: m[1].endsWith("#"), text: m[2] });
        i++;
      }
      blocks.push(buildList(items, 0, mention).node);
      continue;
    }
    if (/^\|/.test(line)) {
      flush();
      const rows: AdfNode[] = [];
      while (i < lines.length && /^\|/.test(lines[i])) {
        const cells: AdfNode[] = [];
        for (const m of lines[i].matchAll(/(\|\|?)([^|]*)/g)) {
          if (m[2].trim() === "" && m.index! + m[0].length >= lines[i].length) continue;
          cells.push({
            type: m[1] === "||" ? "tableHeader" : "tableCell",
            content: [{ type: "paragraph", content: wikiInlineToAdf(m[2].trim(), mention) }],
          });
        }
        rows.push({ type: "tableRow", content: cells });
        i++;
      }
      blocks.push({ type: "table", content: rows });
      continue;
    }
    if (line.trim() === "") {
      flush();
      i++;
      continue;
    }
    if (paragraph.length) paragraph.push({ type: "hardBreak" });
    paragraph.push(...wikiInlineToAdf(line, mention));
    i++;
  }
  flush();
  return doc(...blocks);
}

function buildList(
  items: { depth: number; ordered: boolean; text: string }[],
  start: number,
  mention: (who: string) => { id: string; text: string },
): { node: AdfNode; next: number } {
  const depth = items[start].depth;
  const node: AdfNode = { type: items[start].ordered ? "orderedList" : "bulletList", content: [] };
  let i = start;
  while (i < items.length && items[i].depth >= depth) {
    if (items[i].depth === depth) {
      node.content!.push({
        type: "listItem",
        content: [{ type: "paragraph", content: wikiInlineToAdf(items[i].text, mention) }],
      });
      i++;
    } else {
      const sub = buildList(items, i, mention);
      const lastItem = node.content![node.content!.length - 1];
      if (lastItem) lastItem.content!.push(sub.node);
      else node.content!.push({ type: "listItem", content: [sub.node] });
      i = sub.next;
    }
  }
  return { node, next: i };
}

/** Renders wiki markup as HTML (through ADF), like Jira's renderedFields. */
export function wikiToHtml(wiki: string | null | undefined): string {
  if (!wiki) return "";
  return adfToHtml(wikiToAdf(wiki));
}

/** The plain text of wiki markup (markup characters removed where unambiguous). */
export function wikiToText(wiki: string | null | undefined): string {
  if (!wiki) return "";
  return adfToText(wikiToAdf(wiki));
}

// ---------------------------------------------------------------------------------------------
// storage XHTML

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const BLOCK_TAGS =
  /<\/?(p|h[1-6]|li|tr|th|td|pre|div|blockquote|table|ul|ol|ac:structured-macro|ac:plain-text-body|ac:rich-text-body)\b[^>]*>|<br\s*\/?>/gi;

/** Text lines of storage XHTML: CDATA kept, `ac:parameter` values dropped, tags stripped. */
export function storageToLines(xhtml: string): string[] {
  const s = xhtml
    .replace(/<ac:parameter\b[^>]*>[\s\S]*?<\/ac:parameter>/gi, "")
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, c: string) => `\n${escapeXml(c)}\n`)
    .replace(BLOCK_TAGS, "\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(s).split("\n").map((l) => l.replace(/[ \t]+/g, " ").trim()).filter((
    l,
  ) => l !== "");
}

/** The searchable plain text of storage XHTML. */
export function storageToText(xhtml: string): string {
  return storageToLines(xhtml).join("\n");
}

/** A text-only ADF rendering of storage (one paragraph per text line): lossy by design. */
export function storageToAdf(xhtml: string): AdfDoc {
  return doc(...storageToLines(xhtml).map((l) => para(l)));
}

/** True when `xhtml` is well-formed enough to store: balanced tags, no stray `<`. */
export function isWellFormedStorage(xhtml: string): boolean {
  const stack: string[] = [];
  const re = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:.-]*)\b[^<>]*?(\/?)>/g;
  let last = 0;
  for (const m of xhtml.matchAll(re)) {
    if (xhtml.slice(last, m.index).includes("<")) return false;
    last = m.index! + m[0].length;
    if (!m[2]) continue;
    if (m[3] === "/") continue;
    if (m[1] === "/") {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0 && !xhtml.slice(last).includes("<");
}
