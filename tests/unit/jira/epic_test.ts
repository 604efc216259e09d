import { deepEqual, equal } from "node:assert/strict";
import { epicKeyIn, epicValue } from "../../../src/jira/epic.ts";

Deno.test("epicKeyIn reads the parent object or the Epic Link string", () => {
  const issue = (fields: Record<string, unknown>) => ({ id: "1", key: "DEMO-3", fields });
  equal(epicKeyIn(issue({ parent: { key: "DEMO-1", id: "10001" } }), "parent"), "DEMO-1");
  equal(epicKeyIn(issue({ customfield_10014: "DEMO-1" }), "customfield_10014"), "DEMO-1");
  equal(epicKeyIn(issue({ customfield_10014: null }), "customfield_10014"), undefined);
  equal(epicKeyIn(issue({ customfield_10014: "" }), "customfield_10014"), undefined);
  equal(epicKeyIn(issue({}), "parent"), undefined);
});

Deno.test("epicValue writes parent as an object, the Epic Link field as the key", () => {
  deepEqual(epicValue("parent", "DEMO-1"), { key: "DEMO-1" });
  equal(epicValue("customfield_10014", "DEMO-1"), "DEMO-1");
});
