import { z } from "zod";
import { getSpaceById, getSpaceByKey } from "../../../confluence/pages.ts";
import { getSpacePermissions, groupName } from "../../../confluence/permissions.ts";
import { accountNamer } from "../../../confluence/users.ts";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { defineTool } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { idString, limitedString } from "../../schemas.ts";

/** The space `ref` names: a numeric space id, or a space key. */
async function spaceOf(client: HttpClient, ref: string): Promise<{ id: string; key: string }> {
  if (/^\d+$/.test(ref)) return await getSpaceById(client, ref);
  const space = await getSpaceByKey(client, ref);
  if (space) return space;
  throw new ToolError(
    `Confluence space ${ref} does not exist or you do not have permission to see it.`,
    "Pass the numeric space id or the space key (case-sensitive, e.g. 'DOCS').",
  );
}

/** The principal's name: users by display name, groups by name, roles by id. */
async function principalName(
  client: HttpClient,
  nameUser: ReturnType<typeof accountNamer>,
  type: string,
  id: string,
): Promise<string> {
  if (type === "user") return (await nameUser(id))!;
  if (type === "group") return await groupName(client, id) ?? id;
  return id;
}

/** `confluence_get_space_permissions`: who may do what in a space. */
export const getSpacePermissionsTool = defineTool({
  name: "confluence_get_space_permissions",
  toolset: "confluence_permissions",
  product: "confluence",
  access: "read",
  deployments: ["cloud"],
  title: "Get Space Permissions",
  description:
    "List a Confluence space's permissions: each user, group or role with its operations (e.g. 'read space').",
  input: () =>
    z.object({
      space_id: idString("Space id or key, e.g. '98301' or 'DOCS'"),
      limit: z.number().int().min(1).max(250).default(25).describe("Maximum assignments per call"),
      cursor: limitedString("query", "next_cursor of the previous answer").optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const space = await spaceOf(client, args.space_id);
    assertSpaceAllowed(space.key, service.service.allowlist);
    const { permissions, nextCursor } = await getSpacePermissions(
      client,
      space.id,
      args.limit,
      args.cursor,
    );
    const byPrincipal = new Map<string, { type: string; id: string; operations: string[] }>();
    for (const p of permissions) {
      const key = `${p.principal.type}:${p.principal.id}`;
      let entry = byPrincipal.get(key);
      if (!entry) byPrincipal.set(key, entry = { ...p.principal, operations: [] });
      entry.operations.push(`${p.operation} ${p.target}`);
    }
    const nameUser = accountNamer(client);
    const principals = [];
    for (const e of byPrincipal.values()) {
      principals.push({
        type: e.type,
        name: await principalName(client, nameUser, e.type, e.id),
        operations: e.operations,
      });
    }
    return {
      space_id: space.id,
      space_key: space.key,
      principals,
      next_cursor: nextCursor,
      more: nextCursor ? true : undefined,
    };
  },
});
