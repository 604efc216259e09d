/**
 * What every page write shares: the check that a new body keeps the macros, media and mentions
 * of the old one, and writing the next version exactly once.
 *
 * @module
 */
import { getPage, type Page, updatePage } from "../../../confluence/pages.ts";
import { currentUserId } from "../../../confluence/users.ts";
import { findLoss, lossSentence } from "../../../content/loss.ts";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";

/** `confirm_removal` as the page writes describe it (`checkLoss`). */
export const DROP_PLACEHOLDERS = "Allow dropping placeholders";

/**
 * Refuses a new storage body that leaves out content of the current one (macros, media,
 * mentions) unless `confirmed`; answers the sentence naming what a confirmed write removes.
 */
export function checkLoss(
  page: Page,
  next: string,
  confirmed: boolean,
): string | undefined {
  const loss = findLoss("storage", page.body, next);
  const lost = lossSentence(loss, { place: `page ${page.id}` });
  if (lost && !confirmed) {
    throw new ToolError(
      `Not updated: ${lost}.`,
      "Keep the <!--...--> placeholders from confluence_get_page in the new body; to remove them on purpose, call again with confirm_removal: true.",
    );
  }
  return lossSentence(loss, { done: true }) || undefined;
}

/** The new version's content; the version number is the current one plus one. */
export interface NextVersion {
  title: string;
  body: string;
  representation: "storage" | "wiki";
  minorEdit: boolean;
  message?: string;
  parentId?: string;
}

/**
 * Writes `next` as the version after `current`'s. A lost answer is settled by reading the page:
 * still at the old version means not applied, at the new version with the new title, saved by
 * the caller (with the version message, when one was sent) means applied, anything else is an
 * unknown outcome; a 409 (someone else saved first) is Atlassian's answer, never retried.
 */
export async function writeNextVersion(
  client: HttpClient,
  current: Page,
  next: NextVersion,
): Promise<{ version: number; recovered?: string }> {
  const version = current.version + 1;
  const { recovered } = await writeOnce(
    async () => {
      await updatePage(client, { id: current.id, version, ...next });
      return true;
    },
    {
      verdict: "Not updated",
      missing: `page ${current.id} is still at version ${current.version}`,
      find: async () => {
        const now = await getPage(client, current.id);
        if (now.version === current.version) return ABSENT;
        if (now.version === version && now.title === next.title) {
          // Someone else may have saved this very version meanwhile: it is ours only when it
          // was saved by us, with our message when we sent one.
          const me = await currentUserId(client);
          const ours = me !== undefined && now.versionBy === me &&
            (!next.message || now.versionMessage === next.message);
          if (ours) return found(true);
          return unclear(
            `Page ${current.id} is at version ${version}, but it was saved by someone else or with another message`,
          );
        }
        return unclear(
          now.version > version
            ? `Page ${current.id} is now at version ${now.version}: someone else edited it too`
            : `Page ${current.id} is at version ${now.version} titled "${now.title}"`,
        );
      },
    },
  );
  return { version, recovered };
}
