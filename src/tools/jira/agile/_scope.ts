/**
 * What the agile tools share: numeric board and sprint ids, and the project allowlist applied
 * to boards (through the project a board is located in) and to sprints (through their board).
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import { getBoard, getSprint, type JiraBoard, type JiraSprint } from "../../../jira/agile.ts";
import type { ServiceHandle } from "../../define.ts";
import { assertProjectAllowed, isAllowed } from "../../policy.ts";

/** Throws unless an id argument is a whole number (Jira's board and sprint ids are). */
export function numericId(name: string, value: string): string {
  const trimmed = value.trim();
  if (!/^\d{1,18}$/.test(trimmed)) {
    throw new ToolError(
      `${name} "${value}" is not a number.`,
      `Pass the numeric id, e.g. ${name}: "42".`,
    );
  }
  return trimmed;
}

/** Whether the allowlist lets the tools see a board (every board when it is empty). */
export function boardAllowed(board: JiraBoard, allowlist: string[]): boolean {
  return isAllowed(board.location?.projectKey, allowlist);
}

/** Throws unless the allowlist lets the tools use the board. */
export function assertBoardAllowed(board: JiraBoard, allowlist: string[]): void {
  const project = board.location?.projectKey;
  if (project) return assertProjectAllowed(project, allowlist);
  if (!allowlist.length) return;
  throw new ToolError(
    `Board ${board.id} is not located in a project, so it is outside the projects this server may use (${
      allowlist.join(", ")
    }).`,
    "Use a board located in an allowed project (jira_get_agile_boards lists them).",
  );
}

/** Reads a board the allowlist lets the tools use. */
export async function allowedBoard(service: ServiceHandle, boardId: string): Promise<JiraBoard> {
  const board = await getBoard(service.client, numericId("board_id", boardId));
  assertBoardAllowed(board, service.service.allowlist);
  return board;
}

/** Reads a sprint whose board the allowlist lets the tools use. */
export async function allowedSprint(service: ServiceHandle, sprintId: string): Promise<JiraSprint> {
  const sprint = await getSprint(service.client, numericId("sprint_id", sprintId));
  const { allowlist } = service.service;
  if (!allowlist.length) return sprint;
  if (sprint.originBoardId === undefined) {
    throw new ToolError(
      `Sprint ${sprint.id} names no board, so this server cannot tell whether its project is allowed (${
        allowlist.join(", ")
      }).`,
      "Use a sprint of a board in an allowed project (jira_get_sprints_from_board lists them).",
    );
  }
  await allowedBoard(service, String(sprint.originBoardId));
  return sprint;
}
