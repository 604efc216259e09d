/**
 * Storage conventions the reader and the writer share.
 *
 * @module
 */

import type { XElement } from "./xml.ts";

/** The `ri:user` attribute for each kind of mention. */
export const USER_ATTRIBUTES = {
  accountid: "ri:account-id",
  userkey: "ri:userkey",
  username: "ri:username",
} as const;

/** The macros read as panels (`> [!INFO]`), by name. */
export const PANEL_NAMES = new Set(["info", "note", "warning", "tip"]);

/** Storage's panel macros, by hub panel type. */
export const PANEL_MACROS: Record<string, string> = {
  info: "info",
  note: "note",
  warning: "warning",
  tip: "tip",
  success: "tip",
  error: "warning",
  important: "note",
  caution: "warning",
};

const TITLE_META = /^title="([^"]*)"$/;

/**
 * The info string words after a code block's language that show a code macro's title:
 * `title="deploy.sh"`; undefined for a title they cannot hold (one with a `"` or line break).
 */
export function titleMeta(title: string): string | undefined {
  return /["\r\n]/.test(title) ? undefined : `title="${title}"`;
}

/**
 * A code block's language and title from its info string (the inverse of {@link titleMeta}).
 * Without a language, the title is the whole info string, which markdown splits into `lang`
 * and `meta` at its first space.
 */
export function codeInfo(lang: string | null | undefined, meta: string | null | undefined): {
  language?: string;
  title?: string;
} {
  const info = [lang, meta].filter(Boolean).join(" ");
  const whole = TITLE_META.exec(info);
  if (whole) return { title: whole[1] };
  const title = meta ? TITLE_META.exec(meta)?.[1] : undefined;
  return title === undefined
    ? { language: lang || undefined }
    : { language: lang || undefined, title };
}

/** The text of a macro's parameter `name` when it holds text only; undefined otherwise. */
export function plainParameter(macro: XElement, name: string): string | undefined {
  const parameter = macro.children.find((child): child is XElement =>
    child.type === "element" && child.name === "ac:parameter" &&
    child.attributes["ac:name"] === name
  );
  if (!parameter?.children.every((child) => child.type === "text")) return undefined;
  return parameter.children.map((child) => child.type === "text" ? child.value : "").join("");
}
