import assert from "node:assert/strict";
import { ToolError } from "../../../../../src/errors.ts";
import type { RequestTypeField } from "../../../../../src/jira/service_desk.ts";
import { prepareFieldValues } from "../../../../../src/tools/jira/service_desk/_request_fields.ts";

const FIELDS: RequestTypeField[] = [
  { fieldId: "summary", name: "Summary", required: true, jiraSchema: { type: "string" } },
  { fieldId: "description", name: "Description", required: false },
  {
    fieldId: "customfield_1",
    name: "Urgency",
    required: true,
    jiraSchema: { type: "option", custom: "x:select" },
    validValues: [{ value: "10", label: "High" }, { value: "11", label: "Low" }],
  },
  {
    fieldId: "customfield_2",
    name: "Systems",
    required: false,
    jiraSchema: { type: "array", items: "option", custom: "x:multicheckboxes" },
    validValues: [{ value: "20", label: "VPN" }, { value: "21", label: "Mail" }],
  },
  { fieldId: "labels", name: "Labels", required: false, jiraSchema: { type: "array" } },
  { fieldId: "customfield_3", name: "Hidden", required: true, visible: false },
];

function refusal(values: Record<string, unknown>): string {
  try {
    prepareFieldValues(FIELDS, values, "7");
  } catch (error) {
    assert.ok(error instanceof ToolError);
    return `${error.message} ${error.hint}`;
  }
  throw new Error("not refused");
}

Deno.test("prepareFieldValues matches select values by id or label, any case", () => {
  assert.deepEqual(
    prepareFieldValues(FIELDS, {
      summary: "VPN down",
      customfield_1: "low",
      customfield_2: "vpn, 21",
      labels: "a,b",
      description: "",
    }, "7"),
    {
      summary: "VPN down",
      customfield_1: { id: "11" },
      customfield_2: [{ id: "20" }, { id: "21" }],
      labels: ["a", "b"],
    },
  );
  assert.deepEqual(
    prepareFieldValues(FIELDS, { summary: "x", customfield_1: { value: "High" } }, "7"),
    { summary: "x", customfield_1: { id: "10" } },
  );
});

Deno.test("prepareFieldValues names missing required fields, but not hidden ones", () => {
  const text = refusal({ summary: " " });
  assert.match(text, /request type 7 requires Summary \(summary\), Urgency \(customfield_1\)\./);
  assert.doesNotMatch(text, /Hidden/);
});

Deno.test("prepareFieldValues names unknown fields and lists the known ones", () => {
  const text = refusal({ summary: "x", customfield_1: "High", colour: "red", size: 2 });
  assert.match(text, /request type 7 has no field colour, size\./);
  assert.match(text, /Its fields are Summary \(summary\), Description \(description\)/);
});

Deno.test("prepareFieldValues refuses a select value no option matches, naming the options", () => {
  assert.match(
    refusal({ summary: "x", customfield_1: "Urgent" }),
    /"Urgent" is not an allowed value of Urgency \(customfield_1\)\. Use one of "High", "Low"/,
  );
  assert.match(
    refusal({ summary: "x", customfield_1: "High", customfield_2: ["VPN", "Phone"] }),
    /"Phone" is not an allowed value of Systems/,
  );
});
