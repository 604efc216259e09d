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
  content_id: "Confluence page id or page URL, e.g. '123456'",
  attachment_id: "Confluence attachment id, e.g. 'att123456' (Cloud) or '123456'",
  template_id: "Confluence page template id from confluence_list_page_templates, e.g. '65601'",
  minor_edit: "True to not notify the page's watchers",
};

/** The sentence of the server's instructions that describes the shared parameters. */
export function sharedParametersSentence(): string {
  const phrases = Object.entries(SHARED_PARAMETERS).map(([name, what]) => `${name}: ${what}`);
  return `Parameters listed without a description: ${phrases.join("; ")}.`;
}
