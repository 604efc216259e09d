/**
 * The query-language core shared by the fake's JQL and CQL: a lexer and a recursive-descent
 * parser for `field op operand` clauses joined by AND / OR / NOT and parentheses, followed by
 * an optional `ORDER BY field [ASC|DESC], ...`. Field checks and evaluation live in
 * `_jql.ts` and `_cql.ts`.
 *
 * @module
 */

/** A lexical token. `pos` is the 1-based character position in the query. */
export interface Token {
  kind: "word" | "string" | "op" | "lparen" | "rparen" | "comma" | "eof";
  value: string;
  pos: number;
}

/** A syntax problem at a position, with a detail sentence. */
export class QuerySyntaxError extends Error {
  /** Creates the error. */
  constructor(readonly detail: string, readonly pos: number) {
    super(detail);
    this.name = "QuerySyntaxError";
  }
}

const STOP = new Set([..." \t\r\n()=,!~<>\"'"]);

/** Splits a query into tokens. */
export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (c === "(") out.push({ kind: "lparen", value: c, pos }), i++;
    else if (c === ")") out.push({ kind: "rparen", value: c, pos }), i++;
    else if (c === ",") out.push({ kind: "comma", value: c, pos }), i++;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\" && j + 1 < src.length) {
          value += src[j + 1];
          j += 2;
        } else value += src[j++];
      }
      if (j >= src.length) {
        throw new QuerySyntaxError(`The quoted string '${value}' has not been completed.`, pos);
      }
      out.push({ kind: "string", value, pos });
      i = j + 1;
    } else if ("!<>".includes(c) && src[i + 1] === "=") {
      out.push({ kind: "op", value: c + "=", pos });
      i += 2;
    } else if (c === "!" && src[i + 1] === "~") {
      out.push({ kind: "op", value: "!~", pos });
      i += 2;
    } else if ("=~<>".includes(c)) {
      out.push({ kind: "op", value: c, pos });
      i++;
    } else if (c === "!") {
      out.push({ kind: "word", value: "NOT", pos });
      i++;
    } else {
      let j = i;
      while (j < src.length && !STOP.has(src[j])) j++;
      out.push({ kind: "word", value: src.slice(i, j), pos });
      i = j;
    }
  }
  out.push({ kind: "eof", value: "", pos: src.length + 1 });
  return out;
}

/** An operand: a literal value, a function call, a parenthesised list, or EMPTY/NULL. */
export type Operand =
  | { kind: "value"; value: string; quoted: boolean; pos: number }
  | { kind: "func"; name: string; args: string[]; pos: number }
  | { kind: "list"; items: Operand[]; pos: number }
  | { kind: "empty"; pos: number };

/** A boolean expression over clauses. */
export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr }
  | { kind: "clause"; field: string; op: string; operand: Operand; pos: number };

/** A parsed query. */
export interface Query {
  where: Expr | null;
  orderBy: { field: string; desc: boolean; pos: number }[];
}

const OPERATORS = ["=", "!=", "~", "!~", "<", ">", "<=", ">="];

/** The operator list quoted in "Expecting operator" messages (Jira's wording). */
export const VALID_OPERATORS =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

function kw(t: Token, word: string): boolean {
  return t.kind === "word" && t.value.toUpperCase() === word;
}

function shown(t: Token): string {
  return t.kind === "eof" ? "EOF" : t.value;
}

/** Parses a query. Field names are returned as written (lower-cased for the caller to map). */
export function parseQuery(src: string): Query {
  const toks = lex(src);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];

  const operand = (): Operand => {
    const t = peek();
    if (t.kind === "lparen") {
      next();
      const items: Operand[] = [];
      if (peek().kind === "rparen") {
        throw new QuerySyntaxError("Expecting either a value or function but got ')'.", peek().pos);
      }
      for (;;) {
        const item = operand();
        if (item.kind === "list") throw new QuerySyntaxError("Lists cannot be nested.", item.pos);
        items.push(item);
        const sep = next();
        if (sep.kind === "rparen") break;
        if (sep.kind !== "comma") {
          throw sep.kind === "eof"
            ? new QuerySyntaxError("Expecting ')' before the end of the query.", sep.pos)
            : new QuerySyntaxError(`Expecting ',' or ')' but got '${shown(sep)}'.`, sep.pos);
        }
      }
      return { kind: "list", items, pos: t.pos };
    }
    if (t.kind === "string") {
      next();
      return { kind: "value", value: t.value, quoted: true, pos: t.pos };
    }
    if (t.kind === "word") {
      next();
      if (peek().kind === "lparen") {
        next();
        const args: string[] = [];
        while (peek().kind !== "rparen") {
          const a = next();
          if (a.kind === "eof") {
            throw new QuerySyntaxError("Expecting ')' before the end of the query.", a.pos);
          }
          if (a.kind === "string" || a.kind === "word") args.push(a.value);
          else if (a.kind !== "comma") {
            throw new QuerySyntaxError(`Expecting ',' or ')' but got '${shown(a)}'.`, a.pos);
          }
        }
        next();
        return { kind: "func", name: t.value, args, pos: t.pos };
      }
      const upper = t.value.toUpperCase();
      if (upper === "EMPTY" || upper === "NULL") return { kind: "empty", pos: t.pos };
      if (["AND", "OR", "NOT", "ORDER", "IN", "IS", "&&", "||"].includes(upper)) {
        throw new QuerySyntaxError(
          `Expecting either a value, list or function but got '${t.value}'. You must surround '${t.value}' in quotation marks to use it as a value.`,
          t.pos,
        );
      }
      return { kind: "value", value: t.value, quoted: false, pos: t.pos };
    }
    if (t.kind === "eof") {
      throw new QuerySyntaxError(
        "Expecting either a value, list or function before the end of the query.",
        t.pos,
      );
    }
    throw new QuerySyntaxError(
      `Expecting either a value, list or function but got '${t.value}'.`,
      t.pos,
    );
  };

  const clause = (): Expr => {
    const f = next();
    if (f.kind !== "word" && f.kind !== "string") {
      throw f.kind === "eof"
        ? new QuerySyntaxError("Expecting a field name before the end of the query.", f.pos)
        : new QuerySyntaxError(
          `Expecting a field name but got '${f.value}'. You must surround '${f.value}' in quotation marks to use it as a field name.`,
          f.pos,
        );
    }
    const o = next();
    let op: string;
    if (o.kind === "op" && OPERATORS.includes(o.value)) op = o.value;
    else if (kw(o, "IN")) op = "in";
    else if (kw(o, "NOT") && kw(peek(), "IN")) next(), op = "not in";
    else if (kw(o, "IS")) {
      if (kw(peek(), "NOT")) next(), op = "is not";
      else op = "is";
    } else {
      throw o.kind === "eof"
        ? new QuerySyntaxError(
          `Expecting operator before the end of the query. ${VALID_OPERATORS}`,
          o.pos,
        )
        : new QuerySyntaxError(
          `Expecting operator but got '${o.value}'. ${VALID_OPERATORS}`,
          o.pos,
        );
    }
    const value = operand();
    if ((op === "is" || op === "is not") && value.kind !== "empty") {
      throw new QuerySyntaxError(
        `Expecting 'EMPTY' or 'NULL' but got '${value.kind === "value" ? value.value : "("}'.`,
        value.pos,
      );
    }
    if ((op === "in" || op === "not in") && value.kind !== "list" && value.kind !== "func") {
      throw new QuerySyntaxError("Expecting '(' after the operator 'IN'.", value.pos);
    }
    return { kind: "clause", field: f.value, op, operand: value, pos: f.pos };
  };

  const unary = (): Expr => {
    const t = peek();
    if (kw(t, "NOT")) {
      next();
      return { kind: "not", expr: unary() };
    }
    if (t.kind === "lparen") {
      next();
      const e = or();
      const close = next();
      if (close.kind !== "rparen") {
        throw close.kind === "eof"
          ? new QuerySyntaxError("Expecting ')' before the end of the query.", close.pos)
          : new QuerySyntaxError(`Expecting ')' but got '${close.value}'.`, close.pos);
      }
      return e;
    }
    return clause();
  };
  const and = (): Expr => {
    let left = unary();
    while (kw(peek(), "AND") || kw(peek(), "&&")) {
      next();
      left = { kind: "and", left, right: unary() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (kw(peek(), "OR") || kw(peek(), "||")) {
      next();
      left = { kind: "or", left, right: and() };
    }
    return left;
  };

  let where: Expr | null = null;
  if (peek().kind !== "eof" && !kw(peek(), "ORDER")) where = or();
  const orderBy: Query["orderBy"] = [];
  if (kw(peek(), "ORDER")) {
    next();
    const by = next();
    if (!kw(by, "BY")) throw new QuerySyntaxError(`Expecting 'BY' but got '${shown(by)}'.`, by.pos);
    for (;;) {
      const f = next();
      if (f.kind !== "word" && f.kind !== "string") {
        throw new QuerySyntaxError(`Expecting a field name but got '${shown(f)}'.`, f.pos);
      }
      let desc = false;
      if (kw(peek(), "ASC")) next();
      else if (kw(peek(), "DESC")) next(), desc = true;
      orderBy.push({ field: f.value, desc, pos: f.pos });
      if (peek().kind !== "comma") break;
      next();
    }
  }
  const rest = peek();
  if (rest.kind !== "eof") {
    throw new QuerySyntaxError(`Expecting either 'OR' or 'AND' but got '${rest.value}'.`, rest.pos);
  }
  return { where, orderBy };
}

/** Every clause of an expression, in order. */
export function clauses(e: Expr | null): Extract<Expr, { kind: "clause" }>[] {
  if (!e) return [];
  if (e.kind === "clause") return [e];
  if (e.kind === "not") return clauses(e.expr);
  return [...clauses(e.left), ...clauses(e.right)];
}

/** Evaluates an expression with a clause predicate. */
export function evaluate(
  e: Expr,
  test: (c: Extract<Expr, { kind: "clause" }>) => boolean,
): boolean {
  if (e.kind === "clause") return test(e);
  if (e.kind === "not") return !evaluate(e.expr, test);
  if (e.kind === "and") return evaluate(e.left, test) && evaluate(e.right, test);
  return evaluate(e.left, test) || evaluate(e.right, test);
}

/** Word-prefix text match used for `~`: every word of `term` starts some word of `haystack`. */
export function textMatches(haystack: string, term: string): boolean {
  const words = haystack.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const wanted = term.toLowerCase().replace(/[*?]/g, " ").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!wanted.length) return false;
  return wanted.every((w) => words.some((h) => h.startsWith(w)));
}
