/**
 * Pure logic of the `jira_forms` tools: small views of forms and questions, and the answers
 * `jira_update_proforma_form_answers` sends, validated against the form's design first. DATE and
 * DATETIME values become epoch milliseconds, as the Python server sends them; a DATETIME whose
 * time is not midnight UTC is reported, because Jira Forms keeps only its date.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { FormAnswer, FormIndexEntry, FormQuestion, IssueForm } from "../../../jira/forms.ts";
import { adfToMarkdown } from "../../../content/mod.ts";
import { isAdf } from "../../../jira/rich.ts";

/** The answer types the tool takes (the Python server's names). */
export const ANSWER_TYPES = [
  "TEXT",
  "NUMBER",
  "DATE",
  "DATETIME",
  "TIME",
  "SELECT",
  "MULTI_SELECT",
  "CHECKBOX",
  "USER",
  "MULTI_USER",
] as const;

/** One of `ANSWER_TYPES`. */
export type AnswerType = typeof ANSWER_TYPES[number];

/** ProForma question type codes -> the answer type they take. */
const QUESTION_TYPES: Record<string, AnswerType | "ATTACHMENT"> = {
  ts: "TEXT",
  tl: "TEXT",
  te: "TEXT",
  tu: "TEXT",
  no: "NUMBER",
  da: "DATE",
  dt: "DATETIME",
  ti: "TIME",
  cs: "SELECT",
  cd: "SELECT",
  cm: "MULTI_SELECT",
  cl: "MULTI_SELECT",
  us: "USER",
  um: "MULTI_USER",
  at: "ATTACHMENT",
};

/** The answer field each type is sent in. */
const WIRE: Record<AnswerType, keyof FormAnswer> = {
  TEXT: "text",
  NUMBER: "text",
  DATE: "date",
  DATETIME: "date",
  TIME: "time",
  SELECT: "choices",
  MULTI_SELECT: "choices",
  CHECKBOX: "choices",
  USER: "users",
  MULTI_USER: "users",
};

/** Types that take exactly one value. */
const SINGLE = new Set<AnswerType>(["SELECT", "USER"]);

/** A form's state in words: `open`, `submitted` or `locked`. */
export function formStatus(code: string | undefined): string {
  return code === "l" ? "locked" : code === "s" ? "submitted" : "open";
}

/** One entry of an issue's form list. */
export function formIndexView(entry: FormIndexEntry) {
  return {
    id: entry.id,
    name: entry.name,
    status: entry.lock ? "locked" : entry.submitted ? "submitted" : "open",
    visibility: entry.internal === false ? "external" : "internal",
    updated: entry.updated,
  };
}

/** The question type in words (the answer type it takes), or its code when unknown. */
export function questionType(question: FormQuestion): string | undefined {
  return QUESTION_TYPES[question.type ?? ""] ?? question.type;
}

/** A stored answer in words: text, `yyyy-mm-dd[ HH:mm]`, choice labels, account ids. */
export function answerView(question: FormQuestion, answer: FormAnswer | undefined): unknown {
  if (!answer) return undefined;
  if (answer.text !== undefined) return answer.text;
  if (answer.date !== undefined) {
    const day = typeof answer.date === "number" ? utcDay(answer.date) : answer.date;
    return answer.time ? `${day} ${answer.time}` : day;
  }
  if (answer.time !== undefined) return answer.time;
  if (answer.choices) {
    return answer.choices.map((id) => question.choices?.find((c) => c.id === id)?.label ?? id);
  }
  if (answer.users) return answer.users;
  // A form's rich answers are the form's own content: Markdown, whatever the Jira text setting.
  if (isAdf(answer.adf)) return adfToMarkdown(answer.adf);
  return undefined;
}

/** A form's questions in id order: id, label, type, required, choices, current answer. */
export function questionViews(form: IssueForm) {
  const questions = form.design?.questions ?? {};
  const answers = form.state?.answers ?? {};
  return Object.entries(questions)
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([id, q]) => ({
      id,
      label: q.label,
      type: questionType(q),
      required: q.validation?.rq === true || undefined,
      choices: q.choices?.map((c) => c.label ?? c.id),
      jira_field: q.jiraField,
      answer: answerView(q, answers[id]),
    }));
}

/** The small view of one form: name, state and questions (never the raw ADF design). */
export function formView(issueKey: string, form: IssueForm) {
  return {
    issue_key: issueKey,
    id: form.id,
    name: form.design?.settings?.name,
    status: formStatus(form.state?.status),
    visibility: form.state?.visibility === "e" ? "external" : "internal",
    updated: form.updated,
    questions: questionViews(form),
  };
}

/** `yyyy-mm-dd` of an epoch-milliseconds instant, in UTC. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO 8601 date or date-time (no zone = UTC), or epoch milliseconds, as epoch milliseconds;
 * undefined when it is neither.
 */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) return undefined;
  const zoned = DATE_ONLY.test(text)
    ? `${text}T00:00:00Z`
    : /(Z|[+-]\d{2}:?\d{2})$/i.test(text)
    ? text
    : `${text}Z`;
  const ms = Date.parse(zoned.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The answers to send, and the warnings to give with the result. */
export interface PreparedAnswers {
  /** Answers keyed by question id, as the Forms API takes them. */
  answers: Record<string, FormAnswer>;
  /** One sentence per DATETIME answer whose time Jira Forms does not keep. */
  warnings: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The choice ids for the values given (ids or labels), or a problem naming the valid ones. */
function choiceIds(question: FormQuestion | undefined, values: string[]): string[] | string {
  const choices = question?.choices;
  if (!choices?.length) return values;
  const ids: string[] = [];
  for (const value of values) {
    const lower = value.toLowerCase();
    const choice = choices.find((c) => c.id === value) ??
      choices.find((c) => c.label?.toLowerCase() === lower);
    if (!choice) {
      return `has no choice ${show(value)} (choices: ${
        choices.map((c) => c.label ?? c.id).join(", ")
      })`;
    }
    ids.push(choice.id);
  }
  return ids;
}

/** The wire answer of one value, or a problem (a clause). */
function wireAnswer(
  type: AnswerType,
  value: unknown,
  question: FormQuestion | undefined,
): FormAnswer | string {
  switch (type) {
    case "TEXT":
      return typeof value === "string" ? { text: value } : `needs text, got ${show(value)}`;
    case "NUMBER": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      return typeof n === "number" && Number.isFinite(n)
        ? { text: String(n) }
        : `needs a number, got ${show(value)}`;
    }
    case "DATE":
    case "DATETIME": {
      const ms = toEpochMs(value);
      return ms === undefined
        ? `needs an ISO 8601 ${type === "DATE" ? "date" : "date-time"} or epoch milliseconds, got ${
          show(value)
        }`
        : { date: ms };
    }
    case "TIME": {
      const m = typeof value === "string" ? /^(\d{2}):(\d{2})(:\d{2})?$/.exec(value.trim()) : null;
      return m && Number(m[1]) < 24 && Number(m[2]) < 60
        ? { time: `${m[1]}:${m[2]}` }
        : `needs a time HH:mm, got ${show(value)}`;
    }
    default: {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((v) => typeof v === "string" || Number.isSafeInteger(v))) {
        return `needs ${WIRE[type] === "users" ? "account ids" : "choice ids or labels"}, got ${
          show(value)
        }`;
      }
      const values = list.map(String);
      if (SINGLE.has(type) && values.length !== 1) {
        return `takes exactly one value, got ${values.length}`;
      }
      if (WIRE[type] === "users") return { users: values };
      const ids = choiceIds(question, values);
      return typeof ids === "string" ? ids : { choices: ids };
    }
  }
}

/**
 * Validates every answer against the form's design and converts it: `questionId` must be a
 * question of the form (when the design lists them), `type` (default: the question's own type,
 * else TEXT) must fit the question, the value must fit the type, each question answered once.
 * Throws one `ToolError` naming every problem; nothing is sent then.
 */
export function prepareAnswers(items: unknown[], form: IssueForm): PreparedAnswers {
  const questions = form.design?.questions;
  const answers: Record<string, FormAnswer> = {};
  const warnings: string[] = [];
  const problems: string[] = [];
  items.forEach((item, index) => {
    const where = `answer ${index + 1}`;
    if (!isRecord(item)) {
      problems.push(`${where} is not an object like {"questionId": "1", "value": "..."}`);
      return;
    }
    const rawId = item.questionId;
    if (typeof rawId !== "string" && !Number.isSafeInteger(rawId) || String(rawId) === "") {
      problems.push(`${where} has no questionId`);
      return;
    }
    const id = String(rawId);
    const at = `${where} (question ${id})`;
    const question = questions?.[id];
    if (questions && !question) {
      problems.push(
        `${at} is not a question of this form (its questions: ${
          Object.keys(questions).join(", ")
        })`,
      );
      return;
    }
    if (id in answers) {
      problems.push(`${at} answers a question already answered above`);
      return;
    }
    const expected = question && QUESTION_TYPES[question.type ?? ""];
    if (expected === "ATTACHMENT") {
      problems.push(`${at} is a file question, which this tool cannot answer`);
      return;
    }
    const given = item.type === undefined ? expected ?? "TEXT" : String(item.type).toUpperCase();
    if (!(ANSWER_TYPES as readonly string[]).includes(given)) {
      problems.push(`${at} has type ${show(item.type)}, not one of ${ANSWER_TYPES.join(", ")}`);
      return;
    }
    const type = given as AnswerType;
    if (expected && WIRE[expected] !== WIRE[type] || expected === "NUMBER" && type === "TEXT") {
      problems.push(`${at} is a ${expected} question, not ${type}`);
      return;
    }
    if (!("value" in item)) {
      problems.push(`${at} has no value`);
      return;
    }
    // The question's own type decides, except that a text question also takes a NUMBER.
    const effective = expected && expected !== "TEXT" ? expected : type;
    const wire = wireAnswer(effective, item.value, question);
    if (typeof wire === "string") {
      problems.push(`${at} ${wire}`);
      return;
    }
    answers[id] = wire;
    if (effective === "DATETIME" && typeof wire.date === "number") {
      const time = new Date(wire.date).toISOString().slice(11, 16);
      if (time !== "00:00") {
        warnings.push(
          `Question ${id}${question?.label ? ` (${question.label})` : ""}: Jira Forms keeps only ` +
            `the date ${utcDay(wire.date)} of a date-time answer; the time ${time} UTC was not ` +
            `saved${
              question?.jiraField ? `; set it in Jira field ${question.jiraField} instead` : ""
            }.`,
        );
      }
    }
  });
  if (problems.length) {
    throw new ToolError(
      `Not updated: ${problems.join("; ")}.`,
      "Fix these answers; jira_get_proforma_form_details lists each question's id, type and choices.",
    );
  }
  return { answers, warnings };
}

/** Whether a stored answer holds what was sent (a date-time compares by its date). */
export function holdsAnswer(stored: FormAnswer | undefined, sent: FormAnswer): boolean {
  if (!stored) return false;
  const same = (a?: string[], b?: string[]) =>
    a !== undefined && b !== undefined && a.length === b.length && a.every((x) => b.includes(x));
  if (sent.text !== undefined) return stored.text === sent.text;
  if (sent.date !== undefined) {
    const day = (d: string | number | undefined) => typeof d === "number" ? utcDay(d) : d;
    return day(stored.date) === day(sent.date);
  }
  if (sent.time !== undefined) return stored.time === sent.time;
  if (sent.choices) return same(stored.choices, sent.choices);
  return same(stored.users, sent.users);
}
