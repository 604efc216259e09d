import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { getProject } from "../../../jira/projects.ts";
import type { JiraVersion } from "../../../jira/types.ts";
import {
  assertDateOrder,
  getVersion,
  updateVersion,
  versionDate,
  type VersionFields,
  versionView,
} from "../../../jira/versions.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";

/** A version's attributes by name. */
function attributes(version: JiraVersion): Record<string, unknown> {
  return version as unknown as Record<string, unknown>;
}

/** Whether a version has every attribute of `fields` as given. */
function has(version: JiraVersion, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).every(([key, value]) => attributes(version)[key] === value);
}

/** The parameter name of each attribute, for the answer. */
const PARAMETERS: Record<string, string> = { startDate: "start_date", releaseDate: "release_date" };

/** `jira_update_version`: change the given attributes of a version, leaving the others. */
export const updateVersionTool = defineTool({
  name: "jira_update_version",
  toolset: "jira_projects",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Update Version",
  description:
    "Change a Jira fix version; only the attributes given change. released: true releases it.",
  input: () =>
    z.object({
      version_id: idString("Version id (jira_get_project_versions), e.g. '10001'"),
      name: limitedString("name", "New version name").min(1).optional(),
      description: limitedString("text", "New description").optional(),
      start_date: limitedString("name", "yyyy-mm-dd, e.g. '2025-01-01'").optional(),
      release_date: limitedString("name", "yyyy-mm-dd, e.g. '2025-03-31'")
        .optional(),
      archived: z.boolean().optional().describe("true archives, false restores"),
      released: z.boolean().optional().describe("true releases, false unreleases"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const fields: VersionFields = {};
    if (args.name !== undefined) fields.name = args.name.trim();
    if (args.description !== undefined) fields.description = args.description;
    if (args.start_date) fields.startDate = versionDate("start_date", args.start_date);
    if (args.release_date) fields.releaseDate = versionDate("release_date", args.release_date);
    if (args.archived !== undefined) fields.archived = args.archived;
    if (args.released !== undefined) fields.released = args.released;
    const changed = Object.keys(fields);
    const previous = (v: JiraVersion) =>
      Object.fromEntries(changed.map((key) => [key, attributes(v)[key]]));
    if (!changed.length) {
      throw new ToolError(
        "Nothing to update: no attribute of the version was given.",
        "Pass at least one of name, description, start_date, release_date, archived, released.",
      );
    }
    assertDateOrder("Not updated", fields);
    const before = await getVersion(client, args.version_id);
    const { allowlist } = service.service;
    if (allowlist.length) {
      if (before.projectId === undefined) {
        throw new ToolError(
          `Jira did not say which project version ${before.id} belongs to.`,
          "Ask the administrator to check the version; JIRA_PROJECTS_FILTER cannot be applied to it.",
        );
      }
      const project = await getProject(client, String(before.projectId));
      assertProjectAllowed(project.key, allowlist);
    }
    const { value, recovered } = await writeOnce(
      () => updateVersion(client, before.id, fields),
      {
        verdict: "Not updated",
        missing: `version ${before.id} still reads as before`,
        find: async () => {
          const now = await getVersion(client, before.id);
          if (has(now, { ...fields })) return found(now);
          if (has(now, previous(before))) return ABSENT;
          return unclear(`Version ${before.id} changed, but not as requested`);
        },
      },
    );
    const updated = `Updated version "${value.name}" (id ${value.id}): ${
      changed.map((key) => PARAMETERS[key] ?? key).join(", ")
    }`;
    return {
      message: recovered ? `${updated} (${recovered}).` : `${updated}.`,
      version: versionView(value),
    };
  },
});
