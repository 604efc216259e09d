/**
 * The `confluence_comments` toolset: footer comments and replies, inline comments and their
 * resolution.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { addCommentTool } from "./add_comment.ts";
import { addInlineCommentTool } from "./add_inline_comment.ts";
import { getCommentsTool } from "./get_comments.ts";
import { getInlineCommentsTool } from "./get_inline_comments.ts";
import { replyToCommentTool } from "./reply_to_comment.ts";
import { resolveInlineCommentTool } from "./resolve_inline_comment.ts";

/** The toolset's tools in listing order. */
export const confluenceComments = defineToolset({
  name: "confluence_comments",
  description: "Read, add and reply to page comments; inline comments and their resolution",
  isDefault: true,
  tools: [
    getCommentsTool,
    addCommentTool,
    replyToCommentTool,
    getInlineCommentsTool,
    addInlineCommentTool,
    resolveInlineCommentTool,
  ],
});
