import assert from "node:assert/strict";
import { parseErrorMessages } from "../../../../src/http/errors/body.ts";

Deno.test("parseErrorMessages numbers the refused items of a Jira bulk request from 1", () => {
  const body = JSON.stringify({
    issues: [],
    errors: [
      {
        status: 400,
        elementErrors: { errorMessages: [], errors: { issuetype: "Specify a valid issue type" } },
        failedElementNumber: 1,
      },
      { status: 400, elementErrors: { errorMessages: ["No such project"], errors: {} } },
    ],
  });
  assert.deepEqual(parseErrorMessages(body), [
    "item 2: issuetype: Specify a valid issue type",
    "No such project",
  ]);
});
