import { z } from "zod";
import { getPage } from "../../../confluence/pages.ts";
import { defineTool } from "../../define.ts";
import { bodyFromFile } from "../../files/folder.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { confirmRemovalInput, idString, limitedString } from "../../schemas.ts";
import { applyLook, checkEmoji, joinNotes, pageBody, pageLookInputs } from "./_options.ts";
import { allowedParent } from "../_space.ts";
import { pageView } from "./_view.ts";
import { checkLoss, DROP_PLACEHOLDERS, writeNextVersion } from "./_write.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_update_page`: replace a page's title and body as a new version. */
export const updatePageTool = defineTool({
  name: "confluence_update_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Update Page",
  description: "Replace a page's title and body; wiki skips the placeholder check.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      title: limitedString("name", "Send the current one to keep it").min(1),
      content: limitedString("text", "Omit to keep the body")
        .optional(),
      content_file: limitedString("query", SHARED_PARAMETERS.content_file).optional(),
      is_minor_edit: z.boolean().default(false),
      version_comment: limitedString("text", SHARED_PARAMETERS.version_comment).optional(),
      parent_id: idString("Moves the page under this parent").optional(),
      ...pageLookInputs(),
      confirm_removal: confirmRemovalInput.describe(DROP_PLACEHOLDERS),
    }),
  handler: async (args, { service, config }) => {
    const { client } = service;
    checkEmoji(args.emoji);
    const current = await getPage(client, args.page_id);
    assertSpaceAllowed(current.spaceKey, service.service.allowlist);
    const content = await bodyFromFile(config, args.content, args.content_file);
    const next = pageBody(content, args);
    const removed = next.representation === "storage"
      ? checkLoss(current, next.body!, args.confirm_removal)
      : undefined;
    const { version, recovered } = await writeNextVersion(client, current, {
      title: args.title,
      body: next.body ?? current.body,
      representation: next.representation ?? "storage",
      minorEdit: args.is_minor_edit,
      message: args.version_comment,
      parentId: args.parent_id && await allowedParent(service, args.parent_id),
    });
    const look = await applyLook(client, current.id, args);
    const page = await readBack(() => getPage(client, current.id));
    return {
      message: `Updated page ${current.id} to version ${version}${
        recovered ? ` (${recovered})` : ""
      }.${removed ? ` ${removed}.` : ""}`,
      note: joinNotes(next.note, look, page.note),
      page: page.value && await pageView(client, page.value, { content: args.include_content }),
    };
  },
});
