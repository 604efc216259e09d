/**
 * Confluence storage format (XHTML with `ac:`/`ri:` elements) <-> hub mdast.
 *
 * Read: each element is converted to markdown form and checked by converting it back (through
 * markdown text); if the result is not the same XML tree, the element is kept as a
 * `<!--storage:...-->` placeholder holding its original text byte for byte. Natively converted:
 * p, h1-h6, strong, em, del, code, a, br, hr, blockquote, ul/ol/li, tables (one header row),
 * `code` and `info|note|warning|tip` macros, task lists, `ac:image`, user mentions. Attributes
 * and macro parameters markdown cannot show travel in carriers.
 *
 * Write: canonical XHTML. For natively converted content "the same" means the same XML tree:
 * attribute order, quoting, entity spelling (`&nbsp;` vs `&#160;`), CDATA vs escaped text and
 * line breaks between block elements are not kept; placeholders are restored byte-identical.
 *
 * @module
 */
export { storageToMdast } from "./read.ts";
export { mdastToStorage, writeFlow } from "./write.ts";
export { serializeXml } from "./xml.ts";
export {
  decorateStorage,
  headingSlug,
  type StorageOptions,
  TABLE_LAYOUTS,
  TABLE_WIDTHS,
  type TableLayout,
} from "./layout.ts";
