/**
 * The CQL subset the fake evaluates for real, over pages (the only content type it stores):
 * type, space / space.key / space.id, title, text, siteSearch, ancestor, parent, id / content,
 * label, creator / contributor, created, lastmodified; AND / OR / NOT, parentheses, ORDER BY.
 * Anything else is a 400 "Could not parse cql : ...", like Confluence.
 *
 * @module
 */
import { current, type FakeState, type FakeUser, type Page } from "./_model.ts";
import { clauses, evaluate, type Operand, parseQuery, textMatches } from "./_query.ts";
import { storageToText } from "./_rich.ts";

/** A CQL problem: Confluence answers 400 with this message. */
export class CqlError extends Error {
  /** Creates the error. */
  constructor(cql: string) {
    super(`Could not parse cql : ${cql}`);
    this.name = "CqlError";
  }
}

/** What a compiled query needs. */
export interface CqlContext {
  state: FakeState;
  user: FakeUser;
  now: Date;
}

/** A compiled query. */
export interface CompiledCql {
  filter(page: Page): boolean;
  compare(a: Page, b: Page): number;
  /** The `~` search terms, for excerpt highlighting. */
  terms: string[];
}

type Kind =
  | "type"
  | "space"
  | "spaceid"
  | "title"
  | "text"
  | "pageref"
  | "id"
  | "label"
  | "user"
  | "date";

interface FieldDef {
  kind: Kind;
  ops: string[];
  values(page: Page, ctx: CqlContext): (string | number)[];
  sort?: (page: Page) => string | number;
}

const EQ = ["=", "!=", "in", "not in"];
const CMP = ["=", "!=", ">", ">=", "<", "<="];

function ancestors(page: Page, state: FakeState): string[] {
  const out: string[] = [];
  let parent = page.parentId;
  while (parent) {
    out.push(parent);
    parent = state.pages.find((p) => p.id === parent)?.parentId ?? null;
  }
  return out;
}

/** The plain body text of a page, user mentions shown as display names (as search shows them). */
export function bodyText(page: Page, state: FakeState): string {
  const storage = current(page).storage.replace(
    /<ri:user\s+ri:(?:account-id|userkey|username)="([^"]*)"\s*\/>/g,
    (_, id: string) => {
      const u = state.users.find((u) => [u.accountId, u.confluenceKey, u.name].includes(id));
      return u ? u.displayName : id;
    },
  );
  return storageToText(storage);
}

/** The searchable text of a page (title, body, labels). */
export function pageText(page: Page, state: FakeState): string {
  return `${current(page).title}\n${bodyText(page, state)}\n${page.labels.join(" ")}`;
}

const FIELDS: Record<string, FieldDef> = {
  type: { kind: "type", ops: EQ, values: () => ["page"], sort: () => "page" },
  space: {
    kind: "space",
    ops: EQ,
    values: (p) => [p.spaceKey.toLowerCase()],
    sort: (p) => p.spaceKey,
  },
  "space.id": {
    kind: "spaceid",
    ops: EQ,
    values: (p, c) => [String(c.state.spaces.find((s) => s.key === p.spaceKey)?.id ?? "")],
  },
  title: {
    kind: "title",
    ops: [...EQ, "~", "!~"],
    values: (p) => [current(p).title],
    sort: (p) => current(p).title.toLowerCase(),
  },
  text: { kind: "text", ops: ["~", "!~"], values: (p, c) => [pageText(p, c.state)] },
  ancestor: { kind: "pageref", ops: EQ, values: (p, c) => ancestors(p, c.state) },
  parent: { kind: "pageref", ops: EQ, values: (p) => p.parentId ? [p.parentId] : [] },
  id: {
    kind: "id",
    ops: [...EQ, ">", ">=", "<", "<="],
    values: (p) => [p.id],
    sort: (p) => Number(p.id),
  },
  label: { kind: "label", ops: EQ, values: (p) => p.labels.map((l) => l.toLowerCase()) },
  creator: { kind: "user", ops: EQ, values: (p) => [p.authorId] },
  contributor: {
    kind: "user",
    ops: EQ,
    values: (p) => [...new Set(p.versions.map((v) => v.authorId))],
  },
  created: {
    kind: "date",
    ops: CMP,
    values: (p) => [Date.parse(p.createdAt)],
    sort: (p) => Date.parse(p.createdAt),
  },
  lastmodified: {
    kind: "date",
    ops: CMP,
    values: (p) => [Date.parse(current(p).createdAt)],
    sort: (p) => Date.parse(current(p).createdAt),
  },
};

const ALIASES: Record<string, string> = {
  "space.key": "space",
  sitesearch: "text",
  content: "id",
  "content.id": "id",
  "space.title": "space",
};

function lookup(name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return FIELDS[ALIASES[lower] ?? lower];
}

function parseDate(value: string, now: Date): number | null {
  const abs = value.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/);
  if (abs) {
    return Date.UTC(+abs[1], +abs[2] - 1, +abs[3], abs[4] ? +abs[4] : 0, abs[5] ? +abs[5] : 0);
  }
  const rel = value.match(/^([+-])?(\d+)([ywdhm])$/);
  if (rel) {
    const unit = { y: 31536000000, w: 604800000, d: 86400000, h: 3600000, m: 60000 }[rel[3] as "w"];
    return now.getTime() + (rel[1] === "-" ? -1 : 1) * Number(rel[2]) * unit;
  }
  return null;
}

/** Compiles CQL; throws `CqlError` for anything outside the subset. */
export function compileCql(cql: string, ctx: CqlContext): CompiledCql {
  let query;
  try {
    query = parseQuery(cql);
  } catch {
    throw new CqlError(cql);
  }
  if (!query.where) throw new CqlError(cql);
  const resolved = new Map<object, Set<string | number>>();
  const terms: string[] = [];
  for (const c of clauses(query.where)) {
    const def = lookup(c.field);
    if (!def || !def.ops.includes(c.op) || c.operand.kind === "empty") throw new CqlError(cql);
    const items = c.operand.kind === "list" ? c.operand.items : [c.operand];
    const set = new Set<string | number>();
    for (const item of items) {
      const v = resolve(def.kind, item, ctx);
      if (v === null) throw new CqlError(cql);
      set.add(v);
      if (c.op === "~" && (def.kind === "text" || def.kind === "title")) terms.push(String(v));
    }
    resolved.set(c, set);
  }
  for (const o of query.orderBy) if (!lookup(o.field)?.sort) throw new CqlError(cql);
  const where = query.where;
  const filter = (page: Page): boolean =>
    page.status === "current" && evaluate(where, (c) => {
      const def = lookup(c.field)!;
      const values = def.values(page, ctx);
      const set = resolved.get(c)!;
      const [first] = [...set];
      switch (c.op) {
        case "~":
          return values.some((v) => textMatches(String(v), String(first)));
        case "!~":
          return !values.some((v) => textMatches(String(v), String(first)));
        case "=":
        case "in":
          return values.some((v) => set.has(norm(def.kind, v)));
        case "!=":
        case "not in":
          return !values.some((v) => set.has(norm(def.kind, v)));
        default:
          return values.some((v) => {
            const a = Number(v);
            const b = Number(first);
            return c.op === ">" ? a > b : c.op === ">=" ? a >= b : c.op === "<" ? a < b : a <= b;
          });
      }
    });
  const compare = (a: Page, b: Page): number => {
    for (const o of query.orderBy) {
      const def = lookup(o.field)!;
      const va = def.sort!(a);
      const vb = def.sort!(b);
      if (va === vb) continue;
      const d = va < vb ? -1 : 1;
      return o.desc ? -d : d;
    }
    return Number(a.id) - Number(b.id);
  };
  return { filter, compare, terms };
}

function norm(kind: Kind, v: string | number): string | number {
  return kind === "title" ? String(v).toLowerCase() : v;
}

function resolve(kind: Kind, o: Operand, ctx: CqlContext): string | number | null {
  if (o.kind === "list" || o.kind === "empty") return null;
  if (o.kind === "func") {
    const name = o.name.toLowerCase();
    if (kind === "user" && name === "currentuser") return ctx.user.id;
    if (kind === "date" && name === "now") {
      return o.args.length ? parseDate(o.args[0], ctx.now) : ctx.now.getTime();
    }
    if (kind === "date" && name === "startofday") {
      const d = ctx.now;
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    }
    return null;
  }
  const v = o.value;
  switch (kind) {
    case "type":
    case "space":
    case "label":
    case "title":
      return v.toLowerCase();
    case "spaceid":
    case "pageref":
    case "id":
      return /^\d+$/.test(v) ? v : null;
    case "user": {
      const lower = v.toLowerCase();
      const u = ctx.state.users.find((u) =>
        [u.accountId, u.name, u.confluenceKey].some((x) => x.toLowerCase() === lower)
      );
      return u ? u.id : `unknown:${v}`;
    }
    case "date":
      return parseDate(v, ctx.now);
    default:
      return v;
  }
}
