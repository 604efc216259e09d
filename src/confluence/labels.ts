/**
 * Page labels: read through REST v2 on Cloud (v1 there has no label listing) and v1 on Data
 * Center; added and removed through v1 on both (v2 has no label writes). Only global labels
 * (no `my:` or `team:` prefix) are added; any listed label can be removed.
 *
 * @module
 */
import { isCloud } from "./cloud.ts";
import { ToolError } from "../errors.ts";
import {
  type HttpClient,
  NO_CONTENT,
  objectAnswer,
  paginateCursor,
  paginateStartLimit,
  path,
} from "../http/mod.ts";

/** The longest label Confluence stores. */
export const LABEL_MAX_LENGTH = 255;

/**
 * Characters Confluence refuses in a label, besides white space (as the fake Atlassian does):
 * `+ = $ % ~` and the like are allowed, so "c++" is a label.
 */
const FORBIDDEN = /[!#&()*,.:;<>?@[\]^/\\]/;

const HINT =
  "Use one word without spaces or ! # & ( ) * , . : ; < > ? @ [ ] ^ / \\, e.g. 'release-notes'.";

/**
 * A label name as Confluence stores it (lowercase), or a refusal that says which of its rules
 * the name breaks: no white space, none of `! # & ( ) * , . : ; < > ? @ [ ] ^ / \`, at most
 * {@link LABEL_MAX_LENGTH} characters.
 */
export function labelName(raw: string): string {
  const name = raw.trim();
  if (!name) throw new ToolError("The label name is empty.", HINT);
  if (/\s/.test(name)) {
    throw new ToolError(`The label "${name}" contains a space; labels are single words.`, HINT);
  }
  const bad = name.match(FORBIDDEN);
  if (bad) {
    throw new ToolError(`The label "${name}" contains "${bad[0]}", which labels cannot.`, HINT);
  }
  if (name.length > LABEL_MAX_LENGTH) {
    throw new ToolError(
      `The label is ${name.length} characters long; labels take at most ${LABEL_MAX_LENGTH}.`,
      HINT,
    );
  }
  return name.toLowerCase();
}

/** The label prefixes {@link getLabels} shows: personal (`my:`) and team labels. */
const PREFIXED = /^(my|team|global):(.*)$/i;

/**
 * A label to remove, as {@link getLabels} lists it: a global label's name, or `my:name` and
 * `team:name` for the others (`global:` is dropped); the name part follows {@link labelName}.
 */
export function labelRef(raw: string): string {
  const prefixed = raw.trim().match(PREFIXED);
  if (!prefixed) return labelName(raw);
  const prefix = prefixed[1].toLowerCase();
  const name = labelName(prefixed[2]);
  return prefix === "global" ? name : `${prefix}:${name}`;
}

interface Label {
  name: string;
  prefix?: string;
}

const LABELS = objectAnswer("the content's labels", {});

/** Most labels a read lists. */
const MAX_LABELS = 500;

/** A page's labels, `prefix:name` for labels that are not global. */
export async function getLabels(client: HttpClient, pageId: string): Promise<string[]> {
  const items = isCloud(client)
    ? paginateCursor<Label>(client, path`/api/v2/pages/${pageId}/labels`, {
      limit: MAX_LABELS,
      pageSize: 200,
    })
    : paginateStartLimit<Label>(client, path`/rest/api/content/${pageId}/label`, {
      limit: MAX_LABELS,
      pageSize: 200,
    });
  const names: string[] = [];
  for await (const label of items) {
    names.push(
      !label.prefix || label.prefix === "global" ? label.name : `${label.prefix}:${label.name}`,
    );
  }
  return names;
}

/** Adds a global label (a label the page already has is left as it is). */
export async function addLabel(client: HttpClient, pageId: string, name: string): Promise<void> {
  await client.post(
    path`/rest/api/content/${pageId}/label`,
    [{ prefix: "global", name }],
    undefined,
    {
      expect: LABELS,
    },
  );
}

/**
 * Removes a label from a page: a global one by name, a `my:` or `team:` one (as {@link labelRef}
 * gives it) through the `?name=` form, which takes the prefix.
 */
export async function removeLabel(
  client: HttpClient,
  pageId: string,
  label: string,
): Promise<void> {
  if (label.includes(":")) {
    await client.delete(path`/rest/api/content/${pageId}/label`, { name: label }, {
      expect: NO_CONTENT,
    });
    return;
  }
  await client.delete(path`/rest/api/content/${pageId}/label/${label}`, undefined, {
    expect: NO_CONTENT,
  });
}
