import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { readDevInfo } from "../../../jira/dev_status.ts";
import { defineTool } from "../../define.ts";
import { itemFailure } from "../../run.ts";
import { commaList, limitedString } from "../../schemas.ts";
import {
  applicationType,
  checkedDataType,
  checkIssueKey,
  dataType,
  UNDOCUMENTED,
} from "./_input.ts";

/** Most issues one call reads. */
const MAX_ISSUES = 50;

/** `jira_get_issues_development_info`: the development panel of several issues. */
export const getIssuesDevelopmentInfoTool = defineTool({
  name: "jira_get_issues_development_info",
  toolset: "jira_development",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issues Development Info",
  description:
    `Get the pull requests, branches and repositories with commits linked to up to ${MAX_ISSUES} Jira issues, each reported on its own (or why it failed). ${UNDOCUMENTED}`,
  input: () =>
    z.object({
      issue_keys: limitedString(
        "query",
        "Comma-separated issue keys, e.g. 'PROJ-1,PROJ-2'",
      ),
      application_type: applicationType,
      data_type: dataType,
    }),
  handler: async (args, { service, progress }) => {
    const keys = [...new Set(commaList(args.issue_keys).map((k) => k.toUpperCase()))];
    if (!keys.length) {
      throw new ToolError("issue_keys names no issue.", "Pass e.g. 'PROJ-1,PROJ-2'.");
    }
    if (keys.length > MAX_ISSUES) {
      throw new ToolError(
        `issue_keys names ${keys.length} issues; one call reads at most ${MAX_ISSUES}.`,
        `Split them into groups of ${MAX_ISSUES} or fewer.`,
      );
    }
    for (const key of keys) checkIssueKey(key, service.service.allowlist);
    const only = {
      applicationType: args.application_type,
      dataType: checkedDataType(args.data_type),
    };
    const issues: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const [index, key] of keys.entries()) {
      // Sent before each issue, never right before the answer.
      await progress?.(index, keys.length, `Reading the development information of ${key}`);
      try {
        const info = await readDevInfo(
          service.client,
          key,
          only,
          (current) => checkIssueKey(current, service.service.allowlist),
        );
        issues.push({ issue_key: key, ...info });
      } catch (error) {
        failed.push({ issue_key: key, error: itemFailure(error) });
      }
    }
    return {
      message: `Read the development information of ${issues.length} of ${keys.length} issues${
        failed.length ? `; ${failed.length} failed` : ""
      }.`,
      issues,
      failed,
    };
  },
});
