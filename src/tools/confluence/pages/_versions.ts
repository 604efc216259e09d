/**
 * Page versions as the history tools show them: who by display name, when, the message.
 *
 * @module
 */
import type { Page } from "../../../confluence/pages.ts";
import { accountNamer } from "../../../confluence/users.ts";
import type { PageVersion } from "../../../confluence/versions.ts";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";

/** A version as answered: number, author's display name, time, message, minor edit. */
export type VersionView = {
  number: number;
  by?: string;
  when?: string;
  message?: string;
  minor_edit: boolean;
};

/** A function that shows versions, looking each Cloud author up once per call. */
export function versionViews(client: HttpClient): (v: PageVersion) => Promise<VersionView> {
  const name = accountNamer(client);
  return async (v) => {
    return {
      number: v.number,
      by: v.authorName ?? await name(v.authorId),
      when: v.when,
      message: v.message,
      minor_edit: v.minorEdit,
    };
  };
}

/** Refuses a version number the page does not have yet (`name`: the parameter that gave it). */
export function checkVersion(page: Page, n: number, name?: string): void {
  if (n <= page.version) return;
  throw new ToolError(
    `Page ${page.id} is at version ${page.version}; it has no version ${n}${
      name ? ` (${name})` : ""
    }.`,
    `Versions run from 1 to ${page.version}; confluence_get_page_history lists them.`,
  );
}
