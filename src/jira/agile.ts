/**
 * Jira Software's agile API (`/rest/agile/1.0`, the same on Cloud and Data Center): boards,
 * their sprints and issues, sprint create and update, and moving issues into a sprint or to
 * the backlog (at most 50 issues a request).
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import type { JiraIssue } from "./types.ts";

const AGILE = "/rest/agile/1.0";

/** Most issues Atlassian moves in one request (into a sprint or to the backlog). */
export const MOVE_LIMIT = 50;

/** A board's location: the project it lives in (absent for a board located on a user). */
export interface BoardLocation {
  projectKey?: string;
  projectId?: number;
  projectName?: string;
}

/** A board. */
export interface JiraBoard {
  id: number;
  name: string;
  type?: string;
  location?: BoardLocation;
}

/** A sprint. */
export interface JiraSprint {
  id: number;
  name: string;
  state: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  originBoardId?: number;
  goal?: string;
}

/** A page of an agile list (`values`, `startAt`, `isLast`, `total` when Jira counts). */
export interface AgilePage<T> {
  values: T[];
  startAt: number;
  isLast: boolean;
  total?: number;
}

const BOARD_SHAPE = { id: z.number(), name: z.string() };
const SPRINT_SHAPE = { id: z.number(), name: z.string(), state: z.string() };
const BOARD_ANSWER = objectAnswer("a board", BOARD_SHAPE);
const SPRINT_ANSWER = objectAnswer("a sprint", SPRINT_SHAPE);
const BOARD_PAGE = objectAnswer("a page of boards", {
  values: z.array(z.looseObject(BOARD_SHAPE)),
});
const SPRINT_PAGE = objectAnswer("a page of sprints", {
  values: z.array(z.looseObject(SPRINT_SHAPE)),
});
const ISSUE_PAGE = objectAnswer("a page of a board's issues", {
  issues: z.array(z.looseObject({ key: z.string() })),
});

/** Filters of the board list. */
export interface BoardQuery {
  name?: string;
  projectKeyOrId?: string;
  type?: string;
  startAt: number;
  maxResults: number;
}

/** One page of the boards the user can see. */
export function listBoards(client: HttpClient, query: BoardQuery): Promise<AgilePage<JiraBoard>> {
  return client.get<AgilePage<JiraBoard>>(`${AGILE}/board`, { ...query }, {
    expect: BOARD_PAGE,
  });
}

/** Reads one board. */
export function getBoard(client: HttpClient, id: string): Promise<JiraBoard> {
  return client.get<JiraBoard>(`${AGILE}${path`/board/${id}`}`, undefined, {
    expect: BOARD_ANSWER,
  });
}

/** One page of a board's sprints, optionally of some states (`future,active`). */
export function listSprints(
  client: HttpClient,
  boardId: string,
  query: { state?: string; startAt: number; maxResults: number },
): Promise<AgilePage<JiraSprint>> {
  return client.get<AgilePage<JiraSprint>>(`${AGILE}${path`/board/${boardId}/sprint`}`, query, {
    expect: SPRINT_PAGE,
  });
}

/** Every sprint of a board in the given states, page by page. */
export async function allSprints(
  client: HttpClient,
  boardId: string,
  state: string,
): Promise<JiraSprint[]> {
  const out: JiraSprint[] = [];
  for (;;) {
    const page = await listSprints(client, boardId, {
      state,
      startAt: out.length,
      maxResults: 50,
    });
    out.push(...page.values);
    if (page.isLast || !page.values.length) return out;
  }
}

/** Reads one sprint. */
export function getSprint(client: HttpClient, id: string): Promise<JiraSprint> {
  return client.get<JiraSprint>(`${AGILE}${path`/sprint/${id}`}`, undefined, {
    expect: SPRINT_ANSWER,
  });
}

/** A query of a board's issues. */
export interface BoardIssueQuery {
  jql: string;
  fields: string[];
  startAt: number;
  maxResults: number;
  expand?: string;
}

/** One page of a board's issues matching a JQL query. */
export function boardIssues(
  client: HttpClient,
  boardId: string,
  query: BoardIssueQuery,
): Promise<{ issues: JiraIssue[]; total?: number; startAt?: number }> {
  return client.get(`${AGILE}${path`/board/${boardId}/issue`}`, {
    ...query,
    fields: query.fields.join(","),
  }, { expect: ISSUE_PAGE });
}

/** The attributes of a sprint this server sets. */
export interface SprintFields {
  name?: string;
  state?: string;
  startDate?: string;
  endDate?: string;
  goal?: string;
}

/** Creates a future sprint on a board. */
export function createSprint(
  client: HttpClient,
  boardId: number,
  fields: SprintFields & { name: string },
): Promise<JiraSprint> {
  return client.post<JiraSprint>(
    `${AGILE}/sprint`,
    { ...fields, originBoardId: boardId },
    undefined,
    {
      expect: SPRINT_ANSWER,
    },
  );
}

/** Changes the given attributes of a sprint (a partial update); the others stay as they are. */
export function updateSprint(
  client: HttpClient,
  id: string,
  fields: SprintFields,
): Promise<JiraSprint> {
  return client.post<JiraSprint>(`${AGILE}${path`/sprint/${id}`}`, fields, undefined, {
    expect: SPRINT_ANSWER,
  });
}

/** Moves up to 50 issues into an open sprint. */
export async function moveToSprint(
  client: HttpClient,
  sprintId: string,
  issues: string[],
): Promise<void> {
  await client.post(`${AGILE}${path`/sprint/${sprintId}/issue`}`, { issues }, undefined, {
    expect: NO_CONTENT,
  });
}

/** Moves up to 50 issues to the backlog (out of every future and active sprint). */
export async function moveToBacklog(client: HttpClient, issues: string[]): Promise<void> {
  await client.post(`${AGILE}/backlog/issue`, { issues }, undefined, { expect: NO_CONTENT });
}

/** A board as shown to the assistant. */
export function boardView(board: JiraBoard): Record<string, unknown> {
  return {
    id: board.id,
    name: board.name,
    type: board.type,
    project: board.location?.projectKey,
  };
}

/** A sprint as shown to the assistant. */
export function sprintView(sprint: JiraSprint): Record<string, unknown> {
  return {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    start: sprint.startDate,
    end: sprint.endDate,
    completed: sprint.completeDate,
    goal: sprint.goal,
    board_id: sprint.originBoardId,
  };
}
