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
  changelog?: { histories?: JiraHistory[] };
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
  description?: string;
  subtask?: boolean;
  /** Cloud: -1 subtask, 0 standard, 1 epic, higher above. */
  hierarchyLevel?: number;
}

/**
 * One change of one field in a changelog entry: `from`/`to` are ids, `fromString`/`toString` the
 * texts. `toString` is only reachable through the index signature (a declared `toString` would
 * clash with `Object.prototype.toString`); read it as an own property.
 */
export interface JiraHistoryItem {
  field?: string;
  fieldId?: string;
  from?: string | null;
  fromString?: string | null;
  to?: string | null;
  [key: string]: string | null | undefined;
}

/** One changelog entry of an issue (`expand=changelog`). */
export interface JiraHistory {
  id?: string;
  author?: JiraUser | null;
  created?: string;
  items?: JiraHistoryItem[];
}

/** The watchers of an issue from `GET issue/{key}/watchers`. */
export interface JiraWatchers {
  watchCount?: number;
  isWatching?: boolean;
  watchers?: JiraUser[];
}

/** A remote issue link (a web page, pull request, ... linked from an issue). */
export interface JiraRemoteLink {
  id?: number;
  globalId?: string;
  relationship?: string;
  application?: { type?: string; name?: string };
  object?: { url?: string; title?: string; summary?: string };
}

/** A worklog from `GET issue/{key}/worklog` (`comment` is ADF on Cloud v3, wiki markup on v2). */
export interface JiraWorklog {
  id: string;
  author?: JiraUser | null;
  comment?: unknown;
  started?: string;
  timeSpent?: string;
  timeSpentSeconds?: number;
  created?: string;
  updated?: string;
}

/** An issue link type from `GET issueLinkType`: "Blocks" reads "blocks" / "is blocked by". */
export interface JiraIssueLinkType {
  id: string;
  name: string;
  /** How the link reads from its outward issue, e.g. "is blocked by". */
  inward?: string;
  /** How the link reads from its inward issue, e.g. "blocks". */
  outward?: string;
}

/** An issue's end of a link: its key and a few fields. */
export interface JiraLinkedIssue {
  id?: string;
  key: string;
  fields?: { summary?: string; status?: { name?: string } };
}

/**
 * An issue link. From `GET issueLink/{id}` it has both ends (`inwardIssue` blocks
 * `outwardIssue` for "Blocks"); in an issue's `issuelinks` field only the other end is set.
 */
export interface JiraIssueLink {
  id: string;
  type: JiraIssueLinkType;
  inwardIssue?: JiraLinkedIssue;
  outwardIssue?: JiraLinkedIssue;
}

/** A project from `GET project`, `project/search` or `project/{key}`. */
export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description?: string;
  projectTypeKey?: string;
  archived?: boolean;
  lead?: JiraUser;
}

/** A project version (a fix version). Dates are `yyyy-mm-dd`. */
export interface JiraVersion {
  id: string;
  name: string;
  description?: string;
  projectId?: number;
  startDate?: string;
  releaseDate?: string;
  released?: boolean;
  archived?: boolean;
  overdue?: boolean;
}

/** A project component. */
export interface JiraComponent {
  id: string;
  name: string;
  description?: string;
  lead?: JiraUser;
  assigneeType?: string;
}

/** A field of the create screen of one issue type (`createmeta/{project}/issuetypes/{id}`). */
export interface JiraCreateField {
  fieldId: string;
  key?: string;
  name: string;
  required: boolean;
  schema?: JiraField["schema"];
  allowedValues?: unknown[];
  hasDefaultValue?: boolean;
  defaultValue?: unknown;
}
