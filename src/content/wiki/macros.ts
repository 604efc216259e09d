/**
 * The wiki block macros markdown shows natively: `{code}` and `{noformat}` (a code block, its title
 * in the fence as `title="..."`), `{panel}` (a panel: its title, its type from the background
 * colour of Atlassian's palette) and `{quote}` (a blockquote).
 *
 * Parameters markdown does not show (`borderStyle=solid`, a colour outside the palette, ...) go in
 * a carrier `{"macro": "<opening tag as written>"}`. A writer restores that tag while the shown
 * parameters are unchanged, and otherwise writes the shown ones with the tag's other parameters.
 *
 * @module
 */

import type { BlockContent, Blockquote, Code } from "../_mdast.ts";
import { extraOf, panelNode, panelOf, withExtra } from "../_hub.ts";
import { splitUnescaped } from "./inline.ts";

/** A block macro markdown shows natively. */
export type NativeBlock = Code | Blockquote;

interface ShownParams {
  language?: string;
  title?: string;
  color?: string;
}

interface Opening {
  name: string;
  /** Each parameter as written (`java`, `title=A.java`). */
  params: string[];
}

/** Panel background colours of the Atlassian palette, by hub panel type. */
const PANEL_COLORS: Record<string, string> = {
  info: "#deebff",
  note: "#eae6ff",
  success: "#e3fcef",
  tip: "#e3fcef",
  warning: "#fffae6",
  error: "#ffebe6",
};
const COLOR_PANELS: Record<string, string> = {
  "#deebff": "info",
  "#eae6ff": "note",
  "#e3fcef": "success",
  "#fffae6": "warning",
  "#ffebe6": "error",
};
/** Languages Jira's `{code}` does not know, mapped to the nearest one it does. */
const CODE_LANGUAGES: Record<string, string> = {
  ts: "javascript",
  typescript: "javascript",
  tsx: "javascript",
  js: "javascript",
  jsx: "javascript",
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  py: "python",
  rb: "ruby",
  yml: "yaml",
  kt: "java",
  kotlin: "java",
  cs: "c#",
  csharp: "c#",
  cpp: "c++",
};
/** The language Jira highlights a `{code}` block in when its tag names none. */
const DEFAULT_LANGUAGE = "java";
const OPENING = /^\{([a-zA-Z][\w-]*)(?::([^}\n]*))?\}$/;
const LANGUAGE = /^[\w#+.-]+$/;
const TITLE_META = /^title=("(?:[^"\\]|\\.)*")$/;

/** The names of the block macros markdown shows natively. */
export const NATIVE_MACROS = new Set(["code", "noformat", "panel", "quote"]);

/**
 * Reads a native block macro: its opening `tag` and its `body` (raw text for code, blocks read by
 * `readBody` otherwise). Undefined for a macro markdown does not show natively.
 */
export function readNativeMacro(
  tag: string,
  body: string,
  readBody: (body: string) => BlockContent[],
): NativeBlock | undefined {
  const opening = readOpening(tag);
  if (!opening || !NATIVE_MACROS.has(opening.name)) return undefined;
  const node = nativeNode(opening, body, readBody);
  // The case of a colour (`#FFEBE6`) is spelling, not something to carry.
  const plain = openingTag(node).toLowerCase() === tag.toLowerCase();
  return withExtra(node, "wiki", plain ? undefined : { macro: tag });
}

/**
 * The opening tag to write for a native block: the carried tag while markdown shows what it
 * shows, else the shown parameters followed by the carried tag's other parameters.
 */
export function openingTag(node: NativeBlock): string {
  const name = macroName(node);
  const carried = extraOf(node, "wiki")?.macro;
  const source = typeof carried === "string" ? readOpening(carried) : undefined;
  if (!source || source.name !== name) return composeTag(name, shownParams(node), []);
  const hidden = splitParams(source).hidden;
  const tag = composeTag(name, shownParams(node), hidden);
  const unchanged = tag === composeTag(name, shownParams(nativeNode(source, "", () => [])), hidden);
  return unchanged ? carried as string : tag;
}

/** The wiki macro a native block is written as. */
export function macroName(node: NativeBlock): string {
  if (node.type === "code") return node.lang === "noformat" ? "noformat" : "code";
  return panelOf(node) ? "panel" : "quote";
}

function readOpening(tag: string): Opening | undefined {
  const match = OPENING.exec(tag);
  if (!match) return undefined;
  const params = match[2] === undefined ? [] : splitUnescaped(match[2], "|");
  return { name: match[1], params };
}

function nativeNode(
  opening: Opening,
  body: string,
  readBody: (body: string) => BlockContent[],
): NativeBlock {
  const { language, title, color } = splitParams(opening).shown;
  switch (opening.name) {
    case "code":
    case "noformat": {
      const lang = opening.name === "noformat"
        ? "noformat"
        : language ?? (title === undefined ? null : DEFAULT_LANGUAGE);
      const meta = title === undefined ? null : `title=${JSON.stringify(title)}`;
      return { type: "code", lang, meta, value: body };
    }
    case "panel": {
      const type = color === undefined ? "panel" : lookup(COLOR_PANELS, color.toLowerCase())!;
      return panelNode({ type, title: title ?? "" }, readBody(body));
    }
  }
  return { type: "blockquote", children: readBody(body) };
}

/**
 * Splits a tag's parameters into what markdown shows (a code language, a title, a palette
 * colour; the first of each) and the others, as written.
 */
function splitParams(opening: Opening): { shown: ShownParams; hidden: string[] } {
  const { name, params } = opening;
  const shown: ShownParams = {};
  const hidden: string[] = [];
  params.forEach((param, index) => {
    const equals = param.indexOf("=");
    const key = equals < 0 ? undefined : param.slice(0, equals);
    const value = param.slice(equals + 1);
    if (key === undefined && name === "code" && index === 0 && LANGUAGE.test(value)) {
      shown.language = value;
    } else if (key === "title" && name !== "quote" && shown.title === undefined) {
      shown.title = value;
    } else if (
      key === "bgColor" && name === "panel" && shown.color === undefined &&
      lookup(COLOR_PANELS, value.toLowerCase())
    ) {
      shown.color = value;
    } else {
      hidden.push(param);
    }
  });
  return { shown, hidden };
}

/** `map[key]` for the map's own keys only (`constructor` is not a colour). */
function lookup(map: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The parameters markdown shows for a native block, written as wiki parameters. */
function shownParams(node: NativeBlock): string[] {
  const panel = panelOf(node);
  if (panel) {
    const title = panel.title ? [`title=${cleanParam(panel.title)}`] : [];
    const color = lookup(PANEL_COLORS, panel.type);
    return [...title, ...(color ? [`bgColor=${color}`] : [])];
  }
  if (node.type !== "code") return [];
  const title = titleOf(node.meta);
  const language = node.lang && node.lang !== "noformat"
    ? [lookup(CODE_LANGUAGES, node.lang.toLowerCase()) ?? node.lang]
    : [];
  return [...language, ...(title ? [`title=${cleanParam(title)}`] : [])];
}

/** The title in a fence's meta (`title="A.java"`), if that is what it holds. */
function titleOf(meta: string | null | undefined): string | undefined {
  const match = TITLE_META.exec(meta?.trim() ?? "");
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return undefined;
  }
}

/** A parameter value cannot hold the `|` and `}` that end it. */
function cleanParam(value: string): string {
  return value.replace(/[|}]/g, "");
}

/** A tag of the shown parameters, then the hidden ones but those the shown ones replace. */
function composeTag(name: string, shown: string[], hidden: string[]): string {
  const key = (param: string) => param.split("=", 1)[0];
  const shownKeys = new Set(shown.filter((param) => param.includes("=")).map(key));
  const params = [...shown, ...hidden.filter((param) => !shownKeys.has(key(param)))];
  return `{${name}${params.length ? ":" + params.join("|") : ""}}`;
}
