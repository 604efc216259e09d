import { z } from "zod";
import { getTransitions, transitionView } from "../../../jira/transitions.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { issueKey } from "../../schemas.ts";

/** `jira_get_transitions`: the workflow transitions available on an issue now. */
export const getTransitionsTool = defineTool({
  name: "jira_get_transitions",
  toolset: "jira_transitions",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Transitions",
  description: "List a Jira issue's available transitions.",
  input: () => z.object({ issue_key: issueKey }),
  handler: async (args, { service }) => {
    await assertIssueAllowed(service, args.issue_key);
    const transitions = await getTransitions(service.client, args.issue_key);
    return transitions.map(transitionView);
  },
});
