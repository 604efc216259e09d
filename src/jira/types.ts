/**
 * The parts of Jira's REST payloads this server reads (Cloud v3 and Data Center v2 share them).
 *
 * @module
 */

/** A user as Jira returns it (Cloud: accountId; Data Center: name/key). */
export interface JiraUser {
  accountId?: string;
  name?: string;
  key?: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
}

/** An issue as returned by `GET issue/{key}` and the search endpoints. */
export interface JiraIssue {
  id: string;
  key: string;
  self?: string;
  fields: Record<string, unknown>;
  renderedFields?: Record<string, unknown>;
  names?: Record<string, string>;
  changelog?: { histories?: unknown[] };
  properties?: Record<string, unknown>;
}

/** A comment. */
export interface JiraComment {
  id: string;
  author?: JiraUser;
  body?: unknown;
  created?: string;
  updated?: string;
  visibility?: { type: string; value: string };
}

/** A field definition from `GET field`. */
export interface JiraField {
  id: string;
  key?: string;
  name: string;
  custom: boolean;
  clauseNames?: string[];
  schema?: { type?: string; items?: string; system?: string; custom?: string; customId?: number };
}

/** A transition from `GET issue/{key}/transitions`. */
export interface JiraTransition {
  id: string;
  name: string;
  to?: { id?: string; name?: string; statusCategory?: { key?: string; name?: string } };
}

/** An issue type from create metadata. */
export interface JiraIssueType {
  id: string;
  name: string;
  subtask?: boolean;
}
