/**
 * The trimmed page view Confluence tools answer with.
 *
 * @module
 */
import { fromConfluenceBody } from "../../../confluence/body.ts";
import type { Page } from "../../../confluence/pages.ts";
import { accountNamer } from "../../../confluence/users.ts";
import type { HttpClient } from "../../../http/mod.ts";

/**
 * A page as shown to the assistant, its author by display name (looked up when the answer gave
 * only an account id); the body only when asked for.
 */
export async function pageView(
  client: HttpClient,
  page: Page,
  options: { content: boolean; markdown?: boolean },
): Promise<Record<string, unknown>> {
  const markdown = options.markdown ?? true;
  return {
    id: page.id,
    title: page.title,
    space_key: page.spaceKey,
    version: page.version,
    parent_id: page.parentId,
    url: page.url,
    created: page.created,
    author: page.authorName ?? await accountNamer(client)(page.authorId),
    subtype: page.subtype,
    content_format: options.content ? (markdown ? "markdown" : "storage") : undefined,
    content: options.content ? fromConfluenceBody(page.body, markdown) : undefined,
  };
}
