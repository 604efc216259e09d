/**
 * Jira Forms (ProForma) on Cloud issues, as the Forms API serves them at
 * `api.atlassian.com/jira/forms/cloud/{cloudId}` (the fake gateway forwards those paths here):
 * the forms on an issue, one form with its design and answers, and saving answers. Errors have
 * the Forms API's body `{errors: [{status, code, title, detail, context}]}`. Also
 * `GET /_edge/tenant_info`, which answers the site's cloud id without credentials.
 *
 * Seed: DEMO-1 has an open "Change request" form and a submitted and locked "Security review"; no
 * other issue has a form. DATE and DATETIME answers are kept as a date only (`yyyy-mm-dd`), as
 * Atlassian does: the time of a date-time sent as epoch milliseconds is dropped.
 *
 * @module
 */
import { bodyObject, type Ctx, HttpError, json } from "./_http.ts";
import { visibleProjects } from "./_jira.ts";
import type { Issue } from "./_model.ts";

/** A question of a form's design. */
export interface FakeFormQuestion {
  type: string;
  label: string;
  validation?: { rq?: boolean };
  choices?: { id: string; label: string }[];
  jiraField?: string;
}

/** An answer as the Forms API stores it. */
export interface FakeFormAnswer {
  text?: string;
  date?: string;
  time?: string;
  choices?: string[];
  users?: string[];
}

/** A form on an issue. */
export interface FakeForm {
  id: string;
  issueId: string;
  templateId: string;
  name: string;
  updated: string;
  /** `o` open, `s` submitted, `l` locked. */
  status: "o" | "s" | "l";
  /** `i` internal, `e` external. */
  visibility: "i" | "e";
  lock: boolean;
  questions: Record<string, FakeFormQuestion>;
  answers: Record<string, FakeFormAnswer>;
}

/** The open form on DEMO-1. */
export const CHANGE_FORM_ID = "1946b8b7-8f03-4dc0-ac2d-5fac0d960c6a";
/** The submitted, locked form on DEMO-1. */
export const REVIEW_FORM_ID = "bad2fb1f-3e2d-4a1c-9f8e-7b6c5d4e3f2a";

function seedForms(): FakeForm[] {
  return [
    {
      id: CHANGE_FORM_ID,
      issueId: "10001",
      templateId: "0c8a4b55-3f2e-4d1c-8b7a-6e5d4c3b2a10",
      name: "Change request",
      updated: "2024-03-04T10:00:00.000Z",
      status: "o",
      visibility: "i",
      lock: false,
      questions: {
        "1": { type: "ts", label: "Summary of change", validation: { rq: true } },
        "2": { type: "no", label: "Estimated hours" },
        "3": { type: "da", label: "Go-live date" },
        "4": { type: "dt", label: "Maintenance window start", jiraField: "customfield_10050" },
        "5": {
          type: "cs",
          label: "Risk level",
          choices: [{ id: "1", label: "Low" }, { id: "2", label: "Medium" }, {
            id: "3",
            label: "High",
          }],
        },
        "6": {
          type: "cm",
          label: "Affected systems",
          choices: [{ id: "1", label: "Web" }, { id: "2", label: "API" }, {
            id: "3",
            label: "Database",
          }],
        },
        "7": { type: "us", label: "Approver" },
        "8": { type: "ti", label: "Daily cutoff" },
        "9": { type: "at", label: "Runbook" },
      },
      answers: {
        "1": { text: "Move checkout to the new payment provider" },
        "5": { choices: ["2"] },
      },
    },
    {
      id: REVIEW_FORM_ID,
      issueId: "10001",
      templateId: "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
      name: "Security review",
      updated: "2024-03-05T16:30:00.000Z",
      status: "l",
      visibility: "i",
      lock: true,
      questions: {
        "1": {
          type: "cd",
          label: "Data classification",
          choices: [{ id: "1", label: "Public" }, { id: "2", label: "Confidential" }],
        },
        "2": { type: "tl", label: "Findings" },
      },
      answers: { "1": { choices: ["2"] }, "2": { text: "No issues found." } },
    },
  ];
}

/** The Forms API's error body. */
function formsFail(
  status: number,
  code: string,
  title: string,
  detail: string,
  context: { type: string; id: string }[] = [],
): never {
  throw new HttpError(
    json({ errors: [{ status, code, title, detail, ...(context.length && { context }) }] }, status),
  );
}

/** The forms of the state, seeded on first use (Cloud only). */
function formsOf(ctx: Ctx): FakeForm[] {
  ctx.state.forms ??= seedForms();
  return ctx.state.forms;
}

/** The issue of the path, when the caller may browse it; else the Forms API's 404. */
function issueOf(ctx: Ctx): Issue {
  const ref = ctx.params.issueIdOrKey;
  const issue = ctx.state.issues.find((i) => i.id === ref || i.key === ref.toUpperCase());
  if (!issue || !visibleProjects(ctx).some((p) => p.key === issue.projectKey)) {
    formsFail(404, "ISSUE_NOT_FOUND", "Issue Not Found", "The provided issue ID was not found.", [
      { type: "issue", id: ref },
    ]);
  }
  return issue;
}

function formOf(ctx: Ctx): FakeForm {
  const issue = issueOf(ctx);
  const form = formsOf(ctx).find((f) => f.issueId === issue.id && f.id === ctx.params.formId);
  if (!form) {
    formsFail(404, "FORM_NOT_FOUND", "Form Not Found", "The provided form ID was not found.", [
      { type: "issue", id: issue.id },
      { type: "form", id: ctx.params.formId },
    ]);
  }
  return form;
}

function formBody(form: FakeForm): unknown {
  return {
    id: form.id,
    updated: form.updated,
    design: {
      conditions: {},
      layout: [{
        version: 1,
        type: "doc",
        content: Object.entries(form.questions).map(([id, q]) => ({
          type: "extension",
          attrs: {
            extensionKey: "question",
            extensionType: "com.thinktilt.proforma",
            parameters: { id: Number(id) },
          },
          content: [{ type: "text", text: q.label }],
        })),
      }],
      questions: form.questions,
      sections: {},
      settings: { name: form.name, language: "en", submit: { lock: form.lock, pdf: false } },
    },
    state: { visibility: form.visibility, status: form.status, answers: form.answers },
  };
}

/** GET `/_edge/tenant_info`: the site's cloud id. */
export function getTenantInfo(ctx: Ctx): Response {
  return json({ cloudId: ctx.state.cloudId ?? "" });
}

/** GET forms on an issue: the index entries (an empty list when it has none). */
export function listForms(ctx: Ctx): Response {
  const issue = issueOf(ctx);
  return json(
    formsOf(ctx).filter((f) => f.issueId === issue.id).map((f) => ({
      id: f.id,
      formTemplate: { id: f.templateId },
      internal: f.visibility === "i",
      submitted: f.status !== "o",
      lock: f.lock,
      name: f.name,
      updated: f.updated,
    })),
  );
}

/** GET one form: design and state. */
export function getForm(ctx: Ctx): Response {
  return json(formBody(formOf(ctx)));
}

/** A sent answer as stored, or a reason it is invalid. */
function stored(question: FakeFormQuestion, answer: unknown): FakeFormAnswer | string {
  if (!answer || typeof answer !== "object" || Array.isArray(answer)) return "is not an object";
  const a = answer as Record<string, unknown>;
  const out: FakeFormAnswer = {};
  if (a.text !== undefined) {
    if (typeof a.text !== "string") return "text must be a string";
    out.text = a.text;
  }
  if (a.date !== undefined) {
    const ms = typeof a.date === "number" ? a.date : Date.parse(`${a.date}T00:00:00Z`);
    if (!Number.isFinite(ms)) return "date is not a date";
    out.date = new Date(ms).toISOString().slice(0, 10);
  }
  if (a.time !== undefined) {
    if (typeof a.time !== "string" || !/^\d{2}:\d{2}$/.test(a.time)) return "time is not HH:mm";
    out.time = a.time;
  }
  for (const key of ["choices", "users"] as const) {
    if (a[key] === undefined) continue;
    const list = a[key];
    if (!Array.isArray(list) || !list.every((v) => typeof v === "string")) {
      return `${key} must be a list of strings`;
    }
    if (key === "choices" && !list.every((id) => question.choices?.some((c) => c.id === id))) {
      return "choices names an unknown choice";
    }
    out[key] = list;
  }
  return Object.keys(out).length ? out : "is empty";
}

/** PUT answers on a form: an open form only; every answer checked before any is saved. */
export function saveAnswers(ctx: Ctx): Response {
  const form = formOf(ctx);
  const answers = bodyObject(ctx).answers;
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
    formsFail(400, "INVALID_REQUEST", "Invalid Request", "The request must contain answers.");
  }
  if (form.status !== "o") {
    formsFail(
      409,
      "FORM_SUBMITTED",
      "Form Submitted",
      "The form has been submitted and cannot be edited until it is reopened.",
      [{ type: "form", id: form.id }],
    );
  }
  const next: Record<string, FakeFormAnswer> = {};
  for (const [id, answer] of Object.entries(answers as Record<string, unknown>)) {
    const question = form.questions[id];
    const value = question ? stored(question, answer) : "is not a question of the form";
    if (typeof value === "string") {
      formsFail(
        400,
        "INVALID_ANSWER",
        "Invalid Answer",
        `The answer to question ${id} ${value}.`,
        [{ type: "form", id: form.id }, { type: "question", id }],
      );
    }
    next[id] = value;
  }
  Object.assign(form.answers, next);
  form.updated = ctx.now.toISOString();
  return json(formBody(form));
}
