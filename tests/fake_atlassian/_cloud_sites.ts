/**
 * The Cloud sites behind the fake `api.atlassian.com` gateway: their cloud ids, names, who may
 * reach each, and the seed of the second site (the same seed as the first, transformed so that
 * every answer from it is visibly different: a test can tell which site answered).
 *
 * @module
 */
import { type FakeState, type FakeUser, seedState } from "./_model.ts";

/** A Cloud site as the gateway and `accessible-resources` know it. */
export interface CloudSiteInfo {
  /** Key of the site on the fake (`fake.cloud`, `fake.cloud2`). */
  key: "cloud" | "cloud2";
  /** The site's cloud id (`/ex/{product}/{cloudId}`). */
  cloudId: string;
  /** The site name `accessible-resources` reports. */
  name: string;
  /** Users (ids) who may use the site: a consent grants the sites its user may reach. */
  users: readonly string[];
}

/** Cloud id of the first Cloud site (`fake.cloud`). */
export const CLOUD_ID_1 = "11111111-1111-4111-8111-111111111111";
/** Cloud id of the second Cloud site (`fake.cloud2`). */
export const CLOUD_ID_2 = "22222222-2222-4222-8222-222222222222";

/** Both Cloud sites, in the order `accessible-resources` lists them. */
export const CLOUD_SITES: readonly CloudSiteInfo[] = [
  { key: "cloud", cloudId: CLOUD_ID_1, name: "acme", users: ["alice", "bob"] },
  { key: "cloud2", cloudId: CLOUD_ID_2, name: "beta", users: ["alice", "bob", "carol"] },
];

/** Every user who can sign in at the fake `auth.atlassian.com`. */
export const CLOUD_OAUTH_USERS: readonly string[] = ["alice", "bob", "carol"];

/** The Cloud sites a user may reach (cloud ids). */
export function cloudIdsOf(user: string): string[] {
  return CLOUD_SITES.filter((s) => s.users.includes(user)).map((s) => s.cloudId);
}

/** Carol: a user of the second site only. */
export const CAROL: FakeUser = {
  id: "carol",
  accountId: "557058:carol",
  name: "carol",
  jiraKey: "JIRAUSER10002",
  confluenceKey: "ff8080817a1b2c3d017a1b2c3d4e0003",
  email: "carol@example.com",
  displayName: "Carol Contractor",
  timeZone: "Europe/Berlin",
  cloudToken: "carol-api-token",
  personalToken: "carol-personal-token",
  password: "carol-password",
};

/** Prefix of every issue summary, page title, project and space name on the second site. */
export const BETA_PREFIX = "[Beta] ";

/**
 * The seed of the second Cloud site: the Cloud seed with every issue summary, page title (all
 * versions), project and space name prefixed with `[Beta] `, plus Carol as a member of project
 * DEMO, the assignee of DEMO-3 (so `assignee = currentUser()` tells Alice, Bob and Carol apart)
 * and an editor of space DOCS.
 */
export function betaSeed(): FakeState {
  const state = seedState("cloud");
  state.cloudId = CLOUD_ID_2;
  for (const issue of state.issues) issue.summary = BETA_PREFIX + issue.summary;
  for (const page of state.pages) {
    for (const v of page.versions) v.title = BETA_PREFIX + v.title;
  }
  for (const project of state.projects) project.name = BETA_PREFIX + project.name;
  for (const space of state.spaces) space.name = BETA_PREFIX + space.name;
  state.users.push(structuredClone(CAROL));
  state.projects.find((p) => p.key === "DEMO")?.members.push(CAROL.id);
  const unassigned = state.issues.find((i) => i.key === "DEMO-3");
  if (unassigned) unassigned.assignee = CAROL.id;
  state.spaces.find((s) => s.key === "DOCS")?.editors.push(CAROL.id);
  return state;
}
