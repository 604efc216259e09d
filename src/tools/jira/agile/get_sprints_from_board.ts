import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { listSprints, sprintView } from "../../../jira/agile.ts";
import { defineTool } from "../../define.ts";
import { commaList, idString, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { allowedBoard } from "./_scope.ts";

const STATES = ["future", "active", "closed"];

/** `jira_get_sprints_from_board`: a board's sprints, optionally by state. */
export const getSprintsFromBoardTool = defineTool({
  name: "jira_get_sprints_from_board",
  toolset: "jira_agile",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Sprints from Board",
  description:
    "List a scrum board's sprints (id, name, state, dates, goal), optionally only some states.",
  input: () =>
    z.object({
      board_id: idString(SHARED_PARAMETERS.board_id),
      state: limitedString(
        "name",
        "Comma-separated states (future, active, closed), e.g. 'active,future'",
      ).optional(),
      start_at: z.number().int().min(0).default(0).describe(
        "Index of the first sprint (next_start_at)",
      ),
      limit: z.number().int().min(1).max(50).default(10).describe(
        "Most sprints to return",
      ),
    }),
  handler: async (args, { service }) => {
    const states = commaList(args.state).map((s) => s.toLowerCase());
    const unknown = states.filter((s) => !STATES.includes(s));
    if (unknown.length) {
      throw new ToolError(
        `state "${unknown.join(", ")}" is not a sprint state.`,
        "Use future, active or closed, or several comma-separated.",
      );
    }
    const board = await allowedBoard(service, args.board_id);
    const page = await listSprints(service.client, String(board.id), {
      state: states.length ? states.join(",") : undefined,
      startAt: args.start_at,
      maxResults: args.limit,
    });
    return {
      board: { id: board.id, name: board.name },
      start_at: args.start_at,
      returned: page.values.length,
      next_start_at: page.isLast ? undefined : args.start_at + page.values.length,
      sprints: page.values.map(sprintView),
    };
  },
});
