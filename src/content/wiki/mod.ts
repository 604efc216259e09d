/**
 * Jira wiki markup (Jira Server/DC, REST v2) <-> hub mdast.
 *
 * Blocks: `h1.`..`h6.`, paragraphs (a line break inside a paragraph is a hard break), `bq.`,
 * `{quote}`, `{code:lang}`, `{noformat}` (markdown: a code block with language `noformat`),
 * `{panel:title=..|bgColor=..}` (markdown: a panel; the background colour of Atlassian's panel
 * palette gives its type), `*`/`#`/`-` lists with nesting (`* \[x\] item` for tasks), `||h||` /
 * `|c|` tables with one header row, `----`. Other macros (`{toc}`, `{expand}`, `{code}` with
 * options, ...) and tables without a single header row become `<!--wiki:...-->` placeholders
 * holding the original text. Blank lines between blocks are normalised to one.
 *
 * @module
 */
export { mdastToWiki, wikiToMdast } from "./blocks.ts";
