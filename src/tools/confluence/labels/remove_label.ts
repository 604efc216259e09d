import { z } from "zod";
import { getLabels, labelRef, removeLabel } from "../../../confluence/labels.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";

/** `confluence_remove_label`: removes a label from a page (beyond the Python server). */
export const removeLabelTool = defineTool({
  name: "confluence_remove_label",
  toolset: "confluence_labels",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Remove Label",
  description: "Remove a label from a Confluence page; returns the labels it keeps.",
  input: () =>
    z.object({
      page_id: idString("Page id or URL, e.g. '123456'"),
      name: limitedString("name", "As listed, e.g. 'draft' or 'my:todo'")
        .min(1),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const name = labelRef(args.name);
    const page = await allowedPage(service, args.page_id);
    const before = await getLabels(client, page.id);
    if (!before.includes(name)) {
      throw new ToolError(
        `Page ${page.id} has no label "${name}"${
          before.length ? ` (its labels: ${before.join(", ")})` : " (it has no labels)"
        }.`,
        "confluence_get_labels lists a page's labels.",
      );
    }
    const { recovered } = await writeOnce(
      async () => {
        await removeLabel(client, page.id, name);
        return true;
      },
      {
        verdict: "Not removed",
        missing: `page ${page.id} still has the label "${name}"`,
        find: async () => (await getLabels(client, page.id)).includes(name) ? ABSENT : found(true),
      },
    );
    return {
      message: `Removed the label "${name}" from page ${page.id}${
        recovered ? ` (${recovered})` : ""
      }.`,
      labels: await getLabels(client, page.id),
    };
  },
});
