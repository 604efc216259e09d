import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import {
  getSprint,
  type JiraSprint,
  type SprintFields,
  sprintView,
  updateSprint,
} from "../../../jira/agile.ts";
import { defineTool } from "../../define.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { checkSprintDates } from "./_sprint_dates.ts";
import { allowedSprint } from "./_scope.ts";

const STATES = ["future", "active", "closed"] as const;

/** Whether a sprint as read shows every change asked for. */
function shows(sprint: JiraSprint, change: SprintFields): boolean {
  const sameTime = (a?: string, b?: string) =>
    b === undefined || Date.parse(a ?? "") === Date.parse(b);
  return (change.name === undefined || sprint.name === change.name) &&
    (change.goal === undefined || (sprint.goal ?? "") === change.goal) &&
    (change.state === undefined || sprint.state === change.state) &&
    sameTime(sprint.startDate, change.startDate) && sameTime(sprint.endDate, change.endDate);
}

/** `jira_update_sprint`: change a sprint's name, goal, dates or state. */
export const updateSprintTool = defineTool({
  name: "jira_update_sprint",
  toolset: "jira_agile",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Update Sprint",
  description:
    "Change a sprint's name, goal, dates or state; the rest stays. state 'active' starts a future sprint (needs both dates), 'closed' completes an active one.",
  input: () =>
    z.object({
      sprint_id: idString(SHARED_PARAMETERS.sprint_id),
      name: limitedString("name", "New sprint name").optional(),
      state: limitedString("name", "New state: future, active or closed").optional(),
      start_date: limitedString("name", "New start, ISO, e.g. '2025-01-06'")
        .optional(),
      end_date: limitedString("name", "New end, ISO, e.g. '2025-01-20T17:00:00Z'")
        .optional(),
      goal: limitedString("text", "New goal; '' clears it").optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const state = args.state?.trim().toLowerCase();
    if (state !== undefined && !(STATES as readonly string[]).includes(state)) {
      throw new ToolError(
        `state "${args.state}" is not a sprint state.`,
        "Use 'active' to start a future sprint or 'closed' to complete an active one (or 'future').",
      );
    }
    const name = args.name?.trim();
    if (name === "") throw new ToolError("name is empty.", "Give the new name, or leave name out.");
    if ([name, state, args.start_date, args.end_date, args.goal].every((v) => v === undefined)) {
      throw new ToolError(
        "Nothing to update.",
        "Give at least one of name, state, start_date, end_date and goal.",
      );
    }
    // Checked alone first, so a bad date is refused before any request.
    checkSprintDates({ start_date: args.start_date, end_date: args.end_date });
    const sprint = await allowedSprint(service, args.sprint_id);
    // Jira ignores anything but the name and goal of a closed sprint: say so instead.
    if (sprint.state === "closed" && [state, args.start_date, args.end_date].some(Boolean)) {
      throw new ToolError(
        `Sprint ${sprint.id} is closed: only its name and goal can change.`,
        "Leave out state, start_date and end_date.",
      );
    }
    const change: SprintFields = {
      name,
      state,
      goal: args.goal,
      ...checkSprintDates({ start_date: args.start_date, end_date: args.end_date }, sprint),
    };
    const id = String(sprint.id);
    const { value, recovered } = await writeOnce(() => updateSprint(client, id, change), {
      verdict: "Not updated",
      missing: `sprint ${id} shows the change`,
      find: async () => {
        const now = await getSprint(client, id);
        return shows(now, change) ? found(now) : ABSENT;
      },
    });
    const updated = `Updated sprint "${value.name}" (id ${value.id})`;
    return {
      message: recovered ? `${updated} (${recovered}).` : `${updated}.`,
      sprint: sprintView(value),
    };
  },
});
