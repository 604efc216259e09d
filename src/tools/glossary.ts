/**
 * Parameters that mean the same in every tool that takes them. They are described once, in the
 * server's instructions (`initialize`), instead of in every tool's listing; a listed property
 * without a description must be one of these (tests/snapshots/tools_test.ts).
 *
 * @module
 */
import type { Product } from "../config/types.ts";

/**
 * Each product's shared parameters: name -> its description, with an example after "e.g." in
 * the form the tools' error messages quote (`exampleIn`). A parameter is under the product(s)
 * whose tools list it without a description (checked by tests/unit/tools/glossary_test.ts); one
 * both products' tools share is under both, worded the same.
 */
export const GLOSSARY: Readonly<Record<Product, Readonly<Record<string, string>>>> = {
  jira: {
    issue_key: "Jira issue key, e.g. 'PROJ-123'",
    project_key: "Jira project key, e.g. 'PROJ'",
    jql: "JQL query, e.g. 'assignee = currentUser() AND resolution = Unresolved'",
    projects_filter: "Comma-separated project keys to keep to, e.g. 'PROJ,OPS'",
    limit: "Most results to return",
    start_at: "Index of the first result, 0-based",
    page_token: "next_page_token of the previous answer (Cloud)",
    expand: "Comma-separated REST API expand options, e.g. 'changelog'",
    use_display_names: "Key custom fields by display name instead of id",
    comment_limit: "How many of the newest comments to include",
    issue_type: "Issue type name or id, e.g. 'Bug'",
    assignee:
      "User's e-mail, display name, Cloud account id or Data Center user name, e.g. 'bob@example.com'",
    components: "Comma-separated component names, e.g. 'Frontend,API'",
    additional_fields:
      'JSON object of more fields by id or name, e.g. {"priority": "High", "labels": ["ui"], "customfield_10016": 5}',
    transition: "Transition id or name, e.g. '31' or 'Done'",
    transition_id: "Transition id or name, e.g. '31' or 'Done'",
    comment: "Comment to add",
    return_fields: "Comma-separated fields of the answer ('*all' for all), e.g. 'summary,status'",
    validate_only: "Only check the input, write nothing",
    issue_ids_or_keys: "Comma-separated issue keys or ids, e.g. 'PROJ-1,10042'",
    field_id: "Field id, e.g. 'customfield_10010'",
    refresh: "Reload instead of using the cache",
    body: "Comment text in Markdown",
    comment_id: "Comment id, e.g. '10200'",
    visibility:
      'Group or role that may see the comment, as JSON, e.g. {"type": "role", "value": "Developers"}',
    comment_visibility:
      'Group or role that may see the comment, as JSON, e.g. {"type": "role", "value": "Developers"}',
    confirm_removal:
      "Set true to write even if macros, images, mentions or other content Markdown cannot show are removed (the answer lists them)",
    board_id: "Jira agile board id (jira_get_agile_boards), e.g. '1000'",
    sprint_id: "Jira sprint id (jira_get_sprints_from_board), e.g. '42'",
    service_desk_id: "Service desk id (jira_get_service_desk_for_project), e.g. '1'",
    request_type_id: "Service desk request type id (jira_get_request_types), e.g. '25'",
    form_id:
      "Jira Form UUID (jira_get_issue_proforma_forms), e.g. '1946b8b7-8f03-4dc0-ac2d-5fac0d960c6a'",
  },
  confluence: {
    limit: "Most results to return",
    content_id: "Confluence page id or page URL, e.g. '123456'",
    attachment_id: "Confluence attachment id, e.g. 'att123456' (Cloud) or '123456'",
    template_id: "Confluence page template id from confluence_list_page_templates, e.g. '65601'",
    minor_edit: "True to not notify the page's watchers",
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
  },
};

/** Every shared parameter, whichever product's tools take it: name -> its description. */
export const SHARED_PARAMETERS: Readonly<Record<string, string>> = {
  ...GLOSSARY.jira,
  ...GLOSSARY.confluence,
};

/**
 * The sentence of the server's instructions that describes the shared parameters of the tools
 * of `products` (the products configured); empty when there are none. It depends on no tool's
 * input schema, so answering `initialize` builds none.
 */
export function sharedParametersSentence(products: readonly Product[]): string {
  const shared = new Map(products.flatMap((product) => Object.entries(GLOSSARY[product])));
  const phrases = [...shared].map(([name, what]) => `${name}: ${what}`);
  return phrases.length ? `Parameters listed without a description: ${phrases.join("; ")}.` : "";
}
