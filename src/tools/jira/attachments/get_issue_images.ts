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
    "Get the image attachments of a Jira issue (PNG, JPEG, GIF, WebP, SVG, BMP) as images a vision model can see. The answer is a JSON summary, then each image. Images over 50 MB are listed as failed.",
  input: z.object({ issue_key: issueKey }),
  handler: ({ issue_key }, { service, progress }) => issueFiles(service, issue_key, true, progress),
});
