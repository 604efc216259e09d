import { deepEqual, equal } from "node:assert/strict";
import { isWatching, matchWatchers, watcherRef } from "../../../src/jira/watchers.ts";
import type { JiraWatchers } from "../../../src/jira/types.ts";

const CLOUD: JiraWatchers = {
  watchCount: 2,
  watchers: [
    { accountId: "557058:alice", displayName: "Alice Admin", emailAddress: "alice@example.com" },
    { accountId: "557058:bob", displayName: "Bob Builder" },
  ],
};
const DC: JiraWatchers = {
  watchers: [{ name: "bob", key: "JIRAUSER10001", displayName: "Bob Builder" }],
};

Deno.test("matchWatchers recognises ids, names, keys and e-mails in any case", () => {
  deepEqual(matchWatchers(CLOUD, "ALICE@example.com").map((w) => w.accountId), ["557058:alice"]);
  deepEqual(matchWatchers(CLOUD, "bob builder").map((w) => w.accountId), ["557058:bob"]);
  deepEqual(matchWatchers(CLOUD, "accountid:557058:bob").map((w) => w.accountId), [
    "557058:bob",
  ]);
  deepEqual(matchWatchers(DC, "jirauser10001").map((w) => w.name), ["bob"]);
  deepEqual(matchWatchers(CLOUD, "carol"), []);
});

Deno.test("watcherRef and isWatching use the account id on Cloud, the name or key on DC", () => {
  deepEqual(watcherRef(CLOUD.watchers![1]), { accountId: "557058:bob" });
  deepEqual(watcherRef(DC.watchers![0]), { name: "bob" });
  deepEqual(watcherRef({ key: "JIRAUSER10001" }), { name: "JIRAUSER10001" });
  equal(watcherRef({ displayName: "Nobody" }), undefined);
  equal(isWatching(CLOUD, { accountId: "557058:bob" }), true);
  equal(isWatching(CLOUD, { accountId: "557058:carol" }), false);
  equal(isWatching(DC, { name: "JIRAUSER10001" }), true);
  equal(isWatching({}, { name: "bob" }), false);
});
