/**
 * Page content properties: Cloud REST v2 (`/pages/{page-id}/properties[/{property-id}]`,
 * addressed by id, `?key=` filters) and Data Center REST v1 (`/content/{id}/property[/{key}]`).
 * Every property has a version; an update must send current + 1 (else 409), as Confluence does.
 *
 * @module
 */
import { bodyObject, type Ctx, json, noContent, v1Fail, v2Fail } from "./_http.ts";
import type { ContentProperty, Page } from "./_model.ts";
import {
  canEdit,
  contextPath,
  cursorPage,
  livePage,
  siteBase,
  startLimit,
  user,
} from "./_confluence.ts";

const MAX_KEY = 255;

function propertiesOf(ctx: Ctx, pageId: string): ContentProperty[] {
  return ctx.state.properties.filter((p) => p.pageId === pageId);
}

function addProperty(ctx: Ctx, page: Page, key: string, value: unknown): ContentProperty {
  const property: ContentProperty = {
    id: String(ctx.state.seq.property++),
    pageId: page.id,
    key,
    value,
    version: 1,
    createdAt: ctx.now.toISOString(),
    authorId: ctx.user.id,
  };
  ctx.state.properties.push(property);
  return property;
}

function bump(ctx: Ctx, property: ContentProperty, value: unknown): void {
  property.value = value;
  property.version++;
  property.createdAt = ctx.now.toISOString();
  property.authorId = ctx.user.id;
}

/** The version number an update sent, or undefined when it sent none. */
function sentVersion(b: Record<string, unknown>): number | undefined {
  const version = b.version as Record<string, unknown> | undefined;
  return typeof version?.number === "number" ? version.number : undefined;
}

// --- Cloud v2 --------------------------------------------------------------------------------

function v2Property(ctx: Ctx, p: ContentProperty): Record<string, unknown> {
  return {
    id: p.id,
    key: p.key,
    value: p.value,
    version: {
      createdAt: p.createdAt,
      message: "",
      number: p.version,
      minorEdit: false,
      authorId: user(ctx, p.authorId).accountId,
    },
  };
}

function v2PageOf(ctx: Ctx): Page {
  const id = ctx.params["page-id"];
  if (!/^\d+$/.test(id)) v2Fail(400, `Invalid value for page-id: ${id}`);
  const page = livePage(ctx, id);
  if (!page) v2Fail(404, "Not Found");
  return page;
}

function v2Writable(ctx: Ctx): Page {
  const page = v2PageOf(ctx);
  if (!canEdit(ctx, page.spaceKey)) {
    v2Fail(403, "You do not have permission to edit the properties of this page");
  }
  return page;
}

function v2PropertyOf(ctx: Ctx, page: Page): ContentProperty {
  const property = propertiesOf(ctx, page.id).find((p) => p.id === ctx.params["property-id"]);
  if (!property) v2Fail(404, "Not Found");
  return property;
}

/** GET /pages/{page-id}/properties (`key` filters, `sort` = key or -key, cursor paging). */
export function v2ListPageProperties(ctx: Ctx): Response {
  const page = v2PageOf(ctx);
  const key = ctx.query.get("key");
  const sort = ctx.query.get("sort");
  if (sort !== null && sort !== "key" && sort !== "-key") {
    v2Fail(400, `Invalid value for sort: ${sort}`);
  }
  const list = propertiesOf(ctx, page.id).filter((p) => key === null || p.key === key);
  if (sort) {
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (sort === "-key" ? -1 : 1));
  }
  return cursorPage(ctx, list.map((p) => v2Property(ctx, p)));
}

/** POST /pages/{page-id}/properties: a new key (an existing one is 409). */
export function v2CreatePageProperty(ctx: Ctx): Response {
  const page = v2Writable(ctx);
  const b = bodyObject(ctx);
  if (typeof b.key !== "string" || !b.key.trim()) v2Fail(400, "Property key is required");
  if (b.key.length > MAX_KEY) v2Fail(400, `Property key must be at most ${MAX_KEY} characters`);
  if (b.value === undefined) v2Fail(400, "Property value is required");
  if (propertiesOf(ctx, page.id).some((p) => p.key === b.key)) {
    v2Fail(409, `A content property with key '${b.key}' already exists on this page`);
  }
  return json(v2Property(ctx, addProperty(ctx, page, b.key, b.value)));
}

/** GET /pages/{page-id}/properties/{property-id}. */
export function v2GetPageProperty(ctx: Ctx): Response {
  const page = v2PageOf(ctx);
  return json(v2Property(ctx, v2PropertyOf(ctx, page)));
}

/** PUT /pages/{page-id}/properties/{property-id}: version.number must be current + 1, else 409. */
export function v2UpdatePageProperty(ctx: Ctx): Response {
  const page = v2Writable(ctx);
  const property = v2PropertyOf(ctx, page);
  const b = bodyObject(ctx);
  if (b.key !== undefined && b.key !== property.key) {
    v2Fail(400, "The key in the body does not match the property's key");
  }
  if (b.value === undefined) v2Fail(400, "Property value is required");
  const number = sentVersion(b);
  if (number === undefined) v2Fail(400, "version.number is required");
  if (number !== property.version + 1) {
    v2Fail(
      409,
      `Version must be incremented on update. Current version is: ${property.version}`,
    );
  }
  bump(ctx, property, b.value);
  return json(v2Property(ctx, property));
}

/** DELETE /pages/{page-id}/properties/{property-id}. */
export function v2DeletePageProperty(ctx: Ctx): Response {
  const page = v2Writable(ctx);
  const property = v2PropertyOf(ctx, page);
  ctx.state.properties = ctx.state.properties.filter((p) => p !== property);
  return noContent();
}

// --- Data Center v1 --------------------------------------------------------------------------

function v1Property(ctx: Ctx, p: ContentProperty): Record<string, unknown> {
  const self = `/rest/api/content/${p.pageId}/property/${encodeURIComponent(p.key)}`;
  return {
    id: p.id,
    key: p.key,
    value: p.value,
    version: {
      when: p.createdAt,
      message: "",
      number: p.version,
      minorEdit: false,
      hidden: false,
    },
    _links: { base: siteBase(ctx), context: contextPath(ctx), self: `${siteBase(ctx)}${self}` },
    _expandable: { content: `/rest/api/content/${p.pageId}` },
  };
}

function v1PageOf(ctx: Ctx): Page {
  const page = livePage(ctx, ctx.params.id);
  if (!page) v1Fail(404, `No content found with id: ContentId{id=${ctx.params.id}}`);
  return page;
}

function v1Writable(ctx: Ctx): Page {
  const page = v1PageOf(ctx);
  if (!canEdit(ctx, page.spaceKey)) {
    v1Fail(403, `User not permitted to edit content with id: ContentId{id=${page.id}}`);
  }
  return page;
}

function v1Find(ctx: Ctx, page: Page, key: string): ContentProperty | undefined {
  return propertiesOf(ctx, page.id).find((p) => p.key === key);
}

function v1Missing(page: Page, key: string): never {
  v1Fail(404, `Cannot find content property with key '${key}' on ContentId{id=${page.id}}`);
}

/** GET content/{id}/property (start/limit, default 10). */
export function v1ListContentProperties(ctx: Ctx): Response {
  const page = v1PageOf(ctx);
  return startLimit(ctx, propertiesOf(ctx, page.id).map((p) => v1Property(ctx, p)), 10, 200);
}

/** POST content/{id}/property and content/{id}/property/{key}: a new key (existing: 400). */
export function v1CreateContentProperty(ctx: Ctx): Response {
  const page = v1Writable(ctx);
  const b = bodyObject(ctx);
  const key = ctx.params.key ?? b.key;
  if (ctx.params.key !== undefined && b.key !== undefined && b.key !== ctx.params.key) {
    v1Fail(400, "The key in the body does not match the key in the path.");
  }
  if (typeof key !== "string" || !key.trim()) v1Fail(400, "Property key must be provided.");
  if (key.length > MAX_KEY) v1Fail(400, `Property key must be at most ${MAX_KEY} characters.`);
  if (b.value === undefined) v1Fail(400, "Property value must be provided.");
  if (v1Find(ctx, page, key)) {
    v1Fail(
      400,
      `Cannot create content property with key '${key}': ContentId{id=${page.id}} already has a property with this key.`,
    );
  }
  return json(v1Property(ctx, addProperty(ctx, page, key, b.value)));
}

/** GET content/{id}/property/{key}. */
export function v1GetContentProperty(ctx: Ctx): Response {
  const page = v1PageOf(ctx);
  const property = v1Find(ctx, page, ctx.params.key);
  if (!property) v1Missing(page, ctx.params.key);
  return json(v1Property(ctx, property));
}

/**
 * PUT content/{id}/property/{key}: version.number must be current + 1 (else 409); version 1
 * for a key that does not exist creates it.
 */
export function v1UpdateContentProperty(ctx: Ctx): Response {
  const page = v1Writable(ctx);
  const key = ctx.params.key;
  const b = bodyObject(ctx);
  if (b.key !== undefined && b.key !== key) {
    v1Fail(400, "The key in the body does not match the key in the path.");
  }
  if (b.value === undefined) v1Fail(400, "Property value must be provided.");
  const number = sentVersion(b);
  if (number === undefined) {
    v1Fail(400, "Must supply an incremented version when updating a content property.");
  }
  const property = v1Find(ctx, page, key);
  if (!property) {
    if (number !== 1) v1Missing(page, key);
    return json(v1Property(ctx, addProperty(ctx, page, key, b.value)));
  }
  if (number !== property.version + 1) {
    v1Fail(
      409,
      `Version must be incremented on update. Current version is: ${property.version}`,
    );
  }
  bump(ctx, property, b.value);
  return json(v1Property(ctx, property));
}

/** DELETE content/{id}/property/{key}. */
export function v1DeleteContentProperty(ctx: Ctx): Response {
  const page = v1Writable(ctx);
  const property = v1Find(ctx, page, ctx.params.key);
  if (!property) v1Missing(page, ctx.params.key);
  ctx.state.properties = ctx.state.properties.filter((p) => p !== property);
  return noContent();
}
