import { z } from "zod";
import { addLabel, getLabels, labelName } from "../../../confluence/labels.ts";
import { defineTool } from "../../define.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";

/** `confluence_add_label`: adds a label to a page and answers with the page's labels. */
export const addLabelTool = defineTool({
  name: "confluence_add_label",
  toolset: "confluence_labels",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Add Label",
  description: "Add a label to a Confluence page; returns the page's labels.",
  input: () =>
    z.object({
      page_id: idString("Page id or URL, e.g. '123456'"),
      name: limitedString("name", "One word, e.g. 'release-notes'").min(1),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const name = labelName(args.name);
    const page = await allowedPage(service, args.page_id);
    const before = await getLabels(client, page.id);
    if (before.includes(name)) {
      return { message: `Page ${page.id} already has the label "${name}".`, labels: before };
    }
    const { recovered } = await writeOnce(
      async () => {
        await addLabel(client, page.id, name);
        return true;
      },
      {
        verdict: "Not added",
        missing: `page ${page.id} has no label "${name}"`,
        find: async () => (await getLabels(client, page.id)).includes(name) ? found(true) : ABSENT,
      },
    );
    return {
      message: `Added the label "${name}" to page ${page.id}${recovered ? ` (${recovered})` : ""}.`,
      note: name !== args.name.trim() ? `Confluence stores labels in lower case.` : undefined,
      labels: await getLabels(client, page.id),
    };
  },
});
