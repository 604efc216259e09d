/**
 * Jira wiki markup (Jira Server/DC, REST v2) <-> hub mdast.
 *
 * Every text a person sees in Jira is plain markdown; what markdown cannot say travels in
 * comments next to it (`docs/rich-text.md`), and writing the markdown back restores the markup.
 *
 * Blocks: `h1.`..`h6.`, paragraphs (a line break inside a paragraph is a hard break), `bq.`,
 * `{quote}`, `{code:lang}` and `{noformat}` (code blocks, a title in the fence as
 * `title="A.java"`), `{panel}` (a panel: the title option is its title, the background colour of
 * Atlassian's panel palette its type), `*`/`#`/`-` lists with nesting (`* \[x\] item` for tasks),
 * tables, `----`. Macro options markdown does not show go in a carrier (`macros.ts`); a table's
 * header row or column too (`tables.ts`). Another macro with a body is a container around that
 * body; a macro without one (`{toc}`, `{anchor:x}`) an opaque `<!--wiki:...-->` placeholder.
 *
 * Inline (`inline.ts`): text effects, links, mentions and images natively; `+inserted+`,
 * `^sup^`, `~sub~`, `??citation??`, `{color}`, emoticons and links to attachments or issues as
 * shown placeholders (`<!--wiki:+x+-->x<!--/wiki-->`).
 *
 * Blank lines between blocks are normalised to one.
 *
 * @module
 */
export { mdastToWiki, wikiToMdast } from "./blocks.ts";
