/**
 * ADF (Atlassian Document Format, Jira Cloud v3 and Confluence Cloud) <-> hub mdast.
 *
 * Read: every block is converted to markdown form and then checked by converting it back
 * (through markdown text); if the result is not the same node, the block is kept as an
 * `<!--adf:{json}-->` placeholder instead. Inline nodes markdown cannot show (emoji, status,
 * date, inlineCard, text with colour/underline/... marks) are inline placeholders. Attributes
 * markdown cannot show (localId, table layout, panel colour, ...) travel in carriers.
 *
 * Write: produces schema-valid ADF; nodes are adjusted to where ADF allows them (a heading in
 * a list item becomes a paragraph, a blockquote in a panel is unwrapped, ...).
 *
 * "Same node" means deep-equal after this normalisation, which ADF readers apply anyway: empty
 * `attrs`/`marks` dropped, marks in the schema's order, adjacent text nodes with the same marks
 * merged, `orderedList` `order: 1` same as absent.
 *
 * @module
 */
export { adfToMdast } from "./read.ts";
export { type AdfDoc, type AdfMark, type AdfNode, mdastToAdf } from "./write.ts";
