/**
 * `jira_get_issue` with its rich text new at every call. Before each call the issue's description
 * and comment bodies (ADF, on the fake's Cloud site) get one more paragraph naming the revision, so
 * the server's read cache (`src/content/read_cache.ts`) never holds them and every call converts
 * them to Markdown, as for an issue read for the first time. The floor is the same requests fetched
 * directly (`direct.ts`) right before or after each call, while the texts are as they are for
 * it; the texts are put back afterwards.
 *
 * @module
 */
import type { FakeSite, FakeState } from "../../tests/fake_atlassian/mod.ts";
import { type Paired, pairedLatency } from "./direct.ts";
import type { ToolCaller } from "./stdio_session.ts";

type RichText = FakeState["issues"][number]["description"];
type AdfDoc = Exclude<RichText, string | null>;

/** Counts the revisions made in this process, so that no text comes back in a later run. */
let revision = 0;

/**
 * `count` timed calls of `jira_get_issue` on `issueKey`, each with texts new to the server and
 * paired with `fetchAll`, a direct fetch of the requests such a call sends (`pairedLatency`).
 */
export async function freshTextLatency(
  site: FakeSite,
  client: ToolCaller,
  issueKey: string,
  fetchAll: () => Promise<void>,
  count: number,
): Promise<Paired> {
  const issue = site.state.issues.find((candidate) => candidate.key === issueKey);
  if (!issue) throw new Error(`the fake has no issue ${issueKey}`);
  const description = issue.description;
  const bodies = issue.comments.map((comment) => comment.body);
  const renew = () => {
    revision++;
    issue.description = revised(description, revision);
    issue.comments.forEach((comment, index) => comment.body = revised(bodies[index], revision));
  };
  const args = { issue_key: issueKey };
  try {
    renew();
    return await pairedLatency(client, "jira_get_issue", args, fetchAll, count, renew);
  } finally {
    issue.description = description;
    issue.comments.forEach((comment, index) => comment.body = bodies[index]);
  }
}

/** An ADF document with a last paragraph naming its revision; other texts are not Cloud's. */
function revised(text: RichText, revision: number): AdfDoc {
  if (text === null || typeof text === "string") {
    throw new Error("fresh text needs the issue's texts in ADF (the Cloud site)");
  }
  const paragraph = {
    type: "paragraph",
    content: [{ type: "text", text: `Revision ${revision}.` }],
  };
  return { ...text, content: [...text.content, paragraph] };
}
