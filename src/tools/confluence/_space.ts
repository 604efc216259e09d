/**
 * The space allowlist (`CONFLUENCE_SPACES_FILTER`) for tools that name a page by id: the page is
 * read first and refused when its space is outside the list.
 *
 * @module
 */
import { pageIdFrom } from "../../confluence/page_ref.ts";
import { getPage, type Page } from "../../confluence/pages.ts";
import { ToolError } from "../../errors.ts";
import type { ServiceHandle } from "../define.ts";
import { assertSpaceAllowed } from "../policy.ts";

/** Reads a page (by id, page URL or tiny link), refusing it outside the allowed spaces. */
export async function allowedPage(service: ServiceHandle, ref: string): Promise<Page> {
  const id = pageIdFrom(ref);
  if (!id) {
    throw new ToolError(
      `"${ref}" is not a page id, page URL or tiny link.`,
      "Pass the number from the page URL, e.g. '123456'.",
    );
  }
  const page = await getPage(service.client, id);
  assertSpaceAllowed(page.spaceKey, service.service.allowlist);
  return page;
}
