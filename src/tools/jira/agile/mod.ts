/**
 * The `jira_agile` toolset: boards, sprints and their issues; creating and updating sprints,
 * moving issues into a sprint or to the backlog (Jira Software's `/rest/agile/1.0`).
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { addIssuesToSprintTool } from "./add_issues_to_sprint.ts";
import { createSprintTool } from "./create_sprint.ts";
import { getAgileBoardsTool } from "./get_agile_boards.ts";
import { getBoardIssuesTool } from "./get_board_issues.ts";
import { getSprintIssuesTool } from "./get_sprint_issues.ts";
import { getSprintsFromBoardTool } from "./get_sprints_from_board.ts";
import { moveIssuesToBacklogTool } from "./move_issues_to_backlog.ts";
import { updateSprintTool } from "./update_sprint.ts";

/** The toolset's tools in listing order. */
export const jiraAgile = defineToolset({
  name: "jira_agile",
  description:
    "Agile boards and sprints: their issues, sprint create and update, sprint and backlog moves",
  isDefault: false,
  tools: [
    getAgileBoardsTool,
    getBoardIssuesTool,
    getSprintsFromBoardTool,
    getSprintIssuesTool,
    createSprintTool,
    updateSprintTool,
    addIssuesToSprintTool,
    moveIssuesToBacklogTool,
  ],
});
