/**
 * The Jira Forms REST API (Cloud only), at `{ATLASSIAN_API_URL}/jira/forms/cloud/{cloudId}`
 * (`https://api.atlassian.com/...` unless overridden): an issue's forms, one form, and saving
 * answers. Requests carry the Jira site's own credentials (Basic for API tokens, Bearer for
 * OAuth). The cloud id is the one of the API gateway the service already uses, else the
 * configured `ATLASSIAN_OAUTH_CLOUD_ID`, else the site's `GET /_edge/tenant_info`, read once per
 * site and cached.
 *
 * @module
 */
import { z } from "zod";
import type { Config } from "../config/types.ts";
import { ToolError } from "../errors.ts";
import { sentence } from "../http/errors/wording.ts";
import { type HttpClient, listAnswer, objectAnswer, path } from "../http/mod.ts";

/** One entry of `GET issue/{key}/form`. */
export interface FormIndexEntry {
  id: string;
  name?: string;
  submitted?: boolean;
  lock?: boolean;
  internal?: boolean;
  updated?: string;
}

/** A question of a form's design (`design.questions[id]`). */
export interface FormQuestion {
  /** ProForma type code: `ts` short text, `tl` long text, `no` number, `da` date, ... */
  type?: string;
  label?: string;
  description?: string;
  validation?: { rq?: boolean };
  choices?: { id: string; label?: string }[];
  /** The Jira field the question is linked to, if any. */
  jiraField?: string;
}

/** A stored or sent answer (`state.answers[id]`). */
export interface FormAnswer {
  text?: string;
  /** `yyyy-mm-dd` when read; epoch milliseconds when sent (as the Python server sends it). */
  date?: string | number;
  /** `HH:mm`. */
  time?: string;
  choices?: string[];
  users?: string[];
  adf?: unknown;
}

/** A form on an issue (`GET issue/{key}/form/{formId}`). */
export interface IssueForm {
  id: string;
  updated?: string;
  design?: {
    questions?: Record<string, FormQuestion>;
    settings?: { name?: string };
  };
  state?: {
    /** `o` open, `s` submitted, `l` locked. */
    status?: string;
    /** `i` internal, `e` external. */
    visibility?: string;
    answers?: Record<string, FormAnswer>;
  };
}

const INDEX_ANSWER = listAnswer("an issue's forms", { id: z.string() });
const FORM_ANSWER = objectAnswer("a form", { id: z.string() });
const TENANT_ANSWER = objectAnswer("the site's tenant info", { cloudId: z.string().min(1) });

/** Cloud ids read from `/_edge/tenant_info`, by site URL. */
const tenantCloudIds = new Map<string, Promise<string>>();

/** The cloud id the Forms API needs for the Jira site `client` talks to. */
function formsCloudId(client: HttpClient, config: Config): Promise<string> {
  const { service } = client;
  const prefix = `${config.oauth.apiUrl}/ex/jira/`;
  const rest = service.url.startsWith(prefix) ? service.url.slice(prefix.length) : "";
  const gateway = /^[^/{}]+$/.test(rest) ? decodeURIComponent(rest) : undefined;
  const configured = gateway ?? service.oauth?.cloudId ?? config.oauth.cloudId;
  if (configured) return Promise.resolve(configured);
  let cloudId = tenantCloudIds.get(service.url);
  if (!cloudId) {
    cloudId = client.get<{ cloudId: string }>("/_edge/tenant_info", undefined, {
      expect: TENANT_ANSWER,
    }).then((info) => info.cloudId, (error: Error) => {
      throw new ToolError(
        `The Jira Forms API needs the site's cloud id, and reading it failed: ${
          sentence(error.message)
        }`,
        "Set ATLASSIAN_OAUTH_CLOUD_ID to the site's cloud id (the cloudId that https://<your-site>.atlassian.net/_edge/tenant_info shows).",
        { cause: error },
      );
    });
    tenantCloudIds.set(service.url, cloudId);
    cloudId.catch(() => tenantCloudIds.delete(service.url));
  }
  return cloudId;
}

/**
 * Runs `work` with a client for the Forms API of the site `client` talks to, and closes it.
 */
export async function withFormsClient<T>(
  client: HttpClient,
  config: Config,
  work: (forms: HttpClient) => Promise<T>,
): Promise<T> {
  const cloudId = await formsCloudId(client, config);
  const forms = client.sibling(`${config.oauth.apiUrl}${path`/jira/forms/cloud/${cloudId}`}`);
  try {
    return await work(forms);
  } finally {
    forms.close();
  }
}

/** The forms on an issue (`GET issue/{key}/form`). */
export function listIssueForms(forms: HttpClient, issueKey: string): Promise<FormIndexEntry[]> {
  return forms.get<FormIndexEntry[]>(path`/issue/${issueKey}/form`, undefined, {
    expect: INDEX_ANSWER,
  });
}

/** One form on an issue, with its design and answers. */
export function getIssueForm(forms: HttpClient, issueKey: string, formId: string) {
  return forms.get<IssueForm>(path`/issue/${issueKey}/form/${formId}`, undefined, {
    expect: FORM_ANSWER,
  });
}

/** Saves answers on a form (`PUT`, answers keyed by question id); resolves to the saved form. */
export function saveFormAnswers(
  forms: HttpClient,
  issueKey: string,
  formId: string,
  answers: Record<string, FormAnswer>,
): Promise<IssueForm> {
  return forms.put<IssueForm>(path`/issue/${issueKey}/form/${formId}`, { answers }, undefined, {
    expect: FORM_ANSWER,
  });
}
