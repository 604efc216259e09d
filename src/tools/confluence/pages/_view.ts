/**
 * The trimmed page view Confluence tools answer with.
 *
 * @module
 */
import { fromConfluenceBody } from "../../../confluence/body.ts";
import type { Page } from "../../../confluence/pages.ts";

/** A page as shown to the assistant; the body only when asked for. */
export function pageView(
  page: Page,
  options: { content: boolean; markdown?: boolean },
): Record<string, unknown> {
  const markdown = options.markdown ?? true;
  return {
    id: page.id,
    title: page.title,
    space_key: page.spaceKey,
    version: page.version,
    parent_id: page.parentId,
    url: page.url,
    created: page.created,
    author: page.authorId,
    subtype: page.subtype,
    content_format: options.content ? (markdown ? "markdown" : "storage") : undefined,
    content: options.content ? fromConfluenceBody(page.body, markdown) : undefined,
  };
}
