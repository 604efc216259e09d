/**
 * Turns a handler's value into the tool's text answer: no nulls, no empty fields, compact JSON.
 *
 * @module
 */

/** Removes null, undefined, empty strings, empty arrays and empty objects, recursively. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(prune).filter((v) => v !== undefined);
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(value)) {
      const v = prune(raw);
      if (v === undefined) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
      out[key] = v;
    }
    return out;
  }
  if (value === null || value === undefined || value === "") return undefined;
  return value;
}

/** Renders an answer: strings as they are, everything else as pruned compact JSON. */
export function renderAnswer(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(prune(value) ?? {});
}
