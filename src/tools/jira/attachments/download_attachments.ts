import { z } from "zod";
import { defineTool } from "../../define.ts";
import { issueKey } from "../../schemas.ts";
import { issueFiles } from "./_issue_files.ts";

/** `jira_download_attachments`: every attachment of an issue, in the answer. */
export const downloadAttachmentsTool = defineTool({
  name: "jira_download_attachments",
  toolset: "jira_attachments",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Download Attachments",
  description:
    "Download every attachment of a Jira issue: a JSON summary, then each file as an embedded base64 resource. Files over 50 MB fail; nothing is written to disk.",
  input: () => z.object({ issue_key: issueKey }),
  handler: ({ issue_key }, { service, progress }) =>
    issueFiles(service, issue_key, false, progress),
});
