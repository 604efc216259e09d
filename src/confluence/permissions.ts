/**
 * Confluence Cloud permission reads: whether a user or group may read, update or delete a piece
 * of content (REST v1 permission check), a space's permission assignments (REST v2), and the
 * names behind the principals those assignments give by id.
 *
 * @module
 */
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";

/** The operations the content permission check takes. */
export const CHECKED_OPERATIONS = ["read", "update", "delete"] as const;

/** What a permission check answered. */
export interface PermissionCheck {
  allowed: boolean;
  /** Atlassian's reasons when it is not allowed. */
  reasons: string[];
}

const CHECK = objectAnswer("a permission check", {});
const ASSIGNMENTS = objectAnswer("a list of space permissions", {});
const GROUP = objectAnswer("a group", {});

/** Whether a user (account id) or group (group id) may do `operation` on the content. */
export async function checkContentPermission(
  client: HttpClient,
  contentId: string,
  subject: { type: "user" | "group"; identifier: string },
  operation: typeof CHECKED_OPERATIONS[number],
): Promise<PermissionCheck> {
  const answer = await client.post<
    { hasPermission?: boolean; errors?: { translation?: string; key?: string }[] }
  >(path`/rest/api/content/${contentId}/permission/check`, { subject, operation }, undefined, {
    expect: CHECK,
  });
  return {
    allowed: answer.hasPermission === true,
    reasons: (answer.errors ?? []).map((e) => e.translation ?? e.key ?? "").filter(Boolean),
  };
}

/** One permission of a space, given to a user, group or role (by id). */
export interface SpacePermission {
  principal: { type: string; id: string };
  operation: string;
  target: string;
}

/** One page of a space's permission assignments, with the cursor of the next. */
export async function getSpacePermissions(
  client: HttpClient,
  spaceId: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ permissions: SpacePermission[]; nextCursor?: string }> {
  const answer = await client.get<{
    results?: {
      principal?: { type?: string; id?: string };
      operation?: { key?: string; targetType?: string };
    }[];
    _links?: { next?: string };
  }>(path`/api/v2/spaces/${spaceId}/permissions`, { limit, cursor }, { expect: ASSIGNMENTS });
  const next = answer._links?.next;
  return {
    permissions: (answer.results ?? []).map((r) => ({
      principal: { type: r.principal?.type ?? "", id: r.principal?.id ?? "" },
      operation: r.operation?.key ?? "",
      target: r.operation?.targetType ?? "",
    })),
    nextCursor: next
      ? new URLSearchParams(next.slice(next.indexOf("?") + 1)).get("cursor") ?? undefined
      : undefined,
  };
}

/** A Cloud group's name by its id, or undefined when it cannot be read. */
export async function groupName(client: HttpClient, id: string): Promise<string | undefined> {
  try {
    return (await client.get<{ name?: string }>("/rest/api/group/by-id", { id }, {
      expect: GROUP,
    })).name;
  } catch {
    return undefined; // a deleted or hidden group keeps its id
  }
}
