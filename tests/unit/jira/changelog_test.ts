import assert from "node:assert/strict";
import { changelogView, expandWithChangelog } from "../../../src/jira/changelog.ts";

Deno.test("changelogView lists entries oldest first with the texts of old and new values", () => {
  const view = changelogView([
    {
      id: "2",
      created: "2024-03-05T09:00:00.000+0000",
      author: { accountId: "557058:bob", displayName: "Bob Builder" },
      items: [{ field: "assignee", from: "557058:alice", fromString: "Alice Admin", to: null }],
    },
    {
      id: "1",
      created: "2024-03-04T10:00:00.000+0000",
      author: { name: "alice" },
      items: [{
        field: "status",
        from: "10000",
        fromString: "To Do",
        to: "3",
        toString: "In Progress",
      }],
    },
  ]);
  assert.deepEqual(view, [
    {
      created: "2024-03-04T10:00:00.000+0000",
      author: "alice",
      items: [{ field: "status", from: "To Do", to: "In Progress" }],
    },
    {
      created: "2024-03-05T09:00:00.000+0000",
      author: "Bob Builder",
      items: [{ field: "assignee", from: "Alice Admin", to: undefined }],
    },
  ]);
});

Deno.test("changelogView never mistakes Object.prototype.toString for a value", () => {
  const items = JSON.parse('[{"fieldId":"labels","from":null,"to":"urgent"}]');
  assert.deepEqual(changelogView([{ items }])[0].items, [
    { field: "labels", from: undefined, to: "urgent" },
  ]);
  assert.deepEqual(changelogView(undefined), []);
});

Deno.test("expandWithChangelog adds changelog once and keeps the other expands", () => {
  assert.equal(expandWithChangelog(undefined), "changelog");
  assert.equal(expandWithChangelog("renderedFields, names"), "renderedFields,names,changelog");
  assert.equal(expandWithChangelog("changelog,names"), "changelog,names");
});
