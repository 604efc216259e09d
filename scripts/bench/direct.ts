/**
 * The floor for `jira_get_issue`: the requests one call of the tool sent to the fake (path,
 * query, headers), fetched directly from the fake, all at once. The tool sends some of them one
 * after another, so this floor is low and what the server adds is, if anything, overstated.
 *
 * @module
 */
import type { RecordedRequest } from "../../tests/fake_atlassian/mod.ts";

/** Fetches every request of one tool call from `origin` at once and reads the answers. */
export async function fetchAll(
  origin: string,
  requests: readonly RecordedRequest[],
): Promise<void> {
  await Promise.all(requests.map(async (request) => {
    const query = String(request.query) ? `?${request.query}` : "";
    const response = await fetch(`${origin}${request.path}${query}`, { headers: request.headers });
    if (!response.ok) throw new Error(`direct ${request.path}: HTTP ${response.status}`);
    await response.arrayBuffer();
  }));
}

/** `count` sequential times of `fetchAll`, after 5 untimed warm-up rounds, in ms. */
export async function directLatency(
  origin: string,
  requests: readonly RecordedRequest[],
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const t = performance.now();
    await fetchAll(origin, requests);
    if (i >= 5) times.push(performance.now() - t);
  }
  return times;
}
