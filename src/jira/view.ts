/**
 * The trimmed view of an issue that tools answer with: plain values, Markdown for rich text,
 * no raw Atlassian JSON.
 *
 * @module
 */
import { webBase } from "../config/mod.ts";
import type { ServiceConfig } from "../config/types.ts";
import { fromJiraText, isAdf } from "./rich.ts";
import type { JiraComment, JiraIssue, JiraUser } from "./types.ts";

/** The fields read when a tool is not told otherwise (the Python server's essential set). */
export const DEFAULT_FIELDS = [
  "summary",
  "description",
  "status",
  "assignee",
  "reporter",
  "labels",
  "versions",
  "priority",
  "created",
  "updated",
  "issuetype",
];

/** A user as shown to the assistant: display name plus the id to use in later calls. */
function userView(user: JiraUser | null | undefined): Record<string, string> | undefined {
  if (!user) return undefined;
  return {
    name: user.displayName ?? user.name ?? user.accountId ?? "unknown",
    account_id: user.accountId ?? "",
    username: user.accountId ? "" : user.name ?? "",
    email: user.emailAddress ?? "",
  };
}

/** A comment as shown to the assistant. */
export function commentView(
  service: ServiceConfig,
  comment: JiraComment,
): Record<string, unknown> {
  return {
    id: comment.id,
    author: comment.author?.displayName ?? comment.author?.name,
    created: comment.created,
    updated: comment.updated !== comment.created ? comment.updated : undefined,
    visibility: comment.visibility
      ? `${comment.visibility.type}: ${comment.visibility.value}`
      : undefined,
    body: fromJiraText(service, comment.body),
  };
}

const NOISE = new Set(["self", "iconUrl", "avatarUrls", "expand", "avatarId"]);
const LEGACY_SPRINT = /^com\.atlassian\.greenhopper\.service\.sprint\.Sprint@\w+\[(.*)\]$/;

/** The name of a sprint in Jira Server's legacy string form (`...Sprint@1a2b[id=1,name=S1,...]`). */
function legacySprintName(value: string): string | undefined {
  const inner = value.match(LEGACY_SPRINT)?.[1];
  return inner?.match(/(?:^|,)name=([^,]*)/)?.[1];
}

/**
 * One entry of an issue's `issuelinks` as read from that issue: its id and the link as a phrase
 * ("blocks DEMO-2", "is blocked by DEMO-4"); undefined for anything else.
 */
function issueLinkEntry(v: Record<string, unknown>): Record<string, unknown> | undefined {
  const type = v.type as { name?: string; inward?: string; outward?: string } | undefined;
  const other = (v.outwardIssue ?? v.inwardIssue) as { key?: string } | undefined;
  if (!type || typeof v.id !== "string" || typeof other?.key !== "string") return undefined;
  const phrase = v.outwardIssue ? type.outward : type.inward;
  return { id: v.id, link: `${phrase ?? type.name} ${other.key}` };
}

/** Simplifies any field value: names instead of objects, Markdown instead of rich text. */
export function fieldValue(service: ServiceConfig, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => fieldValue(service, item));
  if (isAdf(value)) return fromJiraText(service, value);
  if (typeof value === "string") return legacySprintName(value) ?? value;
  if (typeof value !== "object") return value;
  const v = value as Record<string, unknown>;
  if ("displayName" in v || "accountId" in v) return userView(v as JiraUser);
  if ("value" in v && typeof v.value !== "object") {
    return v.child ? `${v.value} / ${(v.child as { value?: string }).value}` : v.value;
  }
  const link = issueLinkEntry(v);
  if (link) return link;
  if (typeof v.name === "string") return v.name;
  if (typeof v.key === "string") return v.key;
  // Anything else (issue links, attachments, time tracking, ...): its parts, simplified.
  const parts = Object.entries(v).filter(([key]) => !NOISE.has(key))
    .map(([key, part]) => [key, fieldValue(service, part)] as const)
    .filter(([, part]) => part !== undefined);
  return parts.length ? Object.fromEntries(parts) : undefined;
}

/** The browse URL of an issue (undefined behind the OAuth gateway without a site URL). */
export function browseUrl(service: ServiceConfig, key: string): string | undefined {
  const base = webBase(service);
  return base && `${base}/browse/${encodeURIComponent(key)}`;
}

const HANDLED = new Set(["summary", "description", "status", "issuetype", "parent", "comment"]);

/** The trimmed view of an issue; fields are keyed by id, or by display name when `names` is given. */
export function issueView(
  service: ServiceConfig,
  issue: JiraIssue,
  options: { useDisplayNames?: boolean; names?: Record<string, string>; comments?: JiraComment[] } =
    {},
): Record<string, unknown> {
  const f = issue.fields ?? {};
  const status = f.status as { name?: string; statusCategory?: { name?: string } } | undefined;
  const parent = f.parent as { key?: string; fields?: { summary?: string } } | undefined;
  const view: Record<string, unknown> = {
    key: issue.key,
    id: issue.id,
    url: browseUrl(service, issue.key),
    summary: f.summary,
    type: fieldValue(service, f.issuetype),
    status: status?.name,
    status_category: status?.statusCategory?.name,
    parent: parent?.key ? { key: parent.key, summary: parent.fields?.summary } : undefined,
  };
  for (const [id, raw] of Object.entries(f)) {
    if (HANDLED.has(id)) continue;
    const name = options.names?.[id] ?? id;
    // An empty assignee is a fact worth saying, not a missing key (the Python server says so too).
    view[name] = id === "assignee" && raw === null ? "unassigned" : fieldValue(service, raw);
  }
  view.description = fromJiraText(service, f.description);
  if (options.comments) view.comments = options.comments.map((c) => commentView(service, c));
  return view;
}
