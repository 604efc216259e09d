/**
 * Epics on Jira Server/Data Center (and older Cloud sites): an issue names its epic through the
 * "Epic Link" custom field, whose id differs per instance; Cloud's team-managed and newer
 * projects use `parent` instead.
 *
 * @module
 */
import { ToolError } from "../errors.ts";
import type { HttpClient } from "../http/mod.ts";
import { listFields } from "./fields.ts";
import { getIssue } from "./issues.ts";
import type { JiraIssue } from "./types.ts";

const EPIC_LINK = "com.pyxis.greenhopper.jira:gh-epic-link";

/** The id of the instance's Epic Link field, or undefined when it has none. */
export async function epicLinkField(client: HttpClient): Promise<string | undefined> {
  return (await listFields(client)).find((f) => f.schema?.custom === EPIC_LINK)?.id;
}

/** The epic an Epic Link value points at: its key and summary. */
export async function epicView(
  client: HttpClient,
  key: string,
): Promise<{ key: string; summary?: string }> {
  const epic = await getIssue(client, key, { fields: ["summary"], updateHistory: false });
  return { key: epic.key, summary: epic.fields.summary as string | undefined };
}

/**
 * Where an issue names its epic: `parent` on Cloud (team-managed and company-managed projects
 * alike), the Epic Link field on Data Center. Refused on a Data Center site without that field.
 */
export async function epicSlot(client: HttpClient): Promise<string> {
  if (client.service.deployment === "cloud") return "parent";
  const field = await epicLinkField(client);
  if (!field) {
    throw new ToolError(
      "This Jira site has no Epic Link field, so issues cannot be put into epics.",
      "Epics need Jira Software; ask the administrator, or link the issues with jira_create_issue_link.",
    );
  }
  return field;
}

/** The epic key an issue holds in `slot` (`parent` or the Epic Link field), if any. */
export function epicKeyIn(issue: JiraIssue, slot: string): string | undefined {
  const value = issue.fields?.[slot];
  if (typeof value === "string") return value || undefined;
  const key = (value as { key?: unknown } | null | undefined)?.key;
  return typeof key === "string" ? key : undefined;
}

/** The field value that puts an issue into `epicKey` through `slot`. */
export function epicValue(slot: string, epicKey: string): unknown {
  return slot === "parent" ? { key: epicKey } : epicKey;
}
