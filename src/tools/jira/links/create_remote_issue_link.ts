import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import {
  createRemoteLink,
  getRemoteLinks,
  type NewRemoteLink,
} from "../../../jira/remote_links.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { theOne, writeOnce } from "../../reconcile.ts";
import { issueKey, limitedString } from "../../schemas.ts";

/** Refuses a value that is not an absolute URL. */
function assertUrl(name: string, value: string): void {
  if (!URL.canParse(value.trim())) {
    throw new ToolError(
      `${name} is not an absolute URL: "${value}".`,
      "Pass the full address, e.g. https://example.com/docs/page.",
    );
  }
}

/** `jira_create_remote_issue_link`: link an issue to a web page or Confluence page. */
export const createRemoteIssueLinkTool = defineTool({
  name: "jira_create_remote_issue_link",
  toolset: "jira_links",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Remote Issue Link",
  description: "Link a Jira issue to a URL (web or Confluence page); each call adds a new link.",
  input: () =>
    z.object({
      issue_key: issueKey,
      url: limitedString("query", "URL, e.g. 'https://example.com/design'").min(1),
      title: limitedString("name", "Link text, e.g. 'Design document'").min(1),
      summary: limitedString("name", "Short description").optional(),
      relationship: limitedString(
        "name",
        "Relation, e.g. 'documented in'",
      ).optional(),
      icon_url: limitedString("query", "URL of a 16x16 icon").optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    await assertIssueAllowed(service, key);
    const url = args.url.trim();
    assertUrl("url", url);
    if (args.icon_url) assertUrl("icon_url", args.icon_url);
    // The links before the write tell a new one apart from an older link to the same page.
    const before = new Set((await getRemoteLinks(client, key)).map((l) => String(l.id)));
    const link: NewRemoteLink = {
      relationship: args.relationship,
      object: {
        url,
        title: args.title,
        summary: args.summary,
        icon: args.icon_url ? { url16x16: args.icon_url.trim(), title: args.title } : undefined,
      },
    };
    const { value: id, recovered } = await writeOnce(() => createRemoteLink(client, key, link), {
      verdict: "Not linked",
      missing: `${key} has no new remote link to ${url}`,
      find: async () =>
        theOne(
          (await getRemoteLinks(client, key)).filter((l) =>
            !before.has(String(l.id)) && l.object?.url === url && l.object?.title === args.title
          ).map((l) => String(l.id)),
          `remote links to ${url}`,
        ),
    });
    return {
      message: `Linked ${key} to "${args.title}" (remote link ${id}${
        recovered ? `, ${recovered}` : ""
      }).`,
      remote_link: {
        id,
        title: args.title,
        url,
        summary: args.summary,
        relationship: args.relationship,
      },
    };
  },
});
