/**
 * The `jira_attachments` toolset: download an issue's attachments and images. Uploads go
 * through `jira_update_issue`'s `attachments`.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { downloadAttachmentsTool } from "./download_attachments.ts";
import { getIssueImagesTool } from "./get_issue_images.ts";

/** The toolset's tools in listing order. */
export const jiraAttachments = defineToolset({
  name: "jira_attachments",
  description: "Download issue attachments and images",
  isDefault: false,
  tools: [downloadAttachmentsTool, getIssueImagesTool],
});
