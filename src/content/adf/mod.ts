/**
 * ADF (Atlassian Document Format, Jira Cloud v3 and Confluence Cloud) <-> hub mdast.
 *
 * Read: a block becomes its markdown form when writing that form back gives the same node (the
 * check runs the writer directly, not through markdown text). Otherwise nothing a person sees is
 * hidden: a node whose content is ordinary blocks (expand, layouts, bodied extensions) becomes a
 * container; any other node a shown placeholder holding the original and its visible text (an
 * emoji's character, a date, a status's text, coloured text, a table's cells); only a node
 * without visible text is an opaque `<!--adf:{json}-->` placeholder. Attributes markdown cannot
 * show (table headers and widths, panel colour, block marks, ...) travel in carriers; defaults and
 * `localId`s are not carried.
 *
 * Write: produces schema-valid ADF; nodes are adjusted to where ADF allows them (a heading in
 * a list item becomes a paragraph, a blockquote in a panel is unwrapped, ...).
 *
 * "Same node" means deep-equal after this normalisation (`canonicalAdf`): empty `attrs`/`marks`
 * dropped, marks in the schema's order, adjacent text nodes with the same marks merged, default
 * attribute values and `localId`s dropped, empty paragraphs and edge spaces of paragraphs dropped.
 *
 * @module
 */
export { adfToMdast } from "./read.ts";
export { type AdfDoc, type AdfMark, type AdfNode, mdastToAdf } from "./write.ts";
