/**
 * `jira_add_comment` with `public`: a customer-visible reply or an internal note on a Jira
 * Service Management request, through the Service Management API (its body is wiki markup on
 * both deployments).
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import { AtlassianError, type HttpClient } from "../../../http/mod.ts";
import { fromWikiText, toWikiText } from "../../../jira/rich.ts";
import { onJiraClock } from "../../../jira/server_time.ts";
import {
  addRequestComment,
  getRequest,
  getRequestComments,
  MAX_COMMENTS,
  type SdComment,
} from "../../../jira/service_desk.ts";
import { getMyself, sameUser, userName } from "../../../jira/users.ts";
import { theOne, unclear, writeOnce } from "../../reconcile.ts";

/** Refuses an issue that is not a customer request (Atlassian answers 404 for those). */
async function assertRequest(client: HttpClient, key: string): Promise<void> {
  try {
    await getRequest(client, key);
  } catch (error) {
    if (!(error instanceof AtlassianError) || error.status !== 404) throw error;
    throw new ToolError(
      `${key} is not a Jira Service Management request (or does not exist), so it takes no customer-visible reply or internal note.`,
      "Leave out public to add an ordinary comment; visibility restricts one to a group or role.",
      { cause: error },
    );
  }
}

/** Adds a public reply (`isPublic`) or an internal note to a request, exactly once. */
export async function addRequestCommentOnce(
  client: HttpClient,
  key: string,
  markdown: string,
  isPublic: boolean,
) {
  await assertRequest(client, key);
  const body = toWikiText(client.service, markdown);
  const kind = isPublic ? "customer-visible reply" : "internal note";
  const { value, recovered } = await writeOnce(
    () => addRequestComment(client, key, body, isPublic),
    {
      verdict: "Not added",
      missing: `${key} has no new ${kind} by you with this text`,
      find: async (startedAt) => {
        const [me, since, { comments, complete }] = await Promise.all([
          getMyself(client),
          onJiraClock(client, startedAt),
          getRequestComments(client, key),
        ]);
        if (!complete) {
          return unclear(`${key} has more than ${MAX_COMMENTS} comments to look through`);
        }
        const mine = comments.filter((c: SdComment) =>
          sameUser(c.author, me) && c.public === isPublic && c.body?.trim() === body.trim() &&
          (c.created?.epochMillis ?? 0) >= since
        );
        return theOne(mine, `${kind}s with this text by you`);
      },
    },
  );
  const added = `${isPublic ? "Customer-visible reply" : "Internal note"} added to ${key}`;
  return {
    message: recovered ? `${added} (${recovered}).` : `${added}.`,
    comment: {
      id: value.id,
      public: value.public ?? isPublic,
      author: userName(value.author),
      created: value.created?.iso8601,
      body: value.body === undefined ? undefined : fromWikiText(client.service, value.body),
    },
  };
}
