import { z } from "zod";
import { defineTool } from "../../define.ts";
import { issueKey } from "../../schemas.ts";
import { issueFiles } from "./_issue_files.ts";

/** `jira_get_issue_images`: the image attachments of an issue, for vision models. */
export const getIssueImagesTool = defineTool({
  name: "jira_get_issue_images",
  toolset: "jira_attachments",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue Images",
  description:
    "Get a Jira issue's image attachments as images a vision model can see, after a JSON summary. Images over 50 MB fail.",
  input: () => z.object({ issue_key: issueKey }),
  handler: ({ issue_key }, { service, progress }) => issueFiles(service, issue_key, true, progress),
});
