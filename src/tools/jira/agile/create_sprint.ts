import { z } from "zod";
import { allSprints, createSprint, sprintView } from "../../../jira/agile.ts";
import { defineTool } from "../../define.ts";
import { theOne, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { checkSprintDates } from "./_sprint_dates.ts";
import { allowedBoard } from "./_scope.ts";

/** `jira_create_sprint`: create a future sprint on a board. */
export const createSprintTool = defineTool({
  name: "jira_create_sprint",
  toolset: "jira_agile",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Sprint",
  description:
    "Create a future sprint on a scrum board. Dates: ISO date or date-time (UTC without offset), start before end.",
  input: () =>
    z.object({
      board_id: idString(SHARED_PARAMETERS.board_id),
      name: limitedString("name", "Sprint name, e.g. 'Sprint 12'").min(1),
      start_date: limitedString("name", "Start, e.g. '2025-01-06' or '2025-01-06T09:00:00+02:00'"),
      end_date: limitedString("name", "End, e.g. '2025-01-20'"),
      goal: limitedString("text", "Sprint goal").optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const dates = checkSprintDates({ start_date: args.start_date, end_date: args.end_date });
    const name = args.name.trim();
    const board = await allowedBoard(service, args.board_id);
    const boardId = String(board.id);
    // A new sprint is a future one: those named so before the write cannot be the new one.
    const named = async () =>
      (await allSprints(client, boardId, "future")).filter((s) => s.name === name);
    const before = new Set((await named()).map((s) => s.id));
    const { value, recovered } = await writeOnce(
      () => createSprint(client, board.id, { name, ...dates, goal: args.goal }),
      {
        verdict: "Not created",
        missing: `board ${board.id} has no new future sprint "${name}"`,
        find: async () =>
          theOne((await named()).filter((s) => !before.has(s.id)), `sprints named "${name}"`),
      },
    );
    const created = `Created sprint "${value.name}" (id ${value.id}) on board ${board.id}`;
    return {
      message: recovered ? `${created} (${recovered}).` : `${created}.`,
      sprint: sprintView(value),
    };
  },
});
