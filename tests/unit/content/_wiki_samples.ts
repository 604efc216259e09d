/**
 * Jira wiki markup samples: one per notation of Jira's "Text formatting notation help"
 * (headings, text effects, text breaks, links, lists, images, attachments, tables, advanced
 * formatting, emoticons), written the way Jira Server/Data Center stores them.
 *
 * @module
 */

/** One wiki body to test with, named after what it exercises (e.g. `effect citation`). */
export interface WikiSample {
  name: string;
  wiki: string;
}

/** Every wiki sample. */
export const WIKI_SAMPLES: WikiSample[] = [
  {
    name: "headings h1 to h6",
    wiki: "h1. Plan\n\nh2. Scope\n\nh3. Billing\n\nh4. A\n\nh5. B\n\nh6. C",
  },
  { name: "effect strong", wiki: "Ship on *Friday* please" },
  { name: "effect emphasis", wiki: "Ship on _Friday_ please" },
  { name: "effect deleted", wiki: "Ship on -Thursday- Friday" },
  { name: "effect inserted", wiki: "Ship on +Friday+ please" },
  { name: "effect superscript", wiki: "Release ^beta^ notes" },
  { name: "effect subscript", wiki: "Index ~base~ value" },
  { name: "effect citation", wiki: "As the saying goes ??Release early?? indeed" },
  { name: "effect monospaced", wiki: "Run {{make release}} now" },
  { name: "color", wiki: "Status: {color:red}Release blocker{color} until fixed" },
  { name: "color with a hex value", wiki: "Status: {color:#36b37e}On track{color} today" },
  { name: "bq. quote line", wiki: "bq. Measure twice, cut once." },
  { name: "quote block", wiki: "{quote}\nMeasure twice, cut once.\n{quote}" },
  {
    name: "panel with a title",
    wiki: "{panel:title=Before you deploy|borderStyle=dashed|bgColor=#fffae6}\n" +
      "Freeze the release branch first.\n{panel}",
  },
  { name: "panel without a title", wiki: "{panel}\nPlain panel text.\n{panel}" },
  { name: "noformat", wiki: "{noformat}\n2024-01-01 12:00 ERROR *timeout*\n{noformat}" },
  { name: "code with a language", wiki: '{code:java}\nSystem.out.println("ship");\n{code}' },
  {
    name: "code with a title",
    wiki: "{code:title=Deploy.java|borderStyle=solid}\nDeploy.run();\n{code}",
  },
  { name: "list bulleted", wiki: "* Prepare\n** Freeze the branch\n* Announce" },
  { name: "list numbered", wiki: "# Prepare\n## Freeze the branch\n# Announce" },
  { name: "list mixed", wiki: "# Prepare\n#* Freeze the branch\n#* Tag the build\n# Announce" },
  { name: "list with dashes", wiki: "- Prepare\n- Announce" },
  {
    name: "table with a header row",
    wiki: "||Service||Owner||\n|Billing|Team Red|\n|Search|Team Blue|",
  },
  {
    name: "table with a header column",
    wiki: "||Team|Platform|\n||Lead|Alice Admin|\n||EM|Bob Builder|",
  },
  { name: "table without a header", wiki: "|Billing|Team Red|\n|Search|Team Blue|" },
  { name: "link with text", wiki: "See [the release plan|https://example.com/plan] first" },
  { name: "link bare", wiki: "See [https://example.com/plan] first" },
  { name: "link to a user", wiki: "Thanks [~alice.admin] for the review" },
  { name: "link to an attachment", wiki: "Details in [^checklist.pdf] attached" },
  { name: "link to an anchor", wiki: "Jump to [#rollback] below" },
  { name: "image", wiki: "Diagram: !architecture.png! above" },
  { name: "image with attributes", wiki: "!architecture.png|thumbnail!" },
  { name: "emoticons", wiki: "Great :) (y) but careful (!) here" },
  { name: "line break", wiki: "First line\\\\Second line" },
  { name: "horizontal rule", wiki: "Above\n\n----\n\nBelow" },
  { name: "escaped notation", wiki: "Price is 5\\* per \\{unit\\}" },
  { name: "anchor macro", wiki: "{anchor:rollback}Rollback steps" },
];

/**
 * Wiki markup up to the normalization `docs/rich-text.md` documents for a round trip: line
 * endings unified, blank lines between blocks collapsed to one, leading and trailing blank lines
 * dropped.
 */
export function normalizeWikiBlankLines(wiki: string): string {
  return wiki.replace(/\r\n?/g, "\n").replace(/\n(?:[ \t]*\n)+/g, "\n\n").replace(/^\n+|\s+$/g, "");
}
