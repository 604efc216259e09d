/**
 * Adding a comment exactly once: when the create's answer is lost, the comments it would have
 * joined are read again and a single new one by the caller is taken as it.
 *
 * @module
 */
import {
  createComment,
  getComment,
  type NewComment,
  siblings,
} from "../../../confluence/comments.ts";
import { currentUserId } from "../../../confluence/users.ts";
import type { ServiceHandle } from "../../define.ts";
import { readBack } from "../../read_back.ts";
import { theOne, unclear, writeOnce } from "../../reconcile.ts";
import { commentView } from "./_view.ts";

/** Creates the comment (reconciled) and answers with it read back; `where` names its place. */
export async function addCommentOnce(
  service: ServiceHandle,
  comment: NewComment,
  where: string,
): Promise<Record<string, unknown>> {
  const { client } = service;
  const earlier = await siblings(client, comment);
  const before = new Set(earlier.comments.map((c) => c.id));
  const { value: id, recovered } = await writeOnce(() => createComment(client, comment), {
    verdict: "Not added",
    missing: `no new comment by you is ${where}`,
    find: async () => {
      const now = await siblings(client, comment);
      if (!earlier.complete || !now.complete) {
        return unclear(`There are too many comments ${where} to tell whether it was added`);
      }
      // Who I am matters only when an answer was lost: asked then, not before every write.
      const me = await currentUserId(client);
      return theOne(
        now.comments.filter((c) => !before.has(c.id) && c.authorId === me).map((c) => c.id),
        `comments by you ${where}`,
      );
    },
  });
  const back = await readBack(() => getComment(client, id));
  return {
    message: `Added comment ${id} ${where}${recovered ? ` (${recovered})` : ""}.`,
    note: back.note,
    comment: back.value && await commentView(client, back.value),
  };
}
