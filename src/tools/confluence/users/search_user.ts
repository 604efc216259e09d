import { z } from "zod";
import {
  type FoundUser,
  searchGroupMembers,
  searchUsersCql,
} from "../../../confluence/user_search.ts";
import { defineTool } from "../../define.ts";
import { queryLiteral } from "../../policy.ts";
import { limitedString } from "../../schemas.ts";
import { looksLikeCql } from "../pages/search.ts";

function view(users: FoundUser[]) {
  return users.map((u) => ({ display_name: u.displayName, email: u.email, mention: u.mention }));
}

/** `confluence_search_user`: people by name (Cloud CQL; Data Center group members). */
export const searchUserTool = defineTool({
  name: "confluence_search_user",
  toolset: "confluence_users",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Search User",
  description: "Find Confluence users by name, with their mentions for pages and comments.",
  input: () =>
    z.object({
      query: limitedString("query", "Name, e.g. 'alice' (Cloud: or CQL)").min(1),
      limit: z.number().int().min(1).max(50).default(10).describe("Maximum users"),
      group_name: limitedString("name", "Data Center: group to search").default("confluence-users"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    if (service.service.deployment === "cloud") {
      const cql = looksLikeCql(args.query)
        ? args.query
        : `user.fullname ~ ${queryLiteral(args.query)}`;
      return { cql, users: view(await searchUsersCql(client, cql, args.limit)) };
    }
    const { users, more } = await searchGroupMembers(
      client,
      args.group_name,
      args.query,
      args.limit,
    );
    return {
      group: args.group_name,
      note: more
        ? `Only the first members of ${args.group_name} were searched; narrow the group with group_name.`
        : undefined,
      users: view(users),
    };
  },
});
