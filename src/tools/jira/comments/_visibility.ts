/**
 * A comment's `visibility` parameter, shared by the tools that add and edit comments.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { jsonObject, jsonText } from "../../schemas.ts";

/** Who may see a comment, as Jira takes it. */
export interface CommentVisibility {
  type: string;
  value: string;
}

/** The `visibility` input: a small JSON object, as text or as the value. */
export const visibilityInput = jsonText(SHARED_PARAMETERS.visibility, "query").optional();

/** The visibility a `visibility` argument asks for, or undefined when none; refuses half of one. */
export function commentVisibility(raw: string | undefined): CommentVisibility | undefined {
  if (!raw) return undefined;
  const visibility = jsonObject("visibility", raw);
  if (typeof visibility.type !== "string" || typeof visibility.value !== "string") {
    throw new ToolError(
      "visibility needs both a type and a value.",
      'Pass e.g. {"type": "role", "value": "Developers"}.',
    );
  }
  return { type: visibility.type, value: visibility.value };
}
