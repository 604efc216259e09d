/**
 * Confluence page-tree handlers: a space's pages (Cloud v2), page moves (Cloud v1 REST, Data
 * Center's `movepage.action`) and page copies (Cloud v1), plus `seedBigTree`, a large branch
 * that only the tests that page through trees add.
 *
 * @module
 */
import { bodyObject, type Ctx, json, v1Fail, v2Fail } from "./_http.ts";
import { current, type FakeState, newPage, type Page } from "./_model.ts";
import {
  canEdit,
  children,
  cursorPage,
  livePage,
  nextPageId,
  parseExpand,
  spaceByKey,
  titleTaken,
  v1Content,
  v2Page,
  wouldCycle,
} from "./_confluence.ts";

/** GET /spaces/{id}/pages (Cloud v2): `depth` all or root, `status`, cursor pages. */
export function v2SpacePages(ctx: Ctx): Response {
  const space = ctx.state.spaces.find((s) => String(s.id) === ctx.params.id);
  if (!space) v2Fail(404, "Not Found");
  const depth = ctx.query.get("depth") ?? "all";
  if (depth !== "all" && depth !== "root") v2Fail(400, `Invalid value for depth: ${depth}`);
  const given = ctx.query.getAll("status");
  const statuses = given.length ? given : ["current", "archived"];
  const pages = ctx.state.pages.filter((p) =>
    p.spaceKey === space.key && statuses.includes(p.status) &&
    (depth === "all" || p.parentId === null)
  ).sort((a, b) => Number(a.id) - Number(b.id));
  return cursorPage(ctx, pages.map((p) => v2Page(ctx, p, null, current(p), false)));
}

/** The page and its descendants. */
function subtree(ctx: Ctx, page: Page): Page[] {
  return [page, ...children(ctx, page.id).flatMap((c) => subtree(ctx, c))];
}

/**
 * Moves `page` (with its descendants) under `parent` at `index` among its children; `fail`
 * answers in the route's error style. The page keeps its version: a move is not an edit.
 */
function relocate(
  ctx: Ctx,
  page: Page,
  parent: Page | null,
  spaceKey: string,
  index: number | undefined,
  fail: (status: number, message: string) => never,
): void {
  if (parent && wouldCycle(ctx, page.id, parent.id)) {
    fail(400, "Can't move a page to be a child of itself or one of its descendants.");
  }
  const moving = subtree(ctx, page);
  if (spaceKey !== page.spaceKey) {
    if (!canEdit(ctx, page.spaceKey)) {
      fail(403, "You do not have permission to remove the page from its current space.");
    }
    const clash = moving.find((p) => titleTaken(ctx, spaceKey, current(p).title));
    if (clash) {
      fail(
        400,
        `A page with the title '${
          current(clash).title
        }' already exists in the target space. Rename the page before moving it.`,
      );
    }
  }
  if (!canEdit(ctx, spaceKey)) {
    fail(403, "You do not have permission to create a page in the target space.");
  }
  const newParent = parent?.id ?? null;
  const siblings = (newParent ? children(ctx, newParent) : []).filter((p) => p !== page);
  siblings.splice(index ?? siblings.length, 0, page);
  siblings.forEach((p, i) => p.position = i);
  if (page.parentId && page.parentId !== newParent) {
    children(ctx, page.parentId).filter((p) => p !== page).forEach((p, i) => p.position = i);
  }
  page.parentId = newParent;
  current(page).parentId = newParent;
  for (const p of moving) p.spaceKey = spaceKey;
}

/** Where `position` relative to `target` puts a page: its new parent and index there. */
function placement(
  ctx: Ctx,
  target: Page,
  position: string,
): { parent: Page | null; index?: number } {
  if (position === "append") return { parent: target };
  const parent = target.parentId ? livePage(ctx, target.parentId) ?? null : null;
  const siblings = parent ? children(ctx, parent.id) : [];
  const at = siblings.indexOf(target);
  return { parent, index: position === "before" || position === "above" ? at : at + 1 };
}

/** PUT /wiki/rest/api/content/{pageId}/move/{position}/{targetId} (Cloud v1). */
export function v1MovePage(ctx: Ctx): Response {
  const fail = (status: number, message: string): never => v1Fail(status, message);
  const position = ctx.params.position;
  if (!["before", "after", "append"].includes(position)) {
    fail(400, `Invalid position: ${position}. Expected one of before, after, append.`);
  }
  const page = livePage(ctx, ctx.params.pageId);
  if (!page) fail(404, `No content found with id: ${ctx.params.pageId}`);
  const target = livePage(ctx, ctx.params.targetId);
  if (!target) fail(404, `No content found with id: ${ctx.params.targetId}`);
  if (page!.id === target!.id) fail(400, "Can't move a page relative to itself.");
  const { parent, index } = placement(ctx, target!, position);
  relocate(ctx, page!, parent, target!.spaceKey, index, fail);
  return json({ pageId: page!.id });
}

/**
 * POST /confluence/pages/movepage.action (Data Center web action): query `pageId`, `spaceKey`,
 * `targetId`, `position` (append, above, below). It checks the `X-Atlassian-Token: no-check`
 * header like every form action, and answers 200 with the page, or with `actionErrors`.
 */
export function dcMovePageAction(ctx: Ctx): Response {
  if (ctx.headers.get("x-atlassian-token") !== "no-check") {
    return new Response("XSRF check failed", {
      status: 403,
      headers: { "content-type": "text/plain" },
    });
  }
  const refuse = (_status: number, message: string): never => {
    throw new RefusedAction(message);
  };
  try {
    const page = livePage(ctx, ctx.query.get("pageId") ?? "");
    if (!page) refuse(0, "The page you are trying to move does not exist.");
    const position = ctx.query.get("position") ?? "append";
    if (!["append", "above", "below"].includes(position)) {
      refuse(0, `Unsupported position: ${position}`);
    }
    const target = livePage(ctx, ctx.query.get("targetId") ?? "");
    if (!target) refuse(0, "The target page does not exist.");
    const spaceKey = ctx.query.get("spaceKey");
    if (spaceKey && spaceByKey(ctx, spaceKey)?.key !== target!.spaceKey) {
      refuse(0, "The target page is not in the given space.");
    }
    if (page!.id === target!.id) refuse(0, "You cannot move a page relative to itself.");
    const { parent, index } = placement(ctx, target!, position);
    relocate(ctx, page!, parent, target!.spaceKey, index, refuse);
    return json({ page: { id: page!.id, title: current(page!).title, spaceKey: page!.spaceKey } });
  } catch (error) {
    if (error instanceof RefusedAction) return json({ actionErrors: [error.message] });
    throw error;
  }
}

/** A refusal the page-move action reports in its `actionErrors`. */
class RefusedAction extends Error {}

function nextAttachmentId(state: FakeState): number {
  return Math.max(6000, ...state.attachments.map((a) => Number(a.id))) + 1;
}

/** POST /wiki/rest/api/content/{id}/copy (Cloud v1): copies one page's current version. */
export function v1CopyPage(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const source = livePage(ctx, ctx.params.id);
  if (!source) v1Fail(404, `No content found with id: ${ctx.params.id}`);
  const destination = b.destination as Record<string, unknown> | undefined;
  if (!destination || typeof destination.value !== "string") {
    v1Fail(400, "destination must be specified with a type and a value");
  }
  let spaceKey: string;
  let parentId: string | null = null;
  switch (destination!.type) {
    case "space": {
      const space = spaceByKey(ctx, destination!.value as string);
      if (!space) v1Fail(404, `No space found with key: ${String(destination!.value)}`);
      spaceKey = space!.key;
      break;
    }
    case "parent_page": {
      const parent = livePage(ctx, destination!.value as string);
      if (!parent) v1Fail(404, `No content found with id: ${String(destination!.value)}`);
      spaceKey = parent!.spaceKey;
      parentId = parent!.id;
      break;
    }
    default:
      v1Fail(400, `Invalid destination type: ${String(destination!.type)}`);
  }
  if (!canEdit(ctx, spaceKey!)) {
    v1Fail(403, "You do not have permission to create content in the destination space");
  }
  const src = current(source!);
  const title = typeof b.pageTitle === "string" && b.pageTitle.trim()
    ? b.pageTitle.trim()
    : src.title;
  if (titleTaken(ctx, spaceKey!, title)) {
    v1Fail(
      400,
      `A page with this title already exists: A page already exists with the title ${title} in the space with key ${spaceKey!}`,
    );
  }
  const now = ctx.now.toISOString();
  const page = newPage({
    id: nextPageId(ctx),
    spaceKey: spaceKey!,
    parentId,
    title,
    storage: src.storage,
    adf: src.adf,
    authorId: ctx.user.id,
    createdAt: now,
    position: parentId ? children(ctx, parentId).length : 0,
    labels: b.copyLabels === true ? [...source!.labels] : [],
  });
  ctx.state.pages.push(page);
  if (b.copyAttachments === true) {
    for (const a of ctx.state.attachments.filter((x) => x.pageId === source!.id)) {
      ctx.state.attachments.push({
        ...a,
        id: String(nextAttachmentId(ctx.state)),
        pageId: page.id,
        createdAt: now,
      });
    }
  }
  return json(v1Content(ctx, page, parseExpand("version,space")));
}

/**
 * Adds a branch of `count` pages to space DOCS under the home page "Engineering Home" (1001):
 * "Big Tree" (id 8000) with children "Leaf 1".."Leaf N" (ids 8001..). For the tests that page
 * through large trees; other tests keep the small seed.
 */
export function seedBigTree(state: FakeState, count: number): void {
  const at = "2024-06-01T09:00:00.000Z";
  const page = (id: string, title: string, parentId: string, position: number): Page =>
    newPage({
      id,
      spaceKey: "DOCS",
      parentId,
      title,
      storage: `<p>${title}.</p>`,
      authorId: "alice",
      createdAt: at,
      position,
    });
  state.pages.push(page("8000", "Big Tree", "1001", 9));
  for (let i = 1; i <= count; i++) {
    state.pages.push(page(String(8000 + i), `Leaf ${i}`, "8000", i - 1));
  }
}
