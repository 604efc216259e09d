import { z } from "zod";
import {
  findGroup,
  getRestrictions,
  type Group,
  groupsOf,
  type Restrictions,
  setRestrictions,
} from "../../../confluence/restrictions.ts";
import { type ConfluenceUser, currentUser, findUser } from "../../../confluence/users.ts";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { defineTool } from "../../define.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";
import { commaList, idString, LIMITS } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { lockedOut, restrictionsView, sameRestrictions } from "./_restrictions.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** Most users or groups one list takes. */
const MAX_NAMES = 100;

/** A list of names: a JSON array, or JSON text of one, or a comma-separated string. */
function nameList(description: string) {
  return z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      try {
        const parsed = JSON.parse(value);
        if (Array.isArray(parsed)) return parsed;
      } catch { /* not JSON: a comma-separated list */ }
      return commaList(value);
    },
    z.array(z.string().min(1).max(LIMITS.name)).max(MAX_NAMES),
  ).optional().describe(description);
}

async function users(client: HttpClient, names: string[] = []): Promise<ConfluenceUser[]> {
  const out: ConfluenceUser[] = [];
  for (const name of names) out.push(await findUser(client, name));
  return out;
}

async function groups(client: HttpClient, names: string[] = []): Promise<Group[]> {
  const out: Group[] = [];
  for (const name of names) out.push(await findGroup(client, name));
  return out;
}

const WHO = "Cloud: account ids or names; else usernames";

/** `confluence_set_page_restrictions`: replaces who may view and who may edit a page. */
export const setPageRestrictionsTool = defineTool({
  name: "confluence_set_page_restrictions",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Set Page Restrictions",
  description:
    "Replace who may view and edit a page; omitted or empty lists lift. Refused if it locks you out.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      read_users: nameList(WHO),
      read_groups: nameList("Viewer groups"),
      edit_users: nameList(WHO),
      edit_groups: nameList("Editor groups"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const page = await allowedPage(service, args.page_id);
    const wanted: Restrictions = {
      read: {
        users: await users(client, args.read_users),
        groups: await groups(client, args.read_groups),
      },
      update: {
        users: await users(client, args.edit_users),
        groups: await groups(client, args.edit_groups),
      },
    };
    const me = await currentUser(client);
    const anyGroups = wanted.read.groups.length + wanted.update.groups.length > 0;
    const lost = lockedOut(wanted, me, anyGroups ? await groupsOf(client, me) : []);
    if (lost.length) {
      const what = lost.map((op) => op === "read" ? "view" : "edit").join(" or ");
      throw new ToolError(
        `Not changed: these restrictions would leave you (${me.displayName}) unable to ${what} page ${page.id} "${page.title}", and a lock-out cannot be undone through the API.`,
        `Add yourself or a group you belong to: ${
          lost.map((op) => op === "read" ? "read_users/read_groups" : "edit_users/edit_groups")
            .join(" and ")
        }.`,
      );
    }
    const before = await getRestrictions(client, page.id);
    const { recovered } = await writeOnce(
      async () => {
        await setRestrictions(client, page.id, wanted);
        return true;
      },
      {
        verdict: "Not changed",
        missing: `page ${page.id}'s restrictions are still the old ones`,
        find: async () => {
          const now = await getRestrictions(client, page.id);
          if (sameRestrictions(now, wanted)) return found(true);
          if (sameRestrictions(now, before)) return ABSENT;
          return unclear(`Page ${page.id}'s restrictions changed in another way meanwhile`);
        },
      },
    );
    const after = await readBack(() => getRestrictions(client, page.id));
    return {
      message: `Set the restrictions of page ${page.id}${recovered ? ` (${recovered})` : ""}.`,
      page_id: page.id,
      title: page.title,
      note: after.note,
      ...(after.value ? restrictionsView(after.value) : {}),
    };
  },
});
