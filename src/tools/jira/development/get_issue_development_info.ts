import { z } from "zod";
import { readDevInfo } from "../../../jira/dev_status.ts";
import { defineTool } from "../../define.ts";
import {
  applicationType,
  checkedDataType,
  checkIssueKey,
  dataType,
  devIssueKey,
  UNDOCUMENTED,
} from "./_input.ts";

/** `jira_get_issue_development_info`: pull requests, branches and commits linked to an issue. */
export const getIssueDevelopmentInfoTool = defineTool({
  name: "jira_get_issue_development_info",
  toolset: "jira_development",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue Development Info",
  description:
    `Get the pull requests, branches and repositories with commits that development tools (GitHub, Bitbucket, GitLab...) link to a Jira issue. ${UNDOCUMENTED}`,
  input: () =>
    z.object({
      issue_key: devIssueKey,
      application_type: applicationType,
      data_type: dataType,
    }),
  handler: async (args, { service }) => {
    const allowlist = service.service.allowlist;
    const key = args.issue_key.trim().toUpperCase(); // as the batch tool reads its keys
    checkIssueKey(key, allowlist);
    const info = await readDevInfo(service.client, key, {
      applicationType: args.application_type,
      dataType: checkedDataType(args.data_type),
    }, (current) => checkIssueKey(current, allowlist));
    return { issue_key: key, ...info };
  },
});
