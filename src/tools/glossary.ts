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
  board_id: "Jira agile board id (jira_get_agile_boards), e.g. '1000'",
  sprint_id: "Jira sprint id (jira_get_sprints_from_board), e.g. '42'",
  service_desk_id: "Service desk id (jira_get_service_desk_for_project), e.g. '1'",
  request_type_id: "Service desk request type id (jira_get_request_types), e.g. '25'",
  form_id:
    "Jira Form UUID (jira_get_issue_proforma_forms), e.g. '1946b8b7-8f03-4dc0-ac2d-5fac0d960c6a'",
};

/** The sentence of the server's instructions that describes the shared parameters. */
export function sharedParametersSentence(): string {
  const phrases = Object.entries(SHARED_PARAMETERS).map(([name, what]) => `${name}: ${what}`);
  return `Parameters listed without a description: ${phrases.join("; ")}.`;
}
