import { deepEqual, equal } from "node:assert/strict";
import { z } from "zod";
import {
  idString,
  inputJsonSchema,
  issueKey,
  limitedString,
  LIMITS,
} from "../../../src/tools/schemas.ts";

const codes = (result: { error?: { issues: { code: string }[] } }) =>
  result.error?.issues.map((issue) => issue.code);

Deno.test("idString takes a string or a non-negative integer, which becomes its decimal string", () => {
  const id = idString("Page id, e.g. '123456'.");
  equal(id.parse("123456"), "123456");
  equal(id.parse(10001), "10001");
  for (const wrong of [true, {}, [], null, -1, 1.5]) {
    deepEqual(codes(id.safeParse(wrong)), ["invalid_type"], JSON.stringify(wrong));
  }
});

Deno.test("limitedString and idString refuse values over their kind's limit", () => {
  deepEqual(codes(idString("Page id.").safeParse("1".repeat(LIMITS.id + 1))), ["too_big"]);
  const jql = limitedString("query", "JQL query.");
  equal(jql.parse("x".repeat(LIMITS.query)).length, LIMITS.query);
  deepEqual(codes(jql.safeParse("x".repeat(LIMITS.query + 1))), ["too_big"]);
});

Deno.test("issueKey reports an over-long key once, as too long, not also as a bad format", () => {
  deepEqual(codes(issueKey.safeParse("x".repeat(1_000_000))), ["too_big"]);
  deepEqual(codes(issueKey.safeParse("not a key")), ["custom"]);
});

Deno.test("inputJsonSchema states each limit as maxLength, next to the key pattern in force", () => {
  const schema = inputJsonSchema({
    input: z.object({
      issue_key: issueKey,
      page_id: idString("Page id, e.g. '123456'.").optional(),
      jql: limitedString("query", "JQL query."),
    }),
  }) as { properties: Record<string, Record<string, unknown>>; additionalProperties?: unknown };
  deepEqual(schema.properties.issue_key, {
    type: "string",
    maxLength: LIMITS.id,
    description: "Jira issue key, e.g. 'PROJ-123'.",
    pattern: "^[A-Z][A-Z0-9_]+-\\d+(?:-\\d+)*$",
  });
  deepEqual(schema.properties.page_id, {
    type: "string",
    maxLength: LIMITS.id,
    description: "Page id, e.g. '123456'.",
  });
  equal(schema.properties.jql.maxLength, LIMITS.query);
  equal(schema.additionalProperties, false);
});
