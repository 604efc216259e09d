/**
 * Jira Software's sprint writes, the same on Cloud and Data Center: create a future sprint,
 * partially update one (name, goal, dates, and the state changes Jira allows: start a future
 * sprint that has both dates while no other sprint of its board is active, complete an active
 * one), and move issues to the backlog (at most 50 a request). Errors use Jira's
 * `{errorMessages, errors}` body.
 *
 * @module
 */
import { bodyObject, type Ctx, jiraFail, json, noContent } from "./_http.ts";
import { findBoard, findIssue, findSprint } from "./_jira.ts";
import { sprintJson } from "./_jira_render.ts";
import type { Sprint } from "./_model.ts";

/** Most issues one backlog or sprint move takes. */
const MOVE_LIMIT = 50;

/** An ISO 8601 date or date-time, as Jira's sprint resource parses it (UTC without a zone). */
const ISO = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The instant a sprint date names, stored as ISO; Jira's 400 when it does not parse. */
function sprintDate(field: "startDate" | "endDate", value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  const m = ISO.exec(text);
  const zone = m?.[3]?.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2") ?? "Z";
  const ms = m ? Date.parse(`${m[1]}${m[2] ?? "T00:00"}${zone}`) : NaN;
  if (Number.isNaN(ms)) jiraFail(400, [], { [field]: `Date format is invalid: '${text}'.` });
  return new Date(ms).toISOString();
}

/** Jira's 400 unless the start is before the end (when both are set). */
function assertOrder(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && Date.parse(start) >= Date.parse(end)) {
    jiraFail(400, [], { endDate: "The sprint end date must be after the sprint start date." });
  }
}

/** The sprint name from a body, trimmed; Jira's 400 when it is empty or too long. */
function sprintName(value: unknown): string {
  const name = typeof value === "string" ? value.trim() : "";
  if (!name) jiraFail(400, [], { name: "The sprint name must not be empty." });
  if (name.length > 255) jiraFail(400, [], { name: "The sprint name is too long." });
  return name;
}

/** POST agile sprint: creates a future sprint on a scrum board. */
export function createSprint(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const name = sprintName(b.name);
  if (typeof b.originBoardId !== "number") {
    jiraFail(400, [], { originBoardId: "The origin board id is required." });
  }
  const board = findBoard({ ...ctx, params: { boardId: String(b.originBoardId) } });
  if (board.type !== "scrum") jiraFail(400, ["The board does not support sprints"]);
  const startDate = sprintDate("startDate", b.startDate) ?? null;
  const endDate = sprintDate("endDate", b.endDate) ?? null;
  assertOrder(startDate, endDate);
  const sprint: Sprint = {
    id: Math.max(0, ...ctx.state.sprints.map((s) => s.id)) + 1,
    name,
    state: "future",
    boardId: board.id,
    goal: typeof b.goal === "string" ? b.goal : "",
    startDate,
    endDate,
    completeDate: null,
  };
  ctx.state.sprints.push(sprint);
  return json(sprintJson(ctx, sprint), 201);
}

/** Applies a state change Jira allows, or answers its 400. */
function changeState(ctx: Ctx, sprint: Sprint, next: unknown, dates: Partial<Sprint>): void {
  if (next === undefined || next === sprint.state) return;
  const startDate = dates.startDate ?? sprint.startDate;
  const endDate = dates.endDate ?? sprint.endDate;
  if (next === "active" && sprint.state === "future") {
    if (!startDate || !endDate) {
      jiraFail(400, ["A sprint can only be started when it has a start date and an end date."]);
    }
    const other = ctx.state.sprints.find((s) =>
      s.boardId === sprint.boardId && s.state === "active"
    );
    if (other) jiraFail(400, [`Sprint '${other.name}' is already active on this board.`]);
    sprint.state = "active";
  } else if (next === "closed" && sprint.state === "active") {
    sprint.state = "closed";
    sprint.completeDate = ctx.now.toISOString();
  } else {
    jiraFail(400, [], {
      state: `A sprint cannot go from state '${sprint.state}' to '${String(next)}'.`,
    });
  }
}

/** POST agile sprint/{sprintId}: partial update; a closed sprint takes only a name and goal. */
export function updateSprint(ctx: Ctx): Response {
  const sprint = findSprint(ctx);
  const b = bodyObject(ctx);
  const name = b.name === undefined ? undefined : sprintName(b.name);
  const dates: Partial<Sprint> = {};
  const start = sprintDate("startDate", b.startDate);
  const end = sprintDate("endDate", b.endDate);
  if (sprint.state !== "closed") {
    if (start) dates.startDate = start;
    if (end) dates.endDate = end;
    assertOrder(dates.startDate ?? sprint.startDate, dates.endDate ?? sprint.endDate);
    changeState(ctx, sprint, b.state, dates);
    Object.assign(sprint, dates);
  }
  if (name !== undefined) sprint.name = name;
  if (typeof b.goal === "string") sprint.goal = b.goal;
  return json(sprintJson(ctx, sprint));
}

/** POST agile backlog/issue: takes up to 50 issues out of their future and active sprints. */
export function moveToBacklog(ctx: Ctx): Response {
  const keys = bodyObject(ctx).issues;
  if (!Array.isArray(keys) || !keys.length) {
    jiraFail(400, ["The 'issues' field is required and must contain at least one issue."]);
  }
  if (keys.length > MOVE_LIMIT) {
    jiraFail(400, [`Maximum ${MOVE_LIMIT} issues can be moved at once.`]);
  }
  const issues = keys.map((k) => findIssue(ctx, String(k)));
  for (const issue of issues) {
    issue.sprintIds = issue.sprintIds.filter((id) =>
      ctx.state.sprints.find((s) => s.id === id)?.state === "closed"
    );
    issue.updated = ctx.now.toISOString();
  }
  return noContent();
}
