/**
 * Parameters that mean the same in every tool that takes them. They are described once, in the
 * server's instructions (`initialize`), instead of in every tool's listing; a listed property
 * without a description must be one of these (tests/snapshots/tools_test.ts).
 *
 * @module
 */

/**
 * Parameter name -> its description, with an example after "e.g." in the form the tools' error
 * messages quote (`exampleIn`).
 */
export const SHARED_PARAMETERS: Readonly<Record<string, string>> = {
  issue_key: "Jira issue key, e.g. 'PROJ-123'",
  project_key: "Jira project key, e.g. 'PROJ'",
  page_id: "Confluence page id, e.g. '123456'",
  space_key: "Confluence space key, e.g. 'DEV'",
  parent_id: "Parent page id, e.g. '123456'",
  content: "Page body",
  content_format: "Format of the body given",
  content_file:
    "UTF-8 file to read the body from instead of content, a path under MCP_ATTACHMENTS_DIR, e.g. 'pages/release.md'",
  emoji: "Emoji shown before the page title, e.g. '📝' ('' removes it)",
  page_width: "Page width ('default' is narrow, 'max' wide)",
  table_layout: "Width of the tables made from Markdown",
  enable_heading_anchors:
    "Anchor each Markdown heading GitHub-style ('Getting Started' -> #getting-started) so in-page links work",
  include_content: "Return page bodies too",
  convert_to_markdown: "Body as Markdown (true) or storage XHTML (false)",
  is_minor_edit: "Do not notify watchers (Server/Data Center only)",
  version_comment: "Comment for the page history",
  start: "Items to skip, for paging",
};

/** The sentence of the server's instructions that describes the shared parameters. */
export function sharedParametersSentence(): string {
  const phrases = Object.entries(SHARED_PARAMETERS).map(([name, what]) => `${name}: ${what}`);
  return `Parameters listed without a description: ${phrases.join("; ")}.`;
}
