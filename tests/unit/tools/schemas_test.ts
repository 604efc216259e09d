import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { z } from "zod";
import {
  idString,
  inputJsonSchema,
  issueKey,
  jsonArray,
  jsonText,
  limitedString,
  LIMITS,
} from "../../../src/tools/schemas.ts";
import { ALL_TOOLS } from "../../../src/tools/registry.ts";

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

Deno.test("an idString of the name kind keeps names and takes a number as its id", () => {
  const transition = idString("Transition id (e.g. '31') or name (e.g. 'Done').", "name");
  equal(transition.parse("Done"), "Done");
  equal(transition.parse("31"), "31");
  equal(transition.parse(31), "31");
  deepEqual(codes(transition.safeParse(false)), ["invalid_type"]);
  deepEqual(codes(transition.safeParse("x".repeat(LIMITS.name + 1))), ["too_big"]);
});

Deno.test("limitedString and idString refuse values over their kind's limit", () => {
  deepEqual(codes(idString("Page id.").safeParse("1".repeat(LIMITS.id + 1))), ["too_big"]);
  const jql = limitedString("query", "JQL query.");
  equal(jql.parse("x".repeat(LIMITS.query)).length, LIMITS.query);
  deepEqual(codes(jql.safeParse("x".repeat(LIMITS.query + 1))), ["too_big"]);
});

Deno.test("jsonText takes JSON text or the JSON value itself, which becomes its text", () => {
  const fields = jsonText('JSON object, e.g. {"priority": "High"}.');
  equal(fields.parse('{"priority":"High"}'), '{"priority":"High"}');
  equal(fields.parse({ priority: "High" }), '{"priority":"High"}');
  equal(fields.parse([1, 2]), "[1,2]");
  equal(fields.optional().parse(undefined), undefined);
  deepEqual(codes(jsonText("Visibility.", "query").safeParse({ v: "x".repeat(LIMITS.query) })), [
    "too_big",
  ]);
});

Deno.test("jsonArray takes 1 to max items and refuses anything else in one sentence", () => {
  deepEqual(jsonArray("items", '[{"a": 1}]', "[{}]", 2), [{ a: 1 }]);
  throws(() => jsonArray("items", "[", "[{}]", 2), /^ToolError: items is not valid JSON: /);
  throws(() => jsonArray("items", "{}", "[{}]", 2), /items must be a non-empty JSON array\./);
  throws(() => jsonArray("items", "[]", "[{}]", 2), /items must be a non-empty JSON array\./);
  throws(
    () => jsonArray("items", "[1,2,3]", "[{}]", 2),
    /items has 3 items; one call takes at most 2\./,
  );
});

Deno.test("issueKey reports an over-long key once, as too long, not also as a bad format", () => {
  deepEqual(codes(issueKey.safeParse("x".repeat(1_000_000))), ["too_big"]);
  deepEqual(codes(issueKey.safeParse("not a key")), ["custom"]);
});

Deno.test("inputJsonSchema states each limit as maxLength, next to the key pattern in force", () => {
  const schema = inputJsonSchema({
    input: () =>
      z.object({
        issue_key: issueKey,
        page_id: idString("Page id, e.g. '123456'.").optional(),
        jql: limitedString("query", "JQL query."),
      }),
  }) as { properties: Record<string, Record<string, unknown>>; additionalProperties?: unknown };
  deepEqual(schema.properties.issue_key, {
    type: "string",
    maxLength: LIMITS.id,
    description: "Jira issue key, e.g. 'PROJ-123'",
    pattern: "^[A-Z][A-Z0-9_]+-\\d+(?:-\\d+)*$",
  });
  deepEqual(schema.properties.page_id, {
    type: ["string", "integer"],
    maxLength: LIMITS.id,
    minimum: 0,
    description: "Page id, e.g. '123456'.",
  });
  equal(schema.properties.jql.maxLength, LIMITS.query);
  equal(schema.additionalProperties, false);
});

type Schema = { properties: Record<string, Record<string, unknown>> };

Deno.test("every string parameter of every tool states one of the LIMITS as its maxLength", () => {
  const limits: number[] = Object.values(LIMITS);
  for (const tool of ALL_TOOLS) {
    for (const [name, property] of Object.entries((inputJsonSchema(tool) as Schema).properties)) {
      const types = [property.type].flat();
      if (!types.includes("string") || property.enum) continue;
      ok(limits.includes(property.maxLength as number), `${tool.name}.${name}`);
    }
  }
});

Deno.test("ids and keys stop at LIMITS.id, but confluence_get_page's page_id also takes a URL", () => {
  for (const tool of ALL_TOOLS) {
    for (const [name, property] of Object.entries((inputJsonSchema(tool) as Schema).properties)) {
      if (!/(_id|_key)$/.test(name)) continue;
      const takesUrl = tool.name === "confluence_get_page" && name === "page_id";
      equal(property.maxLength, takesUrl ? LIMITS.query : LIMITS.id, `${tool.name}.${name}`);
    }
  }
});

Deno.test("ids and transitions are advertised as a string or a non-negative integer", () => {
  const ids = ALL_TOOLS.flatMap((tool) =>
    Object.entries((inputJsonSchema(tool) as Schema).properties)
      .filter(([, property]) => Array.isArray(property.type))
      .map(([name, property]) => {
        deepEqual(property.type, ["string", "integer"], `${tool.name}.${name}`);
        equal(property.minimum, 0, `${tool.name}.${name}`);
        return `${tool.name}.${name}`;
      })
  );
  for (
    const id of [
      "confluence_get_page.page_id",
      "confluence_update_page.page_id",
      "confluence_update_page.parent_id",
      "confluence_create_page.parent_id",
      "jira_transition_issue.transition_id",
      "jira_update_issue.transition",
    ]
  ) ok(ids.includes(id), id);
});

Deno.test("README's input limits hold for every parameter they name", async () => {
  const readme = await Deno.readTextFile(new URL("../../../README.md", import.meta.url));
  const section = readme.slice(readme.indexOf("**Input limits.**"), readme.indexOf("An id ("));
  // Each bullet: "- <limit> ... `name` ...", up to the next bullet.
  const allowed = new Map<string, number[]>();
  for (const bullet of section.split(/\n- /).slice(1)) {
    const limit = Number(/^[\d,]+/.exec(bullet)![0].replaceAll(",", ""));
    ok(Object.values(LIMITS).includes(limit as never), bullet);
    for (const [, name] of bullet.matchAll(/`(\w+)`/g)) {
      allowed.set(name, [...allowed.get(name) ?? [], limit]);
    }
  }
  ok(allowed.size > 20, "the README lists the parameters by limit");
  for (const tool of ALL_TOOLS) {
    for (const [name, property] of Object.entries((inputJsonSchema(tool) as Schema).properties)) {
      const limits = allowed.get(name);
      if (!limits) continue;
      ok(limits.includes(property.maxLength as number), `${tool.name}.${name}`);
    }
  }
});
