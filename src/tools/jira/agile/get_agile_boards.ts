import { z } from "zod";
import { boardView, type JiraBoard, listBoards } from "../../../jira/agile.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { limitedString, projectKey } from "../../schemas.ts";
import { boardAllowed } from "./_scope.ts";

/** Pages of 50 boards read at most to fill one answer when the allowlist hides boards. */
const MAX_PAGES = 10;

/** `jira_get_agile_boards`: boards by name, project and type. */
export const getAgileBoardsTool = defineTool({
  name: "jira_get_agile_boards",
  toolset: "jira_agile",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Agile Boards",
  description:
    "List Jira agile boards (id, name, type, project), filtered by part of the name, project or type.",
  input: () =>
    z.object({
      board_name: limitedString("name", "Part of the name, e.g. 'Team'").optional(),
      project_key: projectKey.optional(),
      board_type: z.enum(["scrum", "kanban", "simple"]).optional().describe(
        "Kind of board",
      ),
      start_at: z.number().int().min(0).default(0).describe(
        "Index of the first board (next_start_at)",
      ),
      limit: z.number().int().min(1).max(50).default(10).describe("Most boards to return"),
    }),
  handler: async (args, { service }) => {
    const { allowlist } = service.service;
    if (args.project_key) assertProjectAllowed(args.project_key, allowlist);
    const query = {
      name: args.board_name,
      projectKeyOrId: args.project_key,
      type: args.board_type,
    };
    // Boards located outside the allowed projects are skipped, so a page may need more reads.
    const boards: JiraBoard[] = [];
    let next: number | undefined = args.start_at;
    for (
      let pages = 0;
      next !== undefined && boards.length < args.limit && pages < MAX_PAGES;
      pages++
    ) {
      const page = await listBoards(service.client, {
        ...query,
        startAt: next,
        maxResults: allowlist.length ? 50 : args.limit,
      });
      let read = 0;
      for (const board of page.values) {
        if (boards.length === args.limit) break;
        read++;
        if (boardAllowed(board, allowlist)) boards.push(board);
      }
      next = (page.isLast && read === page.values.length) || !page.values.length
        ? undefined
        : next + read;
    }
    return {
      returned: boards.length,
      start_at: args.start_at,
      next_start_at: next,
      boards: boards.map(boardView),
    };
  },
});
