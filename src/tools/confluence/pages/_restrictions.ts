/**
 * Restrictions as `confluence_get_page_restrictions` and `confluence_set_page_restrictions` show
 * them: people by display name with the id the set tool takes, groups by name; and the check
 * that the caller keeps access to a page after new restrictions.
 *
 * @module
 */
import {
  type Group,
  RESTRICTED_OPERATIONS,
  type Restriction,
  type Restrictions,
} from "../../../confluence/restrictions.ts";
import type { ConfluenceUser } from "../../../confluence/users.ts";

/** One restriction as shown: `{ users, groups }`, empty lists when unrestricted. */
function restrictionView(r: Restriction) {
  return {
    users: r.users.map((u) => ({
      display_name: u.displayName,
      account_id: u.accountId,
      username: u.username,
    })),
    groups: r.groups.map((g) => g.name),
  };
}

/** The page's restrictions as shown: `read` (who may view) and `update` (who may edit). */
export function restrictionsView(r: Restrictions) {
  return {
    read: restrictionView(r.read),
    update: restrictionView(r.update),
    unrestricted: RESTRICTED_OPERATIONS.every((op) => isOpen(r[op])) || undefined,
  };
}

function isOpen(r: Restriction): boolean {
  return !r.users.length && !r.groups.length;
}

function sameUser(a: ConfluenceUser, b: ConfluenceUser): boolean {
  if (a.accountId || b.accountId) return a.accountId === b.accountId;
  return (!!a.username && a.username === b.username) || (!!a.userKey && a.userKey === b.userKey);
}

function sameGroup(a: Group, b: Group): boolean {
  return (!!a.id && a.id === b.id) || a.name.toLowerCase() === b.name.toLowerCase();
}

/**
 * The operations (`read`, `update`) whose new restriction would leave `me` out: the list is not
 * empty and names neither `me` nor a group in `myGroups`.
 */
export function lockedOut(
  wanted: Restrictions,
  me: ConfluenceUser,
  myGroups: readonly Group[],
): ("read" | "update")[] {
  return RESTRICTED_OPERATIONS.filter((op) => {
    const r = wanted[op];
    if (isOpen(r)) return false;
    return !r.users.some((u) => sameUser(u, me)) &&
      !r.groups.some((g) => myGroups.some((mine) => sameGroup(g, mine)));
  });
}

/** Whether two sets of restrictions name the same users and groups (in any order). */
export function sameRestrictions(a: Restrictions, b: Restrictions): boolean {
  return RESTRICTED_OPERATIONS.every((op) => {
    const [x, y] = [a[op], b[op]];
    return x.users.length === y.users.length && x.groups.length === y.groups.length &&
      x.users.every((u) => y.users.some((v) => sameUser(u, v))) &&
      x.groups.every((g) => y.groups.some((h) => sameGroup(g, h)));
  });
}
