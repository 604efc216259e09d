/**
 * Page references and the space allowlist (`CONFLUENCE_SPACES_FILTER`) for tools that name a
 * page: a reference becomes an id only when it points at the configured site, and the page is
 * read first and refused when its space is outside the list.
 *
 * @module
 */
import { webBase } from "../../config/mod.ts";
import { foreignHost, pageIdFrom } from "../../confluence/page_ref.ts";
import { getPage, type Page } from "../../confluence/pages.ts";
import { ToolError } from "../../errors.ts";
import type { ServiceHandle } from "../define.ts";
import { assertSpaceAllowed } from "../policy.ts";

/**
 * The page id of a reference (id, page URL or tiny link), refusing a URL of another site (its
 * id would name a different page here) and anything that is not a page reference.
 */
export function pageIdOf(service: ServiceHandle, ref: string): string {
  const site = webBase(service.service);
  const elsewhere = foreignHost(ref, site);
  if (elsewhere) {
    throw new ToolError(
      `That page URL is on ${elsewhere}, not on the configured Confluence site (${
        new URL(site!).host
      }).`,
      "Pass a page of the configured site (CONFLUENCE_URL), or its id.",
    );
  }
  const id = pageIdFrom(ref);
  if (!id) {
    throw new ToolError(
      `"${ref}" is not a page id, page URL or tiny link.`,
      "Pass the number from the page URL, e.g. '123456'.",
    );
  }
  return id;
}

/** Reads a page (by id, page URL or tiny link), refusing it outside the allowed spaces. */
export async function allowedPage(service: ServiceHandle, ref: string): Promise<Page> {
  const page = await getPage(service.client, pageIdOf(service, ref));
  assertSpaceAllowed(page.spaceKey, service.service.allowlist);
  return page;
}

/**
 * The id of the parent page a write names, read and refused outside the allowed spaces, and,
 * with `spaceKey`, refused when it is not in that space.
 */
export async function allowedParent(
  service: ServiceHandle,
  ref: string,
  spaceKey?: string,
): Promise<string> {
  const parent = await allowedPage(service, ref);
  if (spaceKey && parent.spaceKey?.toUpperCase() !== spaceKey.toUpperCase()) {
    throw new ToolError(
      `Page ${parent.id} is in space ${parent.spaceKey}, not in ${spaceKey}.`,
      "Give a parent page of that space, or leave the parent out.",
    );
  }
  return parent.id;
}
