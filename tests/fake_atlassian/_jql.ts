/**
 * The JQL subset the fake evaluates for real, with Jira's own error messages.
 *
 * Fields: project, key/issuekey/id, issuetype/type, status, statusCategory, priority,
 * resolution, assignee, reporter, creator, parent, "Epic Link"/cf[10014], sprint/cf[10020],
 * labels, text, summary, description, comment, created, updated, duedate, resolutiondate,
 * "Story Points"/cf[10016]. Functions: currentUser(), openSprints(), futureSprints(),
 * closedSprints(), now(), startOfDay(), endOfDay(), startOfWeek(), startOfMonth().
 *
 * @module
 */
import {
  type FakeState,
  type FakeUser,
  type Issue,
  type Project,
  type RichText,
} from "./_model.ts";
import {
  clauses,
  evaluate,
  type Operand,
  parseQuery,
  QuerySyntaxError,
  textMatches,
} from "./_query.ts";
import { adfToText, wikiToText } from "./_rich.ts";

/** A JQL problem: Jira answers 400 with these `errorMessages`. */
export class JqlError extends Error {
  /** Creates the error. */
  constructor(readonly messages: string[]) {
    super(messages.join(" "));
    this.name = "JqlError";
  }
}

/** What a compiled query needs to know about the caller. */
export interface JqlContext {
  state: FakeState;
  user: FakeUser;
  now: Date;
  /** Projects the user may browse. */
  projects: Project[];
}

/** A compiled query. */
export interface CompiledJql {
  /** True when the query has a WHERE part (Cloud's search/jql rejects unbounded queries). */
  bounded: boolean;
  filter(issue: Issue): boolean;
  compare(a: Issue, b: Issue): number;
}

type Kind =
  | "project"
  | "key"
  | "issuetype"
  | "status"
  | "statuscategory"
  | "priority"
  | "resolution"
  | "user"
  | "issueref"
  | "sprint"
  | "labels"
  | "text"
  | "textfield"
  | "date"
  | "number";

interface FieldDef {
  kind: Kind;
  ops: string[];
  values(issue: Issue, ctx: JqlContext): (string | number)[];
  sort?: (issue: Issue, ctx: JqlContext) => string | number | null;
}

const EQ = ["=", "!=", "in", "not in", "is", "is not"];
const CMP = ["=", "!=", ">", ">=", "<", "<=", "in", "not in", "is", "is not"];
const TEXT = ["~", "!~", "is", "is not"];

/** The plain text of issue rich text. */
export function richText(value: RichText | null): string {
  if (value === null) return "";
  return typeof value === "string" ? wikiToText(value) : adfToText(value);
}

const ts = (iso: string | null) => iso === null ? [] : [Date.parse(iso)];

function userSort(id: string | null, ctx: JqlContext): string | null {
  return id === null ? null : ctx.state.users.find((u) => u.id === id)?.displayName ?? id;
}

const FIELDS: Record<string, FieldDef> = {
  project: {
    kind: "project",
    ops: EQ,
    values: (i) => [i.projectKey],
    sort: (i) => i.projectKey,
  },
  key: {
    kind: "key",
    ops: [...EQ, ">", ">=", "<", "<="],
    values: (i) => [i.key],
    sort: (i) => keySort(i.key),
  },
  issuetype: {
    kind: "issuetype",
    ops: EQ,
    values: (i) => [i.typeId],
    sort: (i, c) => c.state.issueTypes.find((t) => t.id === i.typeId)?.name ?? "",
  },
  status: {
    kind: "status",
    ops: EQ,
    values: (i) => [i.statusId],
    sort: (i, c) => c.state.statuses.find((s) => s.id === i.statusId)?.order ?? 0,
  },
  statuscategory: {
    kind: "statuscategory",
    ops: EQ,
    values: (i, c) => [c.state.statuses.find((s) => s.id === i.statusId)?.category ?? "new"],
  },
  priority: {
    kind: "priority",
    ops: EQ,
    values: (i) => [i.priorityId],
    sort: (i, c) => 10 - (c.state.priorities.find((p) => p.id === i.priorityId)?.order ?? 5),
  },
  resolution: {
    kind: "resolution",
    ops: EQ,
    values: (i) => i.resolution ? [i.resolution.toLowerCase()] : [],
    sort: (i) => i.resolution,
  },
  assignee: {
    kind: "user",
    ops: EQ,
    values: (i) => i.assignee ? [i.assignee] : [],
    sort: (i, c) => userSort(i.assignee, c),
  },
  reporter: {
    kind: "user",
    ops: EQ,
    values: (i) => [i.reporter],
    sort: (i, c) => userSort(i.reporter, c),
  },
  creator: {
    kind: "user",
    ops: EQ,
    values: (i) => [i.creator],
    sort: (i, c) => userSort(i.creator, c),
  },
  parent: { kind: "issueref", ops: EQ, values: (i) => i.parentKey ? [i.parentKey] : [] },
  "epic link": {
    kind: "issueref",
    ops: EQ,
    values: (i) => i.epicLink ? [i.epicLink] : [],
    sort: (i) => i.epicLink ? keySort(i.epicLink) : null,
  },
  sprint: { kind: "sprint", ops: EQ, values: (i) => i.sprintIds.map(String) },
  labels: { kind: "labels", ops: EQ, values: (i) => i.labels.map((l) => l.toLowerCase()) },
  text: { kind: "text", ops: ["~"], values: () => [] },
  summary: {
    kind: "textfield",
    ops: TEXT,
    values: (i) => [i.summary],
    sort: (i) => i.summary.toLowerCase(),
  },
  description: {
    kind: "textfield",
    ops: TEXT,
    values: (i) => i.description === null ? [] : [richText(i.description)],
  },
  comment: {
    kind: "textfield",
    ops: TEXT,
    values: (i) => i.comments.map((c) => richText(c.body)),
  },
  created: {
    kind: "date",
    ops: CMP,
    values: (i) => ts(i.created),
    sort: (i) => Date.parse(i.created),
  },
  updated: {
    kind: "date",
    ops: CMP,
    values: (i) => ts(i.updated),
    sort: (i) => Date.parse(i.updated),
  },
  duedate: {
    kind: "date",
    ops: CMP,
    values: (i) => ts(i.duedate),
    sort: (i) => i.duedate ? Date.parse(i.duedate) : null,
  },
  resolutiondate: {
    kind: "date",
    ops: CMP,
    values: (i) => ts(i.resolutiondate),
    sort: (i) => i.resolutiondate ? Date.parse(i.resolutiondate) : null,
  },
  "story points": {
    kind: "number",
    ops: CMP,
    values: (i) => i.storyPoints === null ? [] : [i.storyPoints],
    sort: (i) => i.storyPoints,
  },
};

const ALIASES: Record<string, string> = {
  issuekey: "key",
  id: "key",
  type: "issuetype",
  "cf[10014]": "epic link",
  "cf[10016]": "story points",
  "cf[10020]": "sprint",
  createddate: "created",
  updateddate: "updated",
  due: "duedate",
  resolved: "resolutiondate",
  rank: "key",
};

function lookupField(name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return FIELDS[ALIASES[lower] ?? lower];
}

function keySort(key: string): string {
  const [p, n] = key.split("-");
  return `${p}-${n.padStart(9, "0")}`;
}

const KEY_RE = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;

/** Parses a JQL date value: absolute `yyyy-MM-dd[ HH:mm]` / `yyyy/MM/dd[ HH:mm]` or a period. */
function parseDate(value: string, now: Date): number | null {
  const abs = value.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/);
  if (abs) {
    return Date.UTC(+abs[1], +abs[2] - 1, +abs[3], abs[4] ? +abs[4] : 0, abs[5] ? +abs[5] : 0);
  }
  const rel = value.replace(/\s+/g, "").match(/^([+-])?((?:\d+[wdhm])+)$/);
  if (rel) {
    let ms = 0;
    for (const m of rel[2].matchAll(/(\d+)([wdhm])/g)) {
      ms += +m[1] *
        { w: 604800000, d: 86400000, h: 3600000, m: 60000 }[m[2] as "w" | "d" | "h" | "m"];
    }
    return now.getTime() + (rel[1] === "-" ? -ms : ms);
  }
  return null;
}

function dateFunction(name: string, now: Date): number | null {
  const d = new Date(now);
  switch (name.toLowerCase()) {
    case "now":
      return d.getTime();
    case "startofday":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case "endofday":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59, 999);
    case "startofweek":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay());
    case "startofmonth":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    default:
      return null;
  }
}

interface Resolved {
  tokens: Set<string | number>;
  matchEmpty: boolean;
}

/** Compiles JQL for a caller; throws `JqlError` with Jira's messages. */
export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  let query;
  try {
    query = parseQuery(jql);
  } catch (e) {
    if (e instanceof QuerySyntaxError) {
      throw new JqlError([`Error in the JQL Query: ${e.detail} (line 1, character ${e.pos})`]);
    }
    throw e;
  }
  const errors: string[] = [];
  const all = clauses(query.where);
  for (const c of all) {
    const def = lookupField(c.field);
    if (!def) {
      errors.push(`Field '${c.field}' does not exist or you do not have permission to view it.`);
    } else if (!def.ops.includes(c.op)) {
      errors.push(
        `The operator '${c.op.toUpperCase()}' is not supported by the '${c.field}' field.`,
      );
    }
  }
  for (const o of query.orderBy) {
    const def = lookupField(o.field);
    if (!def) {
      errors.push(`Field '${o.field}' does not exist or you do not have permission to view it.`);
    } else if (!def.sort) errors.push(`Field '${o.field}' does not support sorting.`);
  }
  if (errors.length) throw new JqlError([...new Set(errors)]);

  const resolved = new Map<object, Resolved>();
  for (const c of all) {
    const def = lookupField(c.field)!;
    if (c.operand.kind === "empty") continue;
    const items = c.operand.kind === "list" ? c.operand.items : [c.operand];
    const r: Resolved = { tokens: new Set(), matchEmpty: false };
    for (const item of items) resolveOperand(def.kind, c.field, item, ctx, r, errors);
    resolved.set(c, r);
  }
  if (errors.length) throw new JqlError([...new Set(errors)]);

  const visible = new Set(ctx.projects.map((p) => p.key));
  const where = query.where;
  const filter = (issue: Issue): boolean => {
    if (!visible.has(issue.projectKey)) return false;
    if (!where) return true;
    return evaluate(where, (c) => {
      const def = lookupField(c.field)!;
      if (def.kind === "text") {
        const term = c.operand.kind === "value" ? c.operand.value : "";
        const hay = [
          issue.summary,
          richText(issue.description),
          ...issue.comments.map((x) => richText(x.body)),
        ]
          .join("\n");
        return textMatches(hay, term);
      }
      const values = def.values(issue, ctx);
      if (c.op === "is") return values.length === 0;
      if (c.op === "is not") return values.length > 0;
      if (def.kind === "textfield") {
        const term = c.operand.kind === "value" ? c.operand.value : "";
        const hit = values.some((v) => textMatches(String(v), term));
        return c.op === "~" ? hit : values.length > 0 && !hit;
      }
      const r = resolved.get(c)!;
      if ([">", ">=", "<", "<="].includes(c.op)) {
        const [bound] = [...r.tokens];
        return values.some((v) => {
          if (def.kind === "key") {
            return cmp(keySort(String(v)), keySort(String(bound)), c.op);
          }
          return cmp(Number(v), Number(bound), c.op);
        });
      }
      const hit = values.some((v) => r.tokens.has(v)) || (r.matchEmpty && values.length === 0);
      if (c.op === "=" || c.op === "in") return hit;
      return values.length > 0 && !hit;
    });
  };
  const order = query.orderBy.length ? query.orderBy : [{ field: "created", desc: true, pos: 0 }];
  const compare = (a: Issue, b: Issue): number => {
    for (const o of order) {
      const def = lookupField(o.field)!;
      const va = def.sort!(a, ctx);
      const vb = def.sort!(b, ctx);
      if (va === vb) continue;
      if (va === null) return 1;
      if (vb === null) return -1;
      const d = va < vb ? -1 : 1;
      return o.desc ? -d : d;
    }
    return keySort(b.key) < keySort(a.key) ? -1 : 1;
  };
  return { bounded: where !== null, filter, compare };
}

function cmp(a: number | string, b: number | string, op: string): boolean {
  if (op === ">") return a > b;
  if (op === ">=") return a >= b;
  if (op === "<") return a < b;
  return a <= b;
}

function resolveOperand(
  kind: Kind,
  field: string,
  o: Operand,
  ctx: JqlContext,
  r: Resolved,
  errors: string[],
): void {
  const { state } = ctx;
  if (o.kind === "list" || o.kind === "empty") return;
  if (o.kind === "func") {
    const name = o.name.toLowerCase();
    if (kind === "user" && name === "currentuser") {
      r.tokens.add(ctx.user.id);
    } else if (
      kind === "sprint" && ["opensprints", "futuresprints", "closedsprints"].includes(name)
    ) {
      const st = { opensprints: "active", futuresprints: "future", closedsprints: "closed" }[name];
      for (const s of state.sprints) if (s.state === st) r.tokens.add(String(s.id));
    } else if (kind === "date" && dateFunction(name, ctx.now) !== null) {
      r.tokens.add(dateFunction(name, ctx.now)!);
    } else {
      errors.push(`Unable to find JQL function '${o.name}(${o.args.join(", ")})'.`);
    }
    return;
  }
  const v = o.value;
  const lower = v.toLowerCase();
  const missing = () => errors.push(`The value '${v}' does not exist for the field '${field}'.`);
  switch (kind) {
    case "project": {
      const p = ctx.projects.find((p) =>
        p.key.toLowerCase() === lower || p.id === v || p.name.toLowerCase() === lower
      );
      if (p) r.tokens.add(p.key);
      else missing();
      return;
    }
    case "key":
    case "issueref": {
      if (!KEY_RE.test(v) && !/^\d+$/.test(v)) {
        errors.push(`The issue key '${v}' for field '${field}' is invalid.`);
        return;
      }
      const visible = new Set(ctx.projects.map((p) => p.key));
      // A moved issue still answers to its old keys, as in Jira.
      const issue = state.issues.find((i) =>
        (i.key.toLowerCase() === lower || i.id === v ||
          i.formerKeys?.some((k) => k.toLowerCase() === lower)) && visible.has(i.projectKey)
      );
      if (issue) r.tokens.add(issue.key);
      else {
        const shownKey = /^\d+$/.test(v) ? v : v.toUpperCase();
        errors.push(`An issue with key '${shownKey}' does not exist for field '${field}'.`);
      }
      return;
    }
    case "issuetype": {
      const t = state.issueTypes.find((t) => t.name.toLowerCase() === lower || t.id === v);
      if (t) r.tokens.add(t.id);
      else missing();
      return;
    }
    case "status": {
      const s = state.statuses.find((s) => s.name.toLowerCase() === lower || s.id === v);
      if (s) r.tokens.add(s.id);
      else missing();
      return;
    }
    case "statuscategory": {
      const map: Record<string, string> = {
        "to do": "new",
        new: "new",
        "2": "new",
        "in progress": "indeterminate",
        indeterminate: "indeterminate",
        "4": "indeterminate",
        done: "done",
        "3": "done",
      };
      if (map[lower]) r.tokens.add(map[lower]);
      else missing();
      return;
    }
    case "priority": {
      const p = state.priorities.find((p) => p.name.toLowerCase() === lower || p.id === v);
      if (p) r.tokens.add(p.id);
      else missing();
      return;
    }
    case "resolution":
      if (lower === "unresolved") r.matchEmpty = true;
      else if (["done", "won't do", "duplicate", "cannot reproduce"].includes(lower)) {
        r.tokens.add(lower);
      } else missing();
      return;
    case "user": {
      const u = state.users.find((u) =>
        [u.accountId, u.name, u.jiraKey, u.email, u.displayName].some((x) =>
          x.toLowerCase() === lower
        )
      );
      if (u) r.tokens.add(u.id);
      else missing();
      return;
    }
    case "sprint": {
      const s = /^\d+$/.test(v)
        ? state.sprints.find((s) => String(s.id) === v)
        : state.sprints.find((s) => s.name.toLowerCase() === lower);
      if (s) r.tokens.add(String(s.id));
      else if (/^\d+$/.test(v)) {
        errors.push(`Sprint with id ${v} does not exist or you do not have permission to view it.`);
      } else {errors.push(
          `Sprint with name '${v}' does not exist or you do not have permission to view it.`,
        );}
      return;
    }
    case "labels":
      r.tokens.add(lower);
      return;
    case "date": {
      const d = parseDate(v, ctx.now);
      if (d === null) {
        errors.push(
          `Date value '${v}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
        );
      } else r.tokens.add(d);
      return;
    }
    case "number": {
      const n = Number(v);
      if (Number.isFinite(n)) r.tokens.add(n);
      else errors.push(`The value '${v}' is not a valid number for the field '${field}'.`);
      return;
    }
    default:
      return;
  }
}
