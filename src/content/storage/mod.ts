/**
 * Confluence storage format (XHTML with `ac:`/`ri:` elements) <-> hub mdast.
 *
 * Read: every text a person sees stays visible. Natively converted: p, h1-h6, strong/b, em/i,
 * del/s, code, a, br, hr, blockquote, ul/ol/li, task lists, tables (any header cells, spans,
 * one paragraph or inline content per cell), `code` and `info|note|warning|tip` macros,
 * `ac:image`, user mentions; attributes and macro parameters markdown cannot show travel in
 * carriers. Layouts and macros with a rich-text body (expand, panel, details, section, ...) are
 * containers around their content (a title as a bold first line). Everything else is a shown
 * placeholder (status, dates, emoticons, links to pages and files, coloured or underlined text,
 * Jira issues, instructional text, cells holding blocks, ...) or, when nothing of it is visible
 * (toc, anchor, ...), an opaque one. The reading is checked once (see `check.ts`).
 *
 * Write: canonical XHTML. "The same" means the same XML tree in normal form (`normal.ts`):
 * attribute and parameter order, quoting, entity spelling (`&nbsp;` vs `&#160;`), CDATA vs
 * escaped text, layout whitespace, ids Confluence regenerates and default parameters are not
 * kept; placeholders are restored byte-identical.
 *
 * @module
 */
export { storageToMdast } from "./check.ts";
export { mdastToStorage, writeFlow } from "./write.ts";
export { serializeXml } from "./xml.ts";
export { replaceSection, type StorageSection, storageSections } from "./section.ts";
export { isDefaultParameter, REGENERATED_ATTRIBUTES } from "./normal.ts";
export {
  decorateStorage,
  headingSlug,
  type StorageOptions,
  TABLE_LAYOUTS,
  TABLE_WIDTHS,
  type TableLayout,
} from "./layout.ts";
