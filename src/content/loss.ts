/**
 * What a write would drop: the content markdown cannot express (macros, images and files,
 * mentions, statuses, dates, emoji, smart links, expands, layouts, tasks, ...) that is in a body
 * before the write and missing after it, and the macro parameters lost by macros that stay.
 *
 * Bodies are compared as multisets: two toc macros before and one after is one toc removed.
 * Macros of the same name are paired in document order to find lost parameters; ids (macro ids,
 * local ids) are ignored, since a write may regenerate them.
 *
 * @module
 */

import { type Format, isRecord } from "./placeholder.ts";
import { isDefaultParameter } from "./storage/normal.ts";
import { parseXml, type XNode } from "./storage/xml.ts";

/** The kinds of content a loss counts, in the order a sentence names them. */
const KINDS = [
  "macro",
  "image",
  "file",
  "mention",
  "status",
  "date",
  "emoji",
  "smart link",
  "expand",
  "layout",
  "task",
  "decision",
  "page link",
  "placeholder text",
  "inline comment",
] as const;

/** One of {@link KINDS}. */
export type LossKind = typeof KINDS[number];

const PLURALS: Partial<Record<LossKind, string>> = {
  status: "statuses",
  emoji: "emoji",
  "placeholder text": "placeholder texts",
};

/** Something a body holds that markdown cannot express; macros have a name and parameters. */
interface Item {
  kind: LossKind;
  name?: string;
  params?: string[];
}

/** What a write would drop. */
export interface Loss {
  /** Removed content by kind; `names` (macros only) counts each macro name. */
  removed: { kind: LossKind; count: number; names: Map<string, number> }[];
  /** Macros that stay but lose parameters: how many of `macro` lose exactly `params`. */
  stripped: { macro: string; params: string[]; count: number }[];
}

/** Parameter names that are ids: a write may regenerate them. */
const ID_PARAMS = /^(ac:)?(macro-?id|local-?id)$/i;

/**
 * Compares a body before and after a write: ADF (a document or its JSON), storage XHTML or wiki
 * markup. A body that cannot be read (malformed JSON or XML, not a string) holds nothing.
 */
export function findLoss(format: Format, before: unknown, after: unknown): Loss {
  const old = itemsOf(format, before);
  const now = itemsOf(format, after);
  return { removed: removedItems(old, now), stripped: strippedParams(old, now) };
}

function itemsOf(format: Format, body: unknown): Item[] {
  if (format === "adf") return adfItems(body);
  if (typeof body !== "string") return [];
  return format === "storage" ? storageItems(body) : wikiItems(body);
}

const keyOf = (item: Item) => `${item.kind}\n${item.name ?? ""}`;

function removedItems(old: Item[], now: Item[]): Loss["removed"] {
  const left = new Map<string, number>();
  for (const item of now) left.set(keyOf(item), (left.get(keyOf(item)) ?? 0) + 1);
  const gone: Item[] = [];
  for (const item of old) {
    const remaining = left.get(keyOf(item)) ?? 0;
    if (remaining > 0) left.set(keyOf(item), remaining - 1);
    else gone.push(item);
  }
  return KINDS.flatMap((kind) => {
    const ofKind = gone.filter((item) => item.kind === kind);
    if (!ofKind.length) return [];
    const names = new Map<string, number>();
    for (const { name } of ofKind) if (name) names.set(name, (names.get(name) ?? 0) + 1);
    return [{ kind, count: ofKind.length, names }];
  });
}

function strippedParams(old: Item[], now: Item[]): Loss["stripped"] {
  const byName = (items: Item[], name: string) =>
    items.filter((item) => item.kind === "macro" && item.name === name);
  const names = [...new Set(old.flatMap((item) => item.kind === "macro" ? [item.name!] : []))];
  const groups = new Map<string, Loss["stripped"][number]>();
  for (const name of names) {
    const after = byName(now, name);
    byName(old, name).slice(0, after.length).forEach((macro, index) => {
      const kept = new Set(after[index].params);
      const lost = (macro.params ?? []).filter((param) => !kept.has(param));
      if (!lost.length) return;
      const key = `${name}\n${lost.join("\n")}`;
      const group = groups.get(key) ?? { macro: name, params: lost, count: 0 };
      group.count++;
      groups.set(key, group);
    });
  }
  return [...groups.values()];
}

// --- ADF -------------------------------------------------------------------------------------

const ADF_KINDS: Record<string, LossKind> = {
  mention: "mention",
  status: "status",
  date: "date",
  emoji: "emoji",
  inlineCard: "smart link",
  blockCard: "smart link",
  embedCard: "smart link",
  expand: "expand",
  nestedExpand: "expand",
  layoutSection: "layout",
  taskItem: "task",
  blockTaskItem: "task",
  decisionItem: "decision",
  placeholder: "placeholder text",
};
const ADF_MACROS = new Set([
  "extension",
  "bodiedExtension",
  "inlineExtension",
  "multiBodiedExtension",
]);

function adfItems(body: unknown): Item[] {
  const out: Item[] = [];
  const comments = new Set<unknown>();
  const visit = (node: unknown, parent: string | undefined) => {
    if (!isRecord(node) || typeof node.type !== "string") return;
    const item = adfItem(node.type, isRecord(node.attrs) ? node.attrs : {}, parent);
    if (item) out.push(item);
    for (const mark of Array.isArray(node.marks) ? node.marks : []) {
      // One inline comment spans several text nodes, all marked with its id.
      if (isRecord(mark) && mark.type === "annotation" && isRecord(mark.attrs)) {
        if (!comments.has(mark.attrs.id)) out.push({ kind: "inline comment" });
        comments.add(mark.attrs.id);
      }
    }
    for (const child of Array.isArray(node.content) ? node.content : []) visit(child, node.type);
  };
  visit(typeof body === "string" ? parseJson(body) : body, undefined);
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function adfItem(
  type: string,
  attrs: Record<string, unknown>,
  parent: string | undefined,
): Item | undefined {
  if (ADF_MACROS.has(type)) {
    const name = typeof attrs.extensionKey === "string" ? attrs.extensionKey : type;
    return { kind: "macro", name, params: adfParams(attrs.parameters) };
  }
  if (type === "media") return { kind: parent === "mediaSingle" ? "image" : "file" };
  if (type === "mediaInline") return { kind: "file" };
  const kind = ADF_KINDS[type];
  return kind ? { kind } : undefined;
}

/** An extension's parameter names: Confluence's `macroParams`, else the parameters themselves. */
function adfParams(parameters: unknown): string[] {
  if (!isRecord(parameters)) return [];
  const params = isRecord(parameters.macroParams) ? parameters.macroParams : parameters;
  return Object.keys(params).filter((name) => name !== "macroMetadata" && !ID_PARAMS.test(name));
}

// --- storage ---------------------------------------------------------------------------------

const STORAGE_KINDS: Record<string, LossKind> = {
  "ac:image": "image",
  "ri:user": "mention",
  time: "date",
  "ac:emoticon": "emoji",
  "ac:layout-section": "layout",
  "ac:task": "task",
  "ac:placeholder": "placeholder text",
  "ac:inline-comment-marker": "inline comment",
};
const LINK_TARGETS: Record<string, LossKind> = {
  "ri:attachment": "file",
  "ri:page": "page link",
  "ri:blog-post": "page link",
};

function storageItems(xhtml: string): Item[] {
  const out: Item[] = [];
  const visit = (node: XNode) => {
    if (node.type !== "element") return;
    const item = storageItem(node.name, node.attributes, node.children);
    if (item) out.push(item);
    node.children.forEach(visit);
  };
  (parseXml(xhtml) ?? []).forEach(visit);
  return out;
}

function storageItem(
  name: string,
  attributes: Record<string, string>,
  children: XNode[],
): Item | undefined {
  const elements = children.flatMap((child) => child.type === "element" ? [child] : []);
  switch (name) {
    case "ac:structured-macro": {
      const macro = attributes["ac:name"] ?? "unnamed";
      // A parameter at its documented default is the same as none: it is not lost.
      const params = elements.flatMap((child) => {
        const param = child.name === "ac:parameter" ? child.attributes["ac:name"] : undefined;
        const value = child.children.map((c) => c.type === "text" ? c.value : "").join("");
        return param && !ID_PARAMS.test(param) && !isDefaultParameter(macro, param, value)
          ? [param]
          : [];
      });
      return { kind: "macro", name: macro, params };
    }
    case "ac:link": {
      const kind = elements.map((child) => LINK_TARGETS[child.name]).find(Boolean);
      return kind ? { kind } : undefined;
    }
    case "a":
      return attributes["data-card-appearance"] ? { kind: "smart link" } : undefined;
    case "ac:adf-node":
      return attributes.type === "decision-item" ? { kind: "decision" } : undefined;
  }
  const kind = STORAGE_KINDS[name];
  return kind ? { kind } : undefined;
}

// --- wiki ------------------------------------------------------------------------------------

/** Text effects: formatting the hub shows as markdown, not macros. */
const TEXT_EFFECTS = new Set(["color", "quote"]);
/** Macros whose body is literal text: nothing inside them is markup. */
const LITERAL = new Set(["code", "noformat"]);
/** Macros with a body, written twice (`{panel}...{panel}`): the second is the close. */
const BODIED = new Set([...LITERAL, "panel"]);
/** What a macro's unnamed parameter means (`{code:java}`). */
const UNNAMED: Record<string, string> = { code: "language" };

const WIKI_TOKEN = new RegExp(
  [
    /(?<![{\\])\{([A-Za-z][\w-]*)(?::([^}\n]*))?\}(?!\})/.source, // {macro:params}
    /(?<!\\)!([^\s!|]*[./:][^\s!|]*)(?:\|[^!\n]*)?!/.source, // !image.png|options!
    /(?<!\\)\[(?:[^[\]|\n]*\|)?([~^])[^\]\n]+\]/.source, // [~user], [^file.pdf]
  ].join("|"),
  "g",
);

function wikiItems(wiki: string): Item[] {
  const out: Item[] = [];
  const open = new Set<string>();
  for (const match of wiki.matchAll(WIKI_TOKEN)) {
    const [, macro, params, image, link] = match;
    const literal = [...open].find((name) => LITERAL.has(name));
    if (literal && macro !== literal) continue;
    if (macro !== undefined) {
      if (open.delete(macro)) continue;
      if (BODIED.has(macro)) open.add(macro);
      if (!TEXT_EFFECTS.has(macro)) {
        out.push({ kind: "macro", name: macro, params: wikiParams(macro, params) });
      }
    } else if (image !== undefined) {
      out.push({ kind: "image" });
    } else {
      out.push({ kind: link === "~" ? "mention" : "file" });
    }
  }
  return out;
}

function wikiParams(macro: string, params: string | undefined): string[] {
  if (!params) return [];
  return params.split("|").map((pair) => {
    const equals = pair.indexOf("=");
    return equals < 0 ? UNNAMED[macro] ?? "unnamed parameter" : pair.slice(0, equals).trim();
  }).filter((name) => name && !ID_PARAMS.test(name));
}

// --- the sentence ----------------------------------------------------------------------------

function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

function list(parts: string[]): string {
  return parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function removedPart({ kind, count, names }: Loss["removed"][number]): string {
  const label = counted(count, kind, PLURALS[kind]);
  if (!names.size) return label;
  const named = [...names].map(([name, times]) => times > 1 ? `${name} ×${times}` : name);
  return `${label} (${named.join(", ")})`;
}

function strippedPart(
  { macro, params, count }: Loss["stripped"][number],
  options: { place?: string; done?: boolean },
): string {
  const what = counted(count, macro === "code" ? "code block" : `${macro} macro`);
  const where = options.place ? ` in ${options.place}` : "";
  const whose = count === 1 ? "its" : "their";
  return `${what}${where} ${options.done ? "lost" : "would lose"} ${whose} ${list(params)}`;
}

/**
 * The loss as one sentence without a final period, or undefined when nothing is lost: "2 macros
 * (toc, drawio), 1 image and 1 mention would be removed from page 1002, and 1 code block would
 * lose its title". `place` names where (a noun phrase: "page 1002"); `done` words it as what a
 * write removed ("were removed", "lost").
 */
export function lossSentence(
  loss: Loss,
  options: { place?: string; done?: boolean } = {},
): string | undefined {
  const { place, done } = options;
  const total = loss.removed.reduce((sum, { count }) => sum + count, 0);
  const verb = done ? (total === 1 ? "was removed" : "were removed") : "would be removed";
  const removed = loss.removed.length
    ? [`${list(loss.removed.map(removedPart))} ${verb}${place ? ` from ${place}` : ""}`]
    : [];
  // The place is said once: after what is removed, else with the first macro that loses some.
  const stripped = loss.stripped.map((group, index) =>
    strippedPart(group, { done, place: removed.length || index ? undefined : place })
  );
  if (!removed.length && !stripped.length) return undefined;
  return [...removed, list(stripped)].filter(Boolean).join(", and ");
}
