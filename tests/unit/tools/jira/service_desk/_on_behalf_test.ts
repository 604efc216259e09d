import { equal } from "node:assert/strict";
import { AtlassianError } from "../../../../../src/http/mod.ts";
import { onBehalfRefused } from "../../../../../src/tools/jira/service_desk/_customer_request.ts";

/** A refused create with Atlassian's messages. */
function refused(status: number, ...messages: string[]): AtlassianError {
  return new AtlassianError({
    kind: status === 403 ? "forbidden" : "bad_request",
    product: "jira",
    method: "POST",
    path: "/rest/servicedeskapi/request",
    message: messages.join("; "),
    hint: "h",
    status,
    messages,
    mayHaveReachedServer: true,
  });
}

Deno.test("onBehalfRefused takes only a 400 or 403 about the customer as the customer's refusal", () => {
  // Python's marker words: the field name, "on behalf", an unknown user, a customer account.
  const customer = "raiseOnBehalfOf: The user does not exist.";
  equal(onBehalfRefused(refused(400, customer)), customer);
  const permission = "You do not have permission to raise requests on behalf of customers.";
  equal(onBehalfRefused(refused(403, permission)), permission);
  // Another field's problem, or any other status, is not a reason to raise the request as you.
  equal(onBehalfRefused(refused(400, "summary: You must specify a summary.")), undefined);
  equal(onBehalfRefused(refused(403, "You do not have access to this service desk.")), undefined);
  equal(onBehalfRefused(refused(500, customer)), undefined);
  equal(onBehalfRefused(new Error(customer)), undefined);
});
