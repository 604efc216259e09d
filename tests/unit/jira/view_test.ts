import { deepEqual, equal } from "node:assert/strict";
import type { ServiceConfig } from "../../../src/config/types.ts";
import { fieldValue as viewOf } from "../../../src/jira/view.ts";

const SERVICE = { product: "jira", deployment: "cloud" } as ServiceConfig;

/** `fieldValue` for a Cloud service that converts rich text. */
const fieldValue = (value: unknown) => viewOf(SERVICE, value);

Deno.test("fieldValue names users, options and named objects", () => {
  deepEqual(fieldValue({ displayName: "Alice Admin", accountId: "557058:alice", self: "x" }), {
    name: "Alice Admin",
    account_id: "557058:alice",
    username: "",
    email: "",
  });
  equal(fieldValue({ value: "Red", id: "1" }), "Red");
  equal(fieldValue({ value: "EU", child: { value: "Berlin" } }), "EU / Berlin");
  equal(fieldValue({ name: "High", iconUrl: "x" }), "High");
  equal(fieldValue(null), undefined);
});

Deno.test("fieldValue keeps the parts of objects without a name (links, time tracking)", () => {
  // An issue link reads from the issue it belongs to: its phrase for that end, else the type.
  deepEqual(
    fieldValue([
      {
        id: "1",
        self: "x",
        type: { name: "Blocks", inward: "is blocked by", outward: "blocks" },
        outwardIssue: { key: "DEMO-3", self: "y" },
      },
      {
        id: "2",
        type: { name: "Blocks", inward: "is blocked by", outward: "blocks" },
        inwardIssue: { key: "DEMO-4" },
      },
      { id: "3", type: { name: "Relates" }, outwardIssue: { key: "DEMO-5" } },
    ]),
    [
      { id: "1", link: "blocks DEMO-3" },
      { id: "2", link: "is blocked by DEMO-4" },
      { id: "3", link: "Relates DEMO-5" },
    ],
  );
  deepEqual(fieldValue({ originalEstimate: "1d", timeSpentSeconds: 3600 }), {
    originalEstimate: "1d",
    timeSpentSeconds: 3600,
  });
  equal(fieldValue({ self: "only noise" }), undefined);
});

Deno.test("fieldValue reads Jira Server's legacy sprint strings", () => {
  deepEqual(
    fieldValue([
      "com.atlassian.greenhopper.service.sprint.Sprint@1a2b3c[id=1,rapidViewId=1,state=ACTIVE,name=Sprint 1,startDate=2024-03-01]",
    ]),
    ["Sprint 1"],
  );
});
