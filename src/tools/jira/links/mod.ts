/**
 * The `jira_links` toolset: link issues to each other, to epics and to web pages.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { createIssueLinkTool } from "./create_issue_link.ts";
import { createRemoteIssueLinkTool } from "./create_remote_issue_link.ts";
import { getLinkTypesTool } from "./get_link_types.ts";
import { linkToEpicTool } from "./link_to_epic.ts";
import { removeIssueLinkTool } from "./remove_issue_link.ts";

/** The toolset's tools in listing order. */
export const jiraLinks = defineToolset({
  name: "jira_links",
  description: "Link issues to each other, to epics and to web pages",
  isDefault: false,
  tools: [
    getLinkTypesTool,
    linkToEpicTool,
    createIssueLinkTool,
    createRemoteIssueLinkTool,
    removeIssueLinkTool,
  ],
});
