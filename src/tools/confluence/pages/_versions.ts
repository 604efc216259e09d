/**
 * Page versions as the history tools show them: who by display name, when, the message.
 *
 * @module
 */
import type { Page } from "../../../confluence/pages.ts";
import { displayName } from "../../../confluence/users.ts";
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
  const names = new Map<string, Promise<string | undefined>>();
  return async (v) => {
    let by = v.authorName;
    if (!by && v.authorId) {
      if (!names.has(v.authorId)) {
        names.set(v.authorId, displayName(client, "accountid", v.authorId));
      }
      by = await names.get(v.authorId) ?? v.authorId;
    }
    return {
      number: v.number,
      by,
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
