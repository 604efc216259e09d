/**
 * Page content properties, and the two "looks" of a page Confluence keeps in them: the title
 * emoji (`emoji-title-published` / `emoji-title-draft`, value = the emoji's hex code points) and
 * the page width (`content-appearance-published` / `content-appearance-draft`).
 *
 * Cloud uses REST v2 (`/api/v2/pages/{id}/properties`, properties addressed by id, found by
 * `?key=`); Server/Data Center uses v1 (`/rest/api/content/{id}/property/{key}`). An update sends
 * the next version number; a 409 (someone else wrote first) is retried once on a fresh read.
 *
 * @module
 */
import { z } from "zod";
import { AtlassianError, type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import { isCloud } from "./cloud.ts";

/** The properties that hold a page's title emoji (published view first, then the editor's). */
const EMOJI_KEYS = ["emoji-title-published", "emoji-title-draft"] as const;

/** The properties that hold a page's width (published view first, then the editor's). */
const APPEARANCE_KEYS = [
  "content-appearance-published",
  "content-appearance-draft",
] as const;

/**
 * Page widths: `full-width`; `fixed-width` (the classic narrow page) or `default` (the
 * editor's default, narrow); `max` (the widest newer layout).
 */
export const PAGE_WIDTHS = ["full-width", "fixed-width", "default", "max"] as const;

/** One of {@link PAGE_WIDTHS}. */
export type PageWidth = typeof PAGE_WIDTHS[number];

/** A stored content property. */
export interface ContentProperty {
  /** Property id (Cloud v2 addresses properties by it). */
  id?: string;
  key: string;
  value: unknown;
  /** Current version number. */
  version: number;
}

interface RawProperty {
  id?: string | number;
  key: string;
  value: unknown;
  version?: { number?: number };
}

function fromRaw(raw: RawProperty): ContentProperty {
  return {
    id: raw.id === undefined ? undefined : String(raw.id),
    key: raw.key,
    value: raw.value,
    version: raw.version?.number ?? 1,
  };
}

/** What every property answer must have. */
const PROPERTY = objectAnswer("a content property", { key: z.string() });
/** The answer of a page's properties. */
const PROPERTIES = objectAnswer("a page's properties", { results: z.array(PROPERTY) });

function isNotFound(error: unknown): boolean {
  return error instanceof AtlassianError && error.kind === "not_found";
}

/** Reads one property of a page by key; undefined when the page has none with that key. */
export async function getPageProperty(
  client: HttpClient,
  pageId: string,
  key: string,
): Promise<ContentProperty | undefined> {
  if (isCloud(client)) {
    const answer = await client.get<{ results?: RawProperty[] }>(
      path`/api/v2/pages/${pageId}/properties`,
      { key },
      { expect: PROPERTIES },
    );
    const found = answer.results?.find((p) => p.key === key);
    return found ? fromRaw(found) : undefined;
  }
  try {
    return fromRaw(
      await client.get<RawProperty>(
        path`/rest/api/content/${pageId}/property/${key}`,
        undefined,
        { expect: PROPERTY },
      ),
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function writeProperty(
  client: HttpClient,
  pageId: string,
  key: string,
  value: unknown,
): Promise<ContentProperty> {
  const existing = await getPageProperty(client, pageId, key);
  if (isCloud(client)) {
    if (!existing) {
      return fromRaw(
        await client.post<RawProperty>(
          path`/api/v2/pages/${pageId}/properties`,
          { key, value },
          undefined,
          { expect: PROPERTY },
        ),
      );
    }
    return fromRaw(
      await client.put<RawProperty>(
        path`/api/v2/pages/${pageId}/properties/${existing.id ?? ""}`,
        { key, value, version: { number: existing.version + 1 } },
        undefined,
        { expect: PROPERTY },
      ),
    );
  }
  if (!existing) {
    return fromRaw(
      await client.post<RawProperty>(
        path`/rest/api/content/${pageId}/property`,
        { key, value },
        undefined,
        { expect: PROPERTY },
      ),
    );
  }
  return fromRaw(
    await client.put<RawProperty>(
      path`/rest/api/content/${pageId}/property/${key}`,
      {
        key,
        value,
        version: { number: existing.version + 1 },
      },
      undefined,
      { expect: PROPERTY },
    ),
  );
}

/** Creates or updates a page property (next version); retried once when another write won. */
export async function setPageProperty(
  client: HttpClient,
  pageId: string,
  key: string,
  value: unknown,
): Promise<ContentProperty> {
  try {
    return await writeProperty(client, pageId, key, value);
  } catch (error) {
    if (!(error instanceof AtlassianError) || error.kind !== "conflict") throw error;
    return await writeProperty(client, pageId, key, value);
  }
}

/** Deletes a page property; false when there was none to delete. */
export async function deletePageProperty(
  client: HttpClient,
  pageId: string,
  key: string,
): Promise<boolean> {
  try {
    if (isCloud(client)) {
      const existing = await getPageProperty(client, pageId, key);
      if (!existing?.id) return false;
      await client.delete(path`/api/v2/pages/${pageId}/properties/${existing.id}`, undefined, {
        expect: NO_CONTENT,
      });
    } else {
      await client.delete(path`/rest/api/content/${pageId}/property/${key}`, undefined, {
        expect: NO_CONTENT,
      });
    }
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * The id Confluence stores for an emoji: its code points in lowercase hex joined by `-`
 * ("📝" -> "1f4dd", "🇺🇸" -> "1f1fa-1f1f8"), variation selectors (U+FE0F) left out as in
 * Atlassian's emoji ids. Undefined when `emoji` is not exactly one emoji.
 */
export function emojiId(emoji: string): string | undefined {
  const text = emoji.trim();
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)];
  if (graphemes.length !== 1) return undefined;
  if (!/^[\p{Extended_Pictographic}\p{Emoji_Component}\u200d\ufe0f\u20e3]+$/u.test(text)) {
    return undefined;
  }
  if (!/[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]/u.test(text)) return undefined;
  return [...text].filter((c) => c !== "\ufe0f").map((c) => c.codePointAt(0)!.toString(16))
    .join("-");
}

/** What to set on a page besides its body. */
export interface PageLook {
  /** An emoji to show before the title; `""` removes it. */
  emoji?: string;
  pageWidth?: PageWidth;
}

/**
 * Writes a page's emoji and width properties (both the published and the draft key of each).
 * Never throws: each failure becomes a sentence in the returned list, because the page itself
 * has already been written and must not be reported as failed.
 */
export async function applyPageLook(
  client: HttpClient,
  pageId: string,
  look: PageLook,
): Promise<string[]> {
  const failures: string[] = [];
  const attempt = async (what: string, keys: readonly string[], write: (k: string) => unknown) => {
    for (const key of keys) {
      try {
        await write(key);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${what} failed (${key}): ${message}`);
        return;
      }
    }
  };
  if (look.emoji === "") {
    await attempt(
      "Removing the page emoji",
      EMOJI_KEYS,
      (k) => deletePageProperty(client, pageId, k),
    );
  } else if (look.emoji !== undefined) {
    const id = emojiId(look.emoji);
    if (id === undefined) {
      failures.push(`"${look.emoji}" is not a single emoji, so the page emoji was not set.`);
    } else {
      await attempt(
        "Setting the page emoji",
        EMOJI_KEYS,
        (k) => setPageProperty(client, pageId, k, id),
      );
    }
  }
  if (look.pageWidth !== undefined) {
    const width = look.pageWidth;
    await attempt(
      "Setting the page width",
      APPEARANCE_KEYS,
      (k) => setPageProperty(client, pageId, k, width),
    );
  }
  return failures;
}
