import assert from "node:assert/strict";
import { rounds } from "../../../scripts/bench/direct.ts";
import type { RecordedRequest } from "../../../tests/fake_atlassian/mod.ts";

function request(path: string, receivedAt: number, answeredAt: number): RecordedRequest {
  return {
    method: "GET",
    path,
    query: new URLSearchParams(),
    body: undefined,
    headers: new Headers(),
    receivedAt,
    answeredAt,
  };
}

Deno.test("rounds: a request sent after another was answered is fetched in the next round", () => {
  const issue = request("/issue", 0, 5);
  const comments = request("/comments", 1, 4);
  const epic = request("/epic", 6, 8);
  const late = request("/late", 4.5, 7); // after the comments' answer, before the issue's
  const chained = request("/chained", 7.5, 9); // after the late one's answer
  const paths = (list: RecordedRequest[][]) => list.map((round) => round.map((r) => r.path));
  assert.deepEqual(paths(rounds([epic, comments, issue])), [["/issue", "/comments"], ["/epic"]]);
  assert.deepEqual(paths(rounds([chained, issue, comments, late, epic])), [
    ["/issue", "/comments"],
    ["/late", "/epic"],
    ["/chained"],
  ]);
  assert.deepEqual(paths(rounds([issue])), [["/issue"]]);
});
