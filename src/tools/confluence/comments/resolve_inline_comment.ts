import { z } from "zod";
import { getComment, setResolution } from "../../../confluence/comments.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { commentView } from "./_view.ts";

const RESOLVED = new Set(["resolved"]);

/** `confluence_resolve_inline_comment`: resolves or reopens an inline comment thread. */
export const resolveInlineCommentTool = defineTool({
  name: "confluence_resolve_inline_comment",
  toolset: "confluence_comments",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Resolve Inline Comment",
  description: "Resolve or reopen an inline comment thread.",
  input: () =>
    z.object({
      comment_id: idString("Thread's first comment id"),
      resolved: z.boolean().default(true).describe("false reopens"),
    }),
  handler: async ({ comment_id, resolved }, { service }) => {
    const { client } = service;
    const comment = await getComment(client, comment_id);
    await allowedPage(service, comment.pageId!);
    const verb = resolved ? "resolve" : "reopen";
    if (comment.location !== "inline" || comment.parentId) {
      throw new ToolError(
        `Comment ${comment.id} is ${
          comment.parentId ? "a reply" : "a footer comment"
        }; only an inline comment thread can be ${verb}d.`,
        "Pass the id of the thread's first inline comment (confluence_get_inline_comments).",
      );
    }
    if (comment.resolution === "dangling") {
      throw new ToolError(
        `Inline comment ${comment.id} is dangling (its highlighted text is gone from the page), so it cannot be ${verb}d.`,
      );
    }
    if (RESOLVED.has(comment.resolution ?? "") === resolved) {
      return {
        message: `Inline comment ${comment.id} is already ${resolved ? "resolved" : "open"}.`,
        comment: await commentView(client, comment),
      };
    }
    const { recovered } = await writeOnce(
      async () => {
        await setResolution(client, comment, resolved);
        return true;
      },
      {
        verdict: resolved ? "Not resolved" : "Not reopened",
        missing: `inline comment ${comment.id} is still ${comment.resolution ?? "unchanged"}`,
        find: async () =>
          RESOLVED.has((await getComment(client, comment.id)).resolution ?? "") === resolved
            ? found(true)
            : ABSENT,
      },
    );
    const back = await readBack(() => getComment(client, comment.id));
    return {
      message: `${resolved ? "Resolved" : "Reopened"} inline comment ${comment.id}${
        recovered ? ` (${recovered})` : ""
      }.`,
      note: back.note,
      comment: back.value && await commentView(client, back.value),
    };
  },
});
