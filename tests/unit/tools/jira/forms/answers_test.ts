import assert from "node:assert/strict";
import { ToolError } from "../../../../../src/errors.ts";
import type { IssueForm } from "../../../../../src/jira/forms.ts";
import {
  answerView,
  formIndexView,
  holdsAnswer,
  prepareAnswers,
  toEpochMs,
} from "../../../../../src/tools/jira/forms/_answers.ts";

const FORM: IssueForm = {
  id: "f1",
  design: {
    questions: {
      "1": { type: "ts", label: "Title" },
      "2": { type: "no", label: "Hours" },
      "3": { type: "dt", label: "Start", jiraField: "customfield_1" },
      "4": {
        type: "cs",
        label: "Risk",
        choices: [{ id: "1", label: "Low" }, { id: "2", label: "High" }],
      },
      "5": { type: "at", label: "File" },
    },
  },
};

Deno.test("toEpochMs reads ISO dates (UTC when no zone), date-times and epoch milliseconds", () => {
  assert.equal(toEpochMs("2024-12-17"), Date.UTC(2024, 11, 17));
  assert.equal(toEpochMs("2024-12-17T19:00:00Z"), Date.UTC(2024, 11, 17, 19));
  assert.equal(toEpochMs("2024-12-17T19:00"), Date.UTC(2024, 11, 17, 19));
  assert.equal(toEpochMs("2024-12-17T19:00:00+02:00"), Date.UTC(2024, 11, 17, 17));
  assert.equal(toEpochMs(1734465600000), 1734465600000);
  for (const bad of ["next week", "2024-13-45", 1.5, true, null]) {
    assert.equal(toEpochMs(bad), undefined, String(bad));
  }
});

Deno.test("prepareAnswers converts each type and warns when a date-time loses its time", () => {
  const { answers, warnings } = prepareAnswers([
    { questionId: "1", value: "Fix" },
    { questionId: 2, type: "number", value: "7" },
    { questionId: "3", type: "DATETIME", value: "2025-03-01T14:30:00Z" },
    { questionId: "4", type: "SELECT", value: "high" },
  ], FORM);
  assert.deepEqual(answers, {
    "1": { text: "Fix" },
    "2": { text: "7" },
    "3": { date: Date.UTC(2025, 2, 1, 14, 30) },
    "4": { choices: ["2"] },
  });
  assert.deepEqual(warnings, [
    "Question 3 (Start): Jira Forms keeps only the date 2025-03-01 of a date-time answer; the time 14:30 UTC was not saved; set it in Jira field customfield_1 instead.",
  ]);
  const midnight = prepareAnswers([{ questionId: "3", value: "2025-03-01" }], FORM);
  assert.deepEqual(midnight.warnings, []);
});

Deno.test("prepareAnswers without a design trusts the ids and defaults the type to TEXT", () => {
  const { answers } = prepareAnswers([
    { questionId: "9", value: "x" },
    { questionId: "8", type: "MULTI_USER", value: ["a", "b"] },
  ], { id: "f" });
  assert.deepEqual(answers, { "9": { text: "x" }, "8": { users: ["a", "b"] } });
});

Deno.test("prepareAnswers names every problem in one refusal", () => {
  assert.throws(
    () =>
      prepareAnswers([
        "text",
        { value: 1 },
        { questionId: "7", value: "x" },
        { questionId: "1", type: "DATE", value: "2024-01-01" },
        { questionId: "4", type: "SELECT", value: ["1", "2"] },
        { questionId: "5", value: "a.txt" },
        { questionId: "1", type: "BOGUS", value: "x" },
        { questionId: "2" },
        { questionId: "2", value: 1 },
        { questionId: "2", value: 2 },
      ], FORM),
    (e: unknown) => {
      assert.ok(e instanceof ToolError);
      assert.equal(
        e.message,
        'Not updated: answer 1 is not an object like {"questionId": "1", "value": "..."}; ' +
          "answer 2 has no questionId; " +
          "answer 3 (question 7) is not a question of this form (its questions: 1, 2, 3, 4, 5); " +
          "answer 4 (question 1) is a TEXT question, not DATE; " +
          "answer 5 (question 4) takes exactly one value, got 2; " +
          "answer 6 (question 5) is a file question, which this tool cannot answer; " +
          'answer 7 (question 1) has type "BOGUS", not one of TEXT, NUMBER, DATE, DATETIME, TIME, SELECT, MULTI_SELECT, CHECKBOX, USER, MULTI_USER; ' +
          "answer 8 (question 2) has no value; " +
          "answer 10 (question 2) answers a question already answered above.",
      );
      return true;
    },
  );
});

Deno.test("answer views and the written-answer check read Atlassian's stored forms", () => {
  const risk = FORM.design!.questions!["4"];
  assert.deepEqual(answerView(risk, { choices: ["2", "9"] }), ["High", "9"]);
  assert.equal(answerView({}, { date: "2025-03-01", time: "09:15" }), "2025-03-01 09:15");
  assert.equal(answerView({}, undefined), undefined);
  assert.ok(holdsAnswer({ date: "2025-03-01" }, { date: Date.UTC(2025, 2, 1, 14, 30) }));
  assert.ok(holdsAnswer({ choices: ["2", "1"] }, { choices: ["1", "2"] }));
  assert.ok(!holdsAnswer({ text: "a" }, { text: "b" }));
  assert.ok(!holdsAnswer(undefined, { users: ["a"] }));
  assert.deepEqual(
    formIndexView({ id: "x", name: "N", submitted: true, lock: false, internal: false }),
    { id: "x", name: "N", status: "submitted", visibility: "external", updated: undefined },
  );
});
