/**
 * THE route table of the fake Atlassian: every route it serves, with the Atlassian OpenAPI
 * document (in `../shared/specs/`) and the path in that document that defines it. The router is
 * driven by this table alone, and `spec_routes_test.ts` checks every row against its spec.
 *
 * A row's `pattern` (the path served) is always `SPECS[spec].prefix + specPath`.
 *
 * @module
 */
import * as c from "./_confluence.ts";
import * as ca from "./_confluence_admin.ts";
import * as cat from "./_confluence_attachments.ts";
import * as cc from "./_confluence_comments.ts";
import * as cp from "./_confluence_properties.ts";
import * as ct from "./_confluence_tree.ts";
import type { ApiFamily, Handler } from "./_http.ts";
import * as j from "./_jira.ts";
import * as ja from "./_jira_agile.ts";
import * as jat from "./_jira_attachments.ts";
import * as jf from "./_jira_fields.ts";
import * as jfo from "./_jira_forms.ts";
import * as jl from "./_jira_links.ts";
import * as jm from "./_jira_move.ts";
import * as ji from "./_jira_issues.ts";
import * as jin from "./_jira_insight.ts";
import * as jpe from "./_jira_people.ts";
import * as jp from "./_jira_projects.ts";
import * as sd from "./_jira_servicedesk.ts";
import type { Flavour } from "./_model.ts";

/** The spec documents routes are checked against, with the prefix their paths are relative to. */
export const SPECS = {
  "jira-cloud-platform-v3": { file: "jira-cloud-platform-v3.openapi.json", prefix: "" },
  "jira-cloud-platform-v2": { file: "jira-cloud-platform-v2.openapi.json", prefix: "" },
  "jira-software-cloud": { file: "jira-software-cloud.openapi.json", prefix: "" },
  "jira-service-management-cloud": {
    file: "jira-service-management-cloud.openapi.json",
    prefix: "",
  },
  "jira-datacenter-10.3": { file: "jira-datacenter-10.3.openapi.json", prefix: "/rest" },
  "confluence-cloud-v2": { file: "confluence-cloud-v2.openapi.json", prefix: "/wiki/api/v2" },
  "confluence-cloud-v1": { file: "confluence-cloud-v1.openapi.json", prefix: "" },
  "confluence-datacenter-10.0.3": {
    file: "confluence-datacenter-10.0.3.openapi.json",
    prefix: "/confluence",
  },
} as const;

/** A spec document name. */
export type SpecName = keyof typeof SPECS;

/** HTTP methods the fake serves. */
export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** What the router needs of any served route. */
export interface ServedRoute {
  /** The site that serves it. */
  flavour: Flavour;
  /** HTTP method. */
  method: Method;
  /** The path served, with `{param}` segments. */
  pattern: string;
  /** Which API (decides the error body shape). */
  family: ApiFamily;
  /** Jira REST version ("3" only for Cloud `/rest/api/3`). */
  jiraApi: "2" | "3";
  /** Served without credentials (bad credentials are still rejected). */
  anonymous: boolean;
  /** Takes a `multipart/form-data` body (the handler gets its `FormData`). */
  multipart: boolean;
  /** Answers the request. */
  handler: Handler;
}

/** A served route that a spec document in `../shared/specs/` defines. */
export interface Route extends ServedRoute {
  /** The spec document that defines it. */
  spec: SpecName;
  /** The path as written in the spec document. */
  specPath: string;
}

/**
 * A served route that no spec document here defines for its flavour (an undocumented API, or one
 * whose document is not in `../shared/specs/`), with the reason the fake serves it anyway.
 */
export interface UnspecifiedRoute extends ServedRoute {
  /** Why the route is real although no document here defines it for this flavour. */
  why: string;
  /** The same operation in another flavour's document, when one has it (checked). */
  sameAs?: { spec: SpecName; specPath: string };
}

/** Options of a route row. */
interface RowOptions {
  anonymous?: boolean;
  multipart?: boolean;
}

type Row = [Flavour, Method, SpecName, string, Handler, RowOptions?];

function familyOf(spec: SpecName, specPath: string): ApiFamily {
  if (spec === "confluence-cloud-v2") return "confluence-v2";
  if (spec.startsWith("confluence")) return "confluence-v1";
  if (spec === "jira-software-cloud" || specPath.startsWith("/agile/")) return "agile";
  if (spec === "jira-service-management-cloud") return "servicedesk";
  return "jira";
}

/** One Jira platform operation on Cloud v3, Cloud v2 and DC v2. */
function platform(
  method: Method,
  sub: string,
  handler: Handler,
  opts?: RowOptions,
): Row[] {
  return [
    ["cloud", method, "jira-cloud-platform-v3", `/rest/api/3${sub}`, handler, opts],
    ["cloud", method, "jira-cloud-platform-v2", `/rest/api/2${sub}`, handler, opts],
    ["datacenter", method, "jira-datacenter-10.3", `/api/2${sub}`, handler, opts],
  ];
}

/** One Jira platform operation on Cloud (v3 and v2) only. */
function cloudPlatform(method: Method, sub: string, handler: Handler): Row[] {
  return [
    ["cloud", method, "jira-cloud-platform-v3", `/rest/api/3${sub}`, handler],
    ["cloud", method, "jira-cloud-platform-v2", `/rest/api/2${sub}`, handler],
  ];
}

/** One agile operation on Cloud and DC. */
function agile(method: Method, sub: string, handler: Handler): Row[] {
  return [
    ["cloud", method, "jira-software-cloud", `/rest/agile/1.0${sub}`, handler],
    ["datacenter", method, "jira-datacenter-10.3", `/agile/1.0${sub}`, handler],
  ];
}

/** One Cloud v2 operation on a single page property. */
function v2Property(method: Method, handler: Handler): Row[] {
  return [[
    "cloud",
    method,
    "confluence-cloud-v2",
    "/pages/{page-id}/properties/{property-id}",
    handler,
  ]];
}

/** One DC v1 content-property operation (`sub` is "" or "/{key}"). */
function dcProperty(method: Method, sub: string, handler: Handler): Row[] {
  return [[
    "datacenter",
    method,
    "confluence-datacenter-10.0.3",
    `/rest/api/content/{id}/property${sub}`,
    handler,
  ]];
}

/**
 * Jira Service Management operations (`_jira_servicedesk.ts`): `[method, path under
 * /rest/servicedeskapi, handler, options]`. Cloud serves them from the JSM Cloud document; Data
 * Center serves the same paths (listed in `UNSPECIFIED_ROWS`: no JSM Data Center document here).
 */
const SERVICE_DESK: [Method, string, Handler, RowOptions?][] = [
  ["GET", "/servicedesk", sd.getServiceDesks],
  ["GET", "/servicedesk/{serviceDeskId}", sd.getServiceDesk],
  ["GET", "/servicedesk/{serviceDeskId}/queue", sd.getQueues],
  ["GET", "/servicedesk/{serviceDeskId}/queue/{queueId}", sd.getQueue],
  ["GET", "/servicedesk/{serviceDeskId}/queue/{queueId}/issue", sd.getQueueIssues],
  ["GET", "/servicedesk/{serviceDeskId}/requesttype", sd.getRequestTypes],
  [
    "GET",
    "/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field",
    sd.getRequestTypeFields,
  ],
  ["POST", "/servicedesk/{serviceDeskId}/attachTemporaryFile", sd.attachTemporaryFile, {
    multipart: true,
  }],
  ["POST", "/request", sd.createRequest],
  ["GET", "/request/{issueIdOrKey}", sd.getRequest],
  ["GET", "/request/{issueIdOrKey}/comment", sd.getRequestComments],
  ["POST", "/request/{issueIdOrKey}/comment", sd.postRequestComment],
  ["POST", "/request/{issueIdOrKey}/attachment", sd.attachToRequest],
];

const ROWS: Row[] = [
  // Jira Service Management on Cloud (_jira_servicedesk.ts)
  ...SERVICE_DESK.map(([method, sub, handler, opts]): Row => [
    "cloud",
    method,
    "jira-service-management-cloud",
    `/rest/servicedeskapi${sub}`,
    handler,
    opts,
  ]),
  // Jira platform: Cloud /rest/api/3 + /rest/api/2, DC /rest/api/2
  ...platform("GET", "/myself", j.getMyself),
  ...platform("GET", "/serverInfo", j.getServerInfo, { anonymous: true }),
  ...platform("GET", "/field", j.getFields),
  // Custom field contexts and options, Cloud only (_jira_fields.ts)
  ...cloudPlatform("GET", "/field/{fieldId}/context", jf.getFieldContexts),
  ...cloudPlatform("GET", "/field/{fieldId}/context/{contextId}/option", jf.getContextOptions),
  ...platform("GET", "/status", j.getStatuses),
  ...platform("GET", "/priority", j.getPriorities),
  ...platform("GET", "/issuetype", j.getIssueTypes),
  ...platform("GET", "/project", j.getProjects),
  ...cloudPlatform("GET", "/project/search", j.searchProjects),
  ...platform("GET", "/project/{projectIdOrKey}", j.getProject),
  ...platform("GET", "/issue/createmeta/{projectIdOrKey}/issuetypes", j.createMetaIssueTypes),
  ...platform(
    "GET",
    "/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}",
    j.createMetaFields,
  ),
  ...platform("POST", "/issue", j.createIssue),
  ...platform("POST", "/issue/bulk", ji.bulkCreateIssues),
  [
    "cloud",
    "POST",
    "jira-cloud-platform-v3",
    "/rest/api/3/changelog/bulkfetch",
    ji.bulkFetchChangelogs,
  ],
  // Cloud bulk move and its task (_jira_move.ts)
  ["cloud", "POST", "jira-cloud-platform-v3", "/rest/api/3/bulk/issues/move", jm.submitBulkMove],
  ["cloud", "GET", "jira-cloud-platform-v3", "/rest/api/3/bulk/queue/{taskId}", jm.getBulkTask],
  ...platform("GET", "/issue/{issueIdOrKey}", j.getIssue),
  ...platform("PUT", "/issue/{issueIdOrKey}", j.editIssue),
  ...platform("DELETE", "/issue/{issueIdOrKey}", j.deleteIssue),
  ...platform("PUT", "/issue/{issueIdOrKey}/assignee", j.assignIssue),
  ...platform("GET", "/issue/{issueIdOrKey}/transitions", j.getTransitions),
  ...platform("POST", "/issue/{issueIdOrKey}/transitions", j.doTransition),
  ...platform("GET", "/issue/{issueIdOrKey}/comment", j.getComments),
  ...platform("POST", "/issue/{issueIdOrKey}/comment", j.postComment),
  ...platform("GET", "/issue/{issueIdOrKey}/comment/{id}", j.getComment),
  ...platform("PUT", "/issue/{issueIdOrKey}/comment/{id}", j.putComment),
  ...platform("DELETE", "/issue/{issueIdOrKey}/comment/{id}", j.deleteComment),
  ...platform("GET", "/issue/{issueIdOrKey}/worklog", j.getWorklogs),
  ...platform("POST", "/issue/{issueIdOrKey}/worklog", jpe.postWorklogAdjusting),
  ...platform("GET", "/issue/{issueIdOrKey}/watchers", j.getWatchers),
  // An issue's changelog page by page, Cloud only: DC embeds it whole (_jira_insight.ts)
  ...cloudPlatform("GET", "/issue/{issueIdOrKey}/changelog", jin.getChangelog),
  ...platform("GET", "/issue/{issueIdOrKey}/remotelink", j.getRemoteLinks),
  // Issue links, link types, remote link and watcher changes (_jira_links.ts)
  ...platform("POST", "/issue/{issueIdOrKey}/remotelink", jl.createRemoteLink),
  ...platform("POST", "/issue/{issueIdOrKey}/watchers", jl.addWatcher),
  ...platform("DELETE", "/issue/{issueIdOrKey}/watchers", jl.removeWatcher),
  ...platform("GET", "/issueLinkType", jl.getIssueLinkTypes),
  ...platform("POST", "/issueLink", jl.createIssueLink),
  ...platform("GET", "/issueLink/{linkId}", jl.getIssueLink),
  ...platform("DELETE", "/issueLink/{linkId}", jl.deleteIssueLink),
  // Project versions and components, versions, the DC project picker (_jira_projects.ts)
  ...platform("GET", "/project/{projectIdOrKey}/versions", jp.getProjectVersions),
  ...platform("GET", "/project/{projectIdOrKey}/components", jp.getProjectComponents),
  ...platform("POST", "/version", jp.createVersion),
  ...platform("GET", "/version/{id}", jp.getVersion),
  ...platform("PUT", "/version/{id}", jp.updateVersion),
  ["datacenter", "GET", "jira-datacenter-10.3", "/api/2/projects/picker", jp.projectPicker],
  ...platform("GET", "/user", j.getUser),
  ...platform("GET", "/user/search", j.searchUsers),
  ...platform("GET", "/user/assignable/search", j.searchAssignable),
  // Issue attachments: multipart uploads, Cloud's content download (_jira_attachments.ts)
  ...platform("POST", "/issue/{issueIdOrKey}/attachments", jat.uploadAttachments, {
    multipart: true,
  }),
  ...cloudPlatform("GET", "/attachment/content/{id}", jat.getContent),
  // Jira search: Cloud = /rest/api/3/search/jql (the old /search answers 410), DC = /rest/api/2/search
  ["cloud", "GET", "jira-cloud-platform-v3", "/rest/api/3/search/jql", j.searchJql],
  ["cloud", "POST", "jira-cloud-platform-v3", "/rest/api/3/search/jql", j.searchJql],
  [
    "cloud",
    "POST",
    "jira-cloud-platform-v3",
    "/rest/api/3/search/approximate-count",
    j.countJql,
  ],
  ...cloudPlatform("GET", "/search", j.searchRemoved),
  ...cloudPlatform("POST", "/search", j.searchRemoved),
  ["datacenter", "GET", "jira-datacenter-10.3", "/api/2/search", j.searchDc],
  ["datacenter", "POST", "jira-datacenter-10.3", "/api/2/search", j.searchDc],
  // Jira Software agile
  ...agile("GET", "/board", j.getBoards),
  ...agile("GET", "/board/{boardId}", j.getBoard),
  ...agile("GET", "/board/{boardId}/sprint", j.getBoardSprints),
  ...agile("GET", "/board/{boardId}/issue", j.getBoardIssues),
  ...agile("GET", "/sprint/{sprintId}", j.getSprint),
  ...agile("GET", "/sprint/{sprintId}/issue", j.getSprintIssues),
  ...agile("POST", "/sprint/{sprintId}/issue", j.moveToSprint),
  // Sprint create and update, backlog moves (_jira_agile.ts)
  ...agile("POST", "/sprint", ja.createSprint),
  ...agile("POST", "/sprint/{sprintId}", ja.updateSprint),
  ...agile("POST", "/backlog/issue", ja.moveToBacklog),
  // Confluence Cloud REST v2
  ["cloud", "GET", "confluence-cloud-v2", "/pages", c.v2ListPages],
  ["cloud", "POST", "confluence-cloud-v2", "/pages", c.v2CreatePage],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}", c.v2GetPage],
  ["cloud", "PUT", "confluence-cloud-v2", "/pages/{id}", c.v2UpdatePage],
  ["cloud", "DELETE", "confluence-cloud-v2", "/pages/{id}", c.v2DeletePage],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/children", c.v2Children],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/direct-children", c.v2Children],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/ancestors", c.v2Ancestors],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/attachments", c.v2Attachments],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/versions", c.v2Versions],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/labels", c.v2Labels],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{page-id}/properties", cp.v2ListPageProperties],
  ["cloud", "POST", "confluence-cloud-v2", "/pages/{page-id}/properties", cp.v2CreatePageProperty],
  ...v2Property("GET", cp.v2GetPageProperty),
  ...v2Property("PUT", cp.v2UpdatePageProperty),
  ...v2Property("DELETE", cp.v2DeletePageProperty),
  ["cloud", "GET", "confluence-cloud-v2", "/spaces", c.v2ListSpaces],
  ["cloud", "GET", "confluence-cloud-v2", "/spaces/{id}", c.v2GetSpace],
  // Confluence Cloud REST v1 (CQL search, users; content by id/title is v2-only in the spec)
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/search", c.v1Search],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/content/search", c.v1ContentSearch],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/user", c.v1GetUser],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/user/current", c.v1CurrentUser],
  // Confluence Data Center REST v1 under the context path /confluence
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/content", c.v1ListContent],
  ["datacenter", "POST", "confluence-datacenter-10.0.3", "/rest/api/content", c.v1CreateContent],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/search",
    c.v1ContentSearch,
  ],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/content/{id}", c.v1GetContent],
  [
    "datacenter",
    "PUT",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{contentId}",
    c.v1UpdateContent,
  ],
  [
    "datacenter",
    "DELETE",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}",
    c.v1DeleteContent,
  ],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/child/{type}",
    c.v1Children,
  ],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/child/attachment",
    c.v1Attachments,
  ],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/history",
    c.v1History,
  ],
  ...dcProperty("GET", "", cp.v1ListContentProperties),
  ...dcProperty("POST", "", cp.v1CreateContentProperty),
  ...dcProperty("GET", "/{key}", cp.v1GetContentProperty),
  ...dcProperty("PUT", "/{key}", cp.v1UpdateContentProperty),
  ...dcProperty("POST", "/{key}", cp.v1CreateContentProperty),
  ...dcProperty("DELETE", "/{key}", cp.v1DeleteContentProperty),
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/search", c.v1Search],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/space", c.v1ListSpaces],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/space/{spaceKey}", c.v1GetSpace],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/user", c.v1GetUser],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/user/current", c.v1CurrentUser],
  // Confluence attachments: uploads and new versions (multipart), metadata, bytes, deletes
  // (_confluence_attachments.ts)
  ["cloud", "GET", "confluence-cloud-v2", "/attachments/{id}", cat.v2GetAttachment],
  ["cloud", "DELETE", "confluence-cloud-v2", "/attachments/{id}", cat.v2DeleteAttachment],
  ...([
    ["cloud", "confluence-cloud-v1", "/wiki/rest/api"],
    ["datacenter", "confluence-datacenter-10.0.3", "/rest/api"],
  ] as const).flatMap(([flavour, spec, api]): Row[] => [
    [flavour, "POST", spec, `${api}/content/{id}/child/attachment`, cat.v1CreateAttachments, {
      multipart: true,
    }],
    [
      flavour,
      "POST",
      spec,
      `${api}/content/{id}/child/attachment/{attachmentId}/data`,
      cat.v1UpdateAttachmentData,
      { multipart: true },
    ],
  ]),
  [
    "cloud",
    "GET",
    "confluence-cloud-v1",
    "/wiki/rest/api/content/{id}/child/attachment/{attachmentId}/download",
    cat.v1Download,
  ],
  // Confluence comments, labels and user search (_confluence_comments.ts)
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/footer-comments", cc.v2PageComments],
  ["cloud", "GET", "confluence-cloud-v2", "/pages/{id}/inline-comments", cc.v2PageComments],
  ["cloud", "POST", "confluence-cloud-v2", "/footer-comments", cc.v2CreateComment],
  ["cloud", "POST", "confluence-cloud-v2", "/inline-comments", cc.v2CreateComment],
  ["cloud", "GET", "confluence-cloud-v2", "/footer-comments/{comment-id}", cc.v2GetComment],
  ["cloud", "GET", "confluence-cloud-v2", "/inline-comments/{comment-id}", cc.v2GetComment],
  [
    "cloud",
    "PUT",
    "confluence-cloud-v2",
    "/inline-comments/{comment-id}",
    cc.v2UpdateInlineComment,
  ],
  ["cloud", "GET", "confluence-cloud-v2", "/footer-comments/{id}/children", cc.v2CommentChildren],
  ["cloud", "GET", "confluence-cloud-v2", "/inline-comments/{id}/children", cc.v2CommentChildren],
  ["cloud", "POST", "confluence-cloud-v1", "/wiki/rest/api/content/{id}/label", cc.v1AddLabels],
  ["cloud", "DELETE", "confluence-cloud-v1", "/wiki/rest/api/content/{id}/label", cc.v1RemoveLabel],
  [
    "cloud",
    "DELETE",
    "confluence-cloud-v1",
    "/wiki/rest/api/content/{id}/label/{label}",
    cc.v1RemoveLabel,
  ],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/search/user", cc.cloudSearchUsers],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/child/comment",
    cc.v1ChildComments,
  ],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/label",
    cc.v1GetLabels,
  ],
  [
    "datacenter",
    "POST",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/label",
    cc.v1AddLabels,
  ],
  [
    "datacenter",
    "DELETE",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/label",
    cc.v1RemoveLabel,
  ],
  [
    "datacenter",
    "DELETE",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/label/{label}",
    cc.v1RemoveLabel,
  ],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/group/{groupName}/member",
    cc.dcGroupMembers,
  ],
  // Confluence restrictions and groups (both), permissions, analytics, templates (Cloud)
  // (_confluence_admin.ts)
  [
    "cloud",
    "GET",
    "confluence-cloud-v1",
    "/wiki/rest/api/content/{id}/restriction/byOperation",
    ca.getRestrictionsByOperation,
  ],
  [
    "datacenter",
    "GET",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/restriction/byOperation",
    ca.getRestrictionsByOperation,
  ],
  [
    "cloud",
    "PUT",
    "confluence-cloud-v1",
    "/wiki/rest/api/content/{id}/restriction",
    ca.putRestrictions,
  ],
  [
    "datacenter",
    "PUT",
    "confluence-datacenter-10.0.3",
    "/rest/api/content/{id}/restriction",
    ca.putRestrictions,
  ],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/user/memberof", ca.getMemberOf],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/user/memberof", ca.getMemberOf],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/group/picker", ca.groupPicker],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/group/by-id", ca.groupById],
  ["datacenter", "GET", "confluence-datacenter-10.0.3", "/rest/api/group/{groupName}", ca.getGroup],
  [
    "cloud",
    "POST",
    "confluence-cloud-v1",
    "/wiki/rest/api/content/{id}/permission/check",
    ca.checkPermission,
  ],
  ["cloud", "GET", "confluence-cloud-v2", "/spaces/{id}/permissions", ca.getSpacePermissions],
  [
    "cloud",
    "GET",
    "confluence-cloud-v1",
    "/wiki/rest/api/analytics/content/{contentId}/views",
    ca.getPageViews,
  ],
  ["cloud", "GET", "confluence-cloud-v1", "/wiki/rest/api/template/page", ca.listTemplates],
  [
    "cloud",
    "GET",
    "confluence-cloud-v1",
    "/wiki/rest/api/template/{contentTemplateId}",
    ca.getTemplate,
  ],
  // Confluence page tree: space pages, moves and copies (_confluence_tree.ts)
  ["cloud", "GET", "confluence-cloud-v2", "/spaces/{id}/pages", ct.v2SpacePages],
  [
    "cloud",
    "PUT",
    "confluence-cloud-v1",
    "/wiki/rest/api/content/{pageId}/move/{position}/{targetId}",
    ct.v1MovePage,
  ],
  ["cloud", "POST", "confluence-cloud-v1", "/wiki/rest/api/content/{id}/copy", ct.v1CopyPage],
];

/** Every route the fake serves. */
export const ROUTES: readonly Route[] = ROWS.map((
  [flavour, method, spec, specPath, handler, opts],
) => ({
  flavour,
  method,
  pattern: SPECS[spec].prefix + specPath,
  spec,
  specPath,
  family: familyOf(spec, specPath),
  jiraApi: spec === "jira-cloud-platform-v3" ? "3" : "2",
  anonymous: opts?.anonymous ?? false,
  multipart: opts?.multipart ?? false,
  handler,
}));

/** The Forms API's base path (on `api.atlassian.com`, forwarded to the site by the gateway). */
const FORMS = "/jira/forms/cloud/{cloudId}";

/** Why the fake serves the Jira Forms routes. */
const FORMS_WHY =
  "The Jira Forms REST API (developer.atlassian.com/cloud/forms, OpenAPI at dac-static.atlassian.com/cloud/forms/swagger.v3.json) is not in ../shared/specs; Python's forms tools call it.";

/** A row of `UNSPECIFIED_ROWS`: `[flavour, method, pattern, family, why, handler, sameAs?, options?]`. */
type UnspecifiedRow = [
  Flavour,
  Method,
  string,
  ApiFamily,
  string,
  Handler,
  UnspecifiedRoute["sameAs"]?,
  RowOptions?,
];

/** Routes no spec document here defines for their flavour, each with its reason. */
const UNSPECIFIED_ROWS: UnspecifiedRow[] = [
  // Jira Service Management on Data Center: the same paths as the JSM Cloud document
  ...SERVICE_DESK.map(([method, sub, handler, opts]): UnspecifiedRow => [
    "datacenter",
    method,
    `/rest/servicedeskapi${sub}`,
    "servicedesk",
    "Jira Service Management Data Center serves this /rest/servicedeskapi operation at the same path as Cloud; no JSM Data Center document is in ../shared/specs/.",
    handler,
    { spec: "jira-service-management-cloud", specPath: `/rest/servicedeskapi${sub}` },
    opts,
  ]),
  // Jira Forms (Cloud): the Forms API is served at api.atlassian.com/jira/forms/cloud/{cloudId};
  // the fake gateway forwards it here, to the site whose cloud id the path names.
  ["cloud", "GET", `${FORMS}/issue/{issueIdOrKey}/form/{formId}`, "jira", FORMS_WHY, jfo.getForm],
  [
    "cloud",
    "PUT",
    `${FORMS}/issue/{issueIdOrKey}/form/{formId}`,
    "jira",
    FORMS_WHY,
    jfo.saveAnswers,
  ],
  [
    "cloud",
    "GET",
    `${FORMS}/issue/{issueIdOrKey}/form`,
    "jira",
    FORMS_WHY,
    jfo.listForms,
  ],
  [
    "cloud",
    "GET",
    "/_edge/tenant_info",
    "jira",
    "Every Cloud site answers its cloud id at /_edge/tenant_info without credentials (used to build api.atlassian.com URLs); no REST document describes this edge endpoint.",
    jfo.getTenantInfo,
    undefined,
    { anonymous: true },
  ],
  [
    "datacenter",
    "GET",
    "/confluence/download/attachments/{pageId}/{filename}",
    "confluence-v1",
    "Confluence Data Center serves attachment bytes from its /download/attachments servlet (the download link of every attachment); its REST API has no download operation.",
    cat.servletDownload,
  ],
  [
    "datacenter",
    "GET",
    "/secure/attachment/{id}/{filename}",
    "jira",
    "Jira Data Center serves attachment bytes from its /secure/attachment servlet (the content link of every attachment); its REST API has no download operation.",
    jat.getSecureAttachment,
  ],
  [
    "datacenter",
    "PUT",
    "/confluence/rest/inlinecomments/1.0/comments/{id}/resolve/{resolved}/dangling/{dangling}",
    "confluence-v1",
    "Data Center's documented REST API cannot resolve inline comments; its page view resolves them through the inline-comments plugin's own API (seen in Confluence 7.16 and 9.5), which confluence_resolve_inline_comment uses.",
    cc.dcResolveInlineComment,
  ],
  [
    "datacenter",
    "POST",
    "/confluence/pages/movepage.action",
    "confluence-v1",
    "Data Center's REST API cannot move a page (its documents have no move operation); its page-move dialog posts to the movepage.action web action, which the Python server calls too (confluence_move_page).",
    ct.dcMovePageAction,
  ],
  // The development panel (_jira_insight.ts): Jira's dev-status API, the same on both flavours.
  ...(["cloud", "datacenter"] as const).flatMap((flavour) =>
    ([["summary", jin.devSummary], ["detail", jin.devDetail]] as const).map((
      [what, handler],
    ) =>
      [
        flavour,
        "GET" as const,
        `/rest/dev-status/1.0/issue/${what}`,
        "jira" as const,
        "Jira's development panel (pull requests, branches, commits of connected tools) is read through /rest/dev-status/1.0, an internal API Atlassian does not document; Jira's own issue view calls it on Cloud and Data Center.",
        handler,
      ] as [Flavour, Method, string, ApiFamily, string, Handler]
    )
  ),
];

/** Every served route that no spec document here defines for its flavour. */
export const UNSPECIFIED_ROUTES: readonly UnspecifiedRoute[] = UNSPECIFIED_ROWS.map((
  [flavour, method, pattern, family, why, handler, sameAs, opts],
) => ({
  flavour,
  method,
  pattern,
  family,
  jiraApi: "2",
  anonymous: opts?.anonymous ?? false,
  multipart: opts?.multipart ?? false,
  handler,
  why,
  ...(sameAs ? { sameAs } : {}),
}));

interface Compiled {
  route: ServedRoute;
  segments: string[];
  literals: number;
}

const COMPILED: Compiled[] = [...ROUTES, ...UNSPECIFIED_ROUTES].map((route) => {
  const segments = route.pattern.split("/").slice(1);
  return { route, segments, literals: segments.filter((s) => !s.startsWith("{")).length };
});

/** The result of routing a request. */
export type RouteMatch =
  | { kind: "route"; route: ServedRoute; params: Record<string, string> }
  | { kind: "method"; allow: Method[] }
  | { kind: "none" };

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.startsWith("{")) {
      if (parts[i] === "") return null;
      try {
        params[s.slice(1, -1)] = decodeURIComponent(parts[i]);
      } catch {
        return null;
      }
    } else if (s !== parts[i]) return null;
  }
  return params;
}

/** Finds the route for a request: the match with the most literal segments wins. */
export function matchRoute(flavour: Flavour, method: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const parts = path.split("/").slice(1);
  let best: { c: Compiled; params: Record<string, string> } | undefined;
  const allow = new Set<Method>();
  let bestOther = -1;
  for (const c of COMPILED) {
    if (c.route.flavour !== flavour) continue;
    const params = matchSegments(c.segments, parts);
    if (!params) continue;
    if (c.route.method !== method) {
      if (c.literals > bestOther) {
        bestOther = c.literals;
        allow.clear();
      }
      if (c.literals === bestOther) allow.add(c.route.method);
      continue;
    }
    if (!best || c.literals > best.c.literals) best = { c, params };
  }
  if (best && best.c.literals >= bestOther) {
    return { kind: "route", route: best.c.route, params: best.params };
  }
  if (allow.size) return { kind: "method", allow: [...allow] };
  return { kind: "none" };
}

/** The API family a path belongs to (for 401/404/fault bodies of unrouted requests). */
export function familyOfPath(pathname: string): ApiFamily {
  if (pathname.startsWith("/wiki/api/v2")) return "confluence-v2";
  if (pathname.startsWith("/wiki/") || pathname.startsWith("/confluence/")) return "confluence-v1";
  if (pathname.startsWith("/rest/agile/")) return "agile";
  if (pathname.startsWith("/rest/servicedeskapi/")) return "servicedesk";
  return "jira";
}
