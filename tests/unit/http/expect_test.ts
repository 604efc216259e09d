import assert from "node:assert/strict";
import { z } from "zod";
import { listAnswer, NO_CONTENT, objectAnswer, shapeProblem } from "../../../src/http/expect.ts";

const issue = objectAnswer("an issue", {
  key: z.string(),
  fields: z.object({ summary: z.string(), labels: z.array(z.string()) }),
});
const pages = listAnswer("a list of pages", { id: z.string() });

const anIssue = { key: "DEMO-1", fields: { summary: "Fix login", labels: ["ui"] } };

Deno.test("objectAnswer and listAnswer name the answer in their description", () => {
  assert.equal(issue.description, "an issue");
  assert.equal(pages.description, "a list of pages");
  assert.equal(NO_CONTENT.description, "an empty 204 answer");
});

Deno.test("shapeProblem finds no problem in a fitting answer, extra fields included", () => {
  assert.equal(shapeProblem(issue, anIssue), undefined);
  assert.equal(
    shapeProblem(issue, { ...anIssue, id: "10001", fields: { ...anIssue.fields, extra: 1 } }),
    undefined,
  );
  assert.equal(shapeProblem(pages, []), undefined);
  assert.equal(shapeProblem(pages, [{ id: "1", title: "t" }, { id: "2" }]), undefined);
});

Deno.test("shapeProblem calls a missing answer empty", () => {
  assert.equal(shapeProblem(issue, undefined), "the answer is empty");
  assert.equal(shapeProblem(pages, undefined), "the answer is empty");
});

Deno.test("shapeProblem names a missing field", () => {
  assert.equal(shapeProblem(issue, { fields: anIssue.fields }), '"key" is missing');
  assert.equal(shapeProblem(issue, { ...anIssue, key: undefined }), '"key" is missing');
  assert.equal(
    shapeProblem(issue, { key: "DEMO-1", fields: { labels: [] } }),
    '"fields.summary" is missing',
  );
});

Deno.test("shapeProblem names a field of the wrong type and what it is", () => {
  assert.equal(shapeProblem(issue, { ...anIssue, key: 5 }), '"key" is number, not string');
  assert.equal(shapeProblem(issue, { ...anIssue, key: null }), '"key" is null, not string');
  assert.equal(shapeProblem(issue, { ...anIssue, key: ["a"] }), '"key" is a list, not string');
  assert.equal(shapeProblem(issue, { ...anIssue, key: true }), '"key" is boolean, not string');
});

Deno.test("shapeProblem names a nested path with dots", () => {
  assert.equal(
    shapeProblem(issue, { key: "DEMO-1", fields: { summary: 3, labels: [] } }),
    '"fields.summary" is number, not string',
  );
  assert.equal(
    shapeProblem(issue, { key: "DEMO-1", fields: { summary: "s", labels: "ui" } }),
    '"fields.labels" is string, not array',
  );
  assert.equal(
    shapeProblem(issue, { key: "DEMO-1", fields: { summary: "s", labels: ["ui", 7] } }),
    '"fields.labels.1" is number, not string',
  );
});

Deno.test("shapeProblem describes a whole answer of the wrong type", () => {
  assert.equal(shapeProblem(issue, null), "the answer is null, not object");
  assert.equal(shapeProblem(issue, []), "the answer is a list, not object");
  assert.equal(shapeProblem(issue, "<html>"), "the answer is string, not object");
  assert.equal(shapeProblem(pages, {}), "the answer is object, not array");
});

Deno.test("shapeProblem names the bad item of a list answer by its index", () => {
  assert.equal(shapeProblem(pages, [{ id: "1" }, { id: 2 }]), '"1.id" is number, not string');
  assert.equal(shapeProblem(pages, [{ id: "1" }, { title: "t" }]), '"1.id" is missing');
  assert.equal(shapeProblem(pages, [{ id: "1" }, null]), '"1" is null, not object');
});

Deno.test("shapeProblem passes an empty 204 and refuses one with a body", () => {
  assert.equal(shapeProblem(NO_CONTENT, undefined), undefined);
  assert.equal(shapeProblem(NO_CONTENT, {}), "it has a body");
  assert.equal(shapeProblem(NO_CONTENT, { id: "1" }), "it has a body");
  assert.equal(shapeProblem(NO_CONTENT, ""), "it has a body");
  assert.equal(shapeProblem(NO_CONTENT, null), "it has a body");
});

Deno.test("shapeProblem reports other problems with zod's message and the path", () => {
  const status = objectAnswer("a status", { state: z.enum(["open", "done"]) });
  const problem = shapeProblem(status, { state: "gone" });
  assert.ok(problem?.startsWith('"state": '), problem);
  assert.match(problem!, /"open"/);
  assert.equal(shapeProblem(status, { state: "done" }), undefined);
});
