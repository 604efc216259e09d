import { deepEqual, equal } from "node:assert/strict";
import { z } from "zod";
import { inputOf } from "../../../src/tools/define.ts";
import {
  exampleArguments,
  exampleIn,
  exampleOf,
  explainIssues,
  typeInWords,
} from "../../../src/tools/input_errors.ts";
import { idString, issueKey } from "../../../src/tools/schemas.ts";

Deno.test("exampleIn takes the value a description gives after e.g., JSON as its text", () => {
  equal(exampleIn("Jira issue key, e.g. 'PROJ-123'."), "PROJ-123");
  equal(exampleIn("Transition id (e.g. '31') or name (e.g. 'Done')."), "31");
  equal(exampleIn("Maximum fields to return, e.g. 10."), 10);
  equal(
    exampleIn('Visibility as JSON, e.g. {"type": "role", "value": {"name": "Dev"}}.'),
    '{"type": "role", "value": {"name": "Dev"}}',
  );
  equal(exampleIn("Comment to add, in Markdown."), undefined);
});

Deno.test("exampleOf falls back on the schema: enum, default, boolean, integer", () => {
  equal(exampleOf({ type: "string", enum: ["markdown", "wiki"] }), "markdown");
  equal(exampleOf({ type: "integer", default: 10, description: "How many (0-100)." }), 10);
  equal(exampleOf({ type: "boolean" }), true);
  equal(exampleOf({ type: "integer", minimum: 1 }), 1);
  equal(exampleOf({ type: "string", description: "A title." }), undefined);
});

Deno.test("typeInWords names the type with its limits", () => {
  equal(typeInWords({ type: "string", maxLength: 255 }), "a string of at most 255 characters");
  equal(
    typeInWords({ type: "string", minLength: 1, maxLength: 1_000_000, pattern: "^A$" }),
    "a non-empty string of at most 1,000,000 characters matching ^A$",
  );
  equal(typeInWords({ type: "integer", minimum: 0, maximum: 100 }), "an integer from 0 to 100");
  equal(
    typeInWords({ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    "a non-negative integer",
  );
  equal(typeInWords({ type: "integer", minimum: 1 }), "an integer of at least 1");
  equal(
    typeInWords({ type: ["string", "integer"], maxLength: 255, minimum: 0 }),
    "a string of at most 255 characters or a non-negative integer",
  );
  equal(typeInWords({ type: "string", enum: ["a", "b"] }), "one of 'a', 'b'");
  equal(typeInWords({ type: "boolean" }), "true or false");
});

const tool = {
  input: () =>
    z.object({
      issue_key: issueKey,
      page_id: idString("Page id, e.g. '123456'.").optional(),
      format: z.enum(["markdown", "wiki"]).default("markdown").describe("Body format."),
    }),
};

Deno.test("exampleArguments builds an object from the required parameters' examples", () => {
  deepEqual(exampleArguments(tool), { issue_key: "PROJ-123" });
  deepEqual(exampleArguments({ input: () => z.object({ limit: z.number().int().default(5) }) }), {
    limit: 5,
  });
});

Deno.test("explainIssues names each parameter, what it got, the type and an example", () => {
  const args = { issue_key: "DEMO-1", page_id: true, format: "html" };
  const result = inputOf(tool).strict().safeParse(args);
  equal(
    explainIssues(tool, args, result.error!.issues),
    "page_id is true (a boolean); expected a string of at most 255 characters or a non-negative " +
      "integer, e.g. '123456'; " +
      "format is 'html'; expected one of 'markdown', 'wiki', e.g. 'markdown'",
  );
  const notObject = inputOf(tool).strict().safeParse(["DEMO-1"]);
  equal(
    explainIssues(tool, ["DEMO-1"], notObject.error!.issues),
    'arguments is an array; expected an object of parameters, e.g. {"issue_key":"PROJ-123"}',
  );
});
