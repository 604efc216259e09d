/**
 * Which Cloud site the setup wizard stores: the only one, the user's pick on a terminal, else the
 * one matching the configured cloud id or site URLs, else the first with a warning.
 *
 * @module
 */
import type { AccessibleResource } from "../oauth/mod.ts";
import { SetupError } from "./error.ts";
import type { WizardIO } from "./io.ts";

/** The lower-cased origin of a URL; undefined when it is no URL. */
export function urlOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Picks the site among several a token reaches: the one with the configured cloud id, else the
 * one whose origin is a configured site URL; undefined when none matches.
 */
export function matchingSite(
  sites: readonly AccessibleResource[],
  cloudId: string | undefined,
  siteUrls: readonly string[],
): AccessibleResource | undefined {
  const byId = cloudId ? sites.find((s) => s.id === cloudId) : undefined;
  if (byId) return byId;
  const wanted = new Set(siteUrls.map(urlOrigin).filter((o): o is string => o !== undefined));
  return sites.find((s) => {
    const o = urlOrigin(s.url);
    return o !== undefined && wanted.has(o);
  });
}

/** Picks the site to store among those the new token reaches (asking on a terminal). */
export async function chooseSite(
  io: WizardIO,
  sites: AccessibleResource[],
  cloudId: string | undefined,
  siteUrls: readonly string[],
): Promise<AccessibleResource> {
  if (!sites.length) {
    throw new SetupError(
      "The new token reaches no Atlassian site: give the app Jira or Confluence permissions, grant it a site on the consent page, and run the setup again.",
    );
  }
  const match = matchingSite(sites, cloudId, siteUrls);
  if (sites.length === 1) return sites[0];
  if (io.input.terminal) {
    io.say("The token reaches several sites:");
    sites.forEach((s, i) => io.say(`  ${i + 1}. ${s.name}  ${s.url}  (cloud id ${s.id})`));
    const fallback = String(match ? sites.indexOf(match) + 1 : 1);
    for (;;) {
      const answer = await io.input.ask("Site number", fallback);
      const n = Number(answer);
      if (Number.isInteger(n) && n >= 1 && n <= sites.length) return sites[n - 1];
      io.say(`Enter a number from 1 to ${sites.length}.`);
    }
  }
  if (match) return match;
  const chosen = sites[0];
  io.say(
    `Warning: the token reaches ${sites.length} sites and none matches ATLASSIAN_OAUTH_CLOUD_ID, JIRA_URL or CONFLUENCE_URL; using the first, ${chosen.name} (${chosen.url}). Set JIRA_URL to the site you want and run the setup again to choose another.`,
  );
  return chosen;
}
