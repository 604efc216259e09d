/**
 * Jira issue operations beyond the single create/read/update in `_jira.ts`, for both flavours:
 * bulk create (`POST issue/bulk`) and, on Cloud, bulk changelogs (`POST changelog/bulkfetch`).
 *
 * @module
 */
import {
  bodyObject,
  type Ctx,
  decodeCursor,
  encodeCursor,
  HttpError,
  jiraDate,
  jiraFail,
  json,
} from "./_http.ts";
import { createIssue, visibleProjects } from "./_jira.ts";
import { jiraUser } from "./_jira_render.ts";

/**
 * POST issue/bulk: creates each `issueUpdates` item as `POST issue` would, independently. Jira
 * answers 201 with the created issues (request order) and the refused items by position when at
 * least one was created, and 400 with the same body when none was.
 */
export async function bulkCreateIssues(ctx: Ctx): Promise<Response> {
  const b = bodyObject(ctx);
  if (!Array.isArray(b.issueUpdates)) {
    jiraFail(400, [
      "Can not deserialize instance of java.util.ArrayList out of START_OBJECT token",
    ]);
  }
  const issues: unknown[] = [];
  const errors: unknown[] = [];
  for (const [index, update] of (b.issueUpdates as unknown[]).entries()) {
    try {
      const created = createIssue({ ...ctx, body: update });
      issues.push(await created.json());
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      errors.push({
        status: error.response.status,
        elementErrors: await error.response.json(),
        failedElementNumber: index,
      });
    }
  }
  return json({ issues, errors }, issues.length ? 201 : 400);
}

/**
 * POST changelog/bulkfetch (Cloud): the change histories of the named issues (ids or keys), those
 * that do not exist or cannot be browsed left out, items narrowed to `fieldIds`, histories paged
 * across issues by `maxResults` with a `nextPageToken`.
 */
export function bulkFetchChangelogs(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const wanted = b.issueIdsOrKeys;
  if (!Array.isArray(wanted) || wanted.length === 0 || wanted.length > 1000) {
    jiraFail(400, ["issueIdsOrKeys must contain between 1 and 1000 items."]);
  }
  const fieldIds = Array.isArray(b.fieldIds) ? b.fieldIds.map(String) : [];
  if (fieldIds.length > 10) jiraFail(400, ["fieldIds must contain at most 10 items."]);
  const maxResults = typeof b.maxResults === "number" ? b.maxResults : 1000;
  if (maxResults < 1 || maxResults > 10000) {
    jiraFail(400, ["maxResults must be between 1 and 10000."]);
  }
  const scope = JSON.stringify([wanted, fieldIds]);
  const start = typeof b.nextPageToken === "string" ? decodeCursor(b.nextPageToken, scope) : 0;
  if (start === null) jiraFail(400, ["The nextPageToken is invalid."]);
  const visible = new Set(visibleProjects(ctx).map((p) => p.key));
  const flat: { issueId: string; history: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  for (const ref of wanted as unknown[]) {
    const issue = ctx.state.issues.find((i) =>
      i.id === String(ref) || i.key.toUpperCase() === String(ref).toUpperCase()
    );
    if (!issue || !visible.has(issue.projectKey) || seen.has(issue.id)) continue;
    seen.add(issue.id);
    for (const h of issue.changelog) {
      const items = h.items.filter((it) =>
        !fieldIds.length || fieldIds.includes(String(it.fieldId ?? it.field))
      );
      if (!items.length) continue;
      flat.push({
        issueId: issue.id,
        history: {
          id: h.id,
          author: jiraUser(ctx, h.author),
          created: jiraDate(h.created),
          items: items.map((it) => ({ ...it })),
        },
      });
    }
  }
  const page = flat.slice(start!, start! + maxResults);
  const logs: { issueId: string; changeHistories: unknown[] }[] = [];
  for (const { issueId, history } of page) {
    const last = logs.at(-1);
    if (last?.issueId === issueId) last.changeHistories.push(history);
    else logs.push({ issueId, changeHistories: [history] });
  }
  const end = start! + page.length;
  return json({
    issueChangeLogs: logs,
    ...(end < flat.length ? { nextPageToken: encodeCursor(end, scope) } : {}),
  });
}
