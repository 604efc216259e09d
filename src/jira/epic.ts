/**
 * Epics on Jira Server/Data Center (and older Cloud sites): an issue names its epic through the
 * "Epic Link" custom field, whose id differs per instance; Cloud's team-managed and newer
 * projects use `parent` instead.
 *
 * @module
 */
import type { HttpClient } from "../http/mod.ts";
import { listFields } from "./fields.ts";
import { getIssue } from "./issues.ts";

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
