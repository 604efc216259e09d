/**
 * Reads Atlassian's own error texts out of a failed response's body, whatever shape it has
 * (Jira, Confluence v1/v2, OAuth, HTML or plain text).
 *
 * @module
 */

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return asText(o.translation) ?? asText(o.message) ?? asText(o.key);
  }
  return undefined;
}

/**
 * One refused item of a Jira bulk request (`{elementErrors, failedElementNumber}`) as
 * "item N: field: msg; ..." with N counted from 1, so a caller can tell the items apart.
 */
function bulkItemMessage(item: Record<string, unknown>): string | undefined {
  const errors = (item.elementErrors ?? {}) as Record<string, unknown>;
  const texts = [
    ...(Array.isArray(errors.errorMessages) ? errors.errorMessages.map(asText) : []),
    ...Object.entries((errors.errors ?? {}) as Record<string, unknown>).map(([field, msg]) =>
      asText(msg) && `${field}: ${asText(msg)}`
    ),
  ].filter(Boolean);
  if (texts.length === 0) return undefined;
  const n = item.failedElementNumber;
  return `${typeof n === "number" ? `item ${n + 1}: ` : ""}${texts.join("; ")}`;
}

/**
 * Atlassian's own error texts from a response body: Jira `errorMessages` + `errors` (as
 * "field: msg"; a bulk request's refused items as "item N: ..."), Confluence v1 `message` (+
 * `data.errors`), Confluence v2 `errors[]` (title/detail), OAuth-style `error_description`, else
 * the trimmed text (HTML tags removed).
 */
export function parseErrorMessages(body: string): string[] {
  const text = body.trim();
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [plainText(text)].filter((s) => s !== "");
  }
  const out: string[] = [];
  const push = (s: string | undefined) => {
    if (s && !out.includes(s)) out.push(s);
  };
  if (!json || typeof json !== "object") {
    push(asText(json));
    return out;
  }
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.errorMessages)) o.errorMessages.forEach((m) => push(asText(m)));
  if (Array.isArray(o.errors)) {
    for (const e of o.errors) {
      if (e && typeof e === "object" && "elementErrors" in e) {
        push(bulkItemMessage(e as Record<string, unknown>));
      } else if (e && typeof e === "object") {
        const r = e as Record<string, unknown>;
        const title = asText(r.title) ?? asText(r.message) ?? asText(r.code);
        const detail = asText(r.detail);
        push(title && detail && detail !== title ? `${title}: ${detail}` : detail ?? title);
      } else push(asText(e));
    }
  } else if (o.errors && typeof o.errors === "object") {
    for (const [field, msg] of Object.entries(o.errors as Record<string, unknown>)) {
      const m = asText(msg);
      if (m) push(`${field}: ${m}`);
    }
  }
  push(asText(o.errorMessage));
  push(asText(o.message));
  const data = o.data as Record<string, unknown> | undefined;
  if (data && Array.isArray(data.errors)) data.errors.forEach((e) => push(asText(e)));
  push(asText(o.error_description));
  if (out.length === 0) push(asText(o.error) ?? asText(o.reason));
  return out;
}

function plainText(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const stripped = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " "))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return stripped.length > 300 ? stripped.slice(0, 297) + "..." : stripped;
}
