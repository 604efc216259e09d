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
};

/** The sentence of the server's instructions that describes the shared parameters. */
export function sharedParametersSentence(): string {
  const phrases = Object.entries(SHARED_PARAMETERS).map(([name, what]) => `${name}: ${what}`);
  return `Parameters listed without a description: ${phrases.join("; ")}.`;
}
