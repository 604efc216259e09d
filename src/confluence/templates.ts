/**
 * Content templates (Confluence Cloud REST v1 `/rest/api/template`; v2 has none): list the
 * global or a space's page templates, read one with its storage body.
 *
 * @module
 */
import { ToolError } from "../errors.ts";
import {
  AtlassianError,
  type HttpClient,
  objectAnswer,
  paginateStartLimit,
  path,
} from "../http/mod.ts";

/** A page template. */
export interface Template {
  id: string;
  name: string;
  description?: string;
  /** The space it belongs to; absent for a global template. */
  spaceKey?: string;
  labels: string[];
  /** Storage XHTML (only when read one by one). */
  body?: string;
}

interface V1Template {
  templateId: string;
  name: string;
  description?: string;
  space?: { key?: string };
  labels?: { name: string }[];
  body?: { storage?: { value?: string } };
}

const TEMPLATE = objectAnswer("a template", {});

function fromV1(t: V1Template): Template {
  return {
    id: String(t.templateId),
    name: t.name,
    description: t.description || undefined,
    spaceKey: t.space?.key,
    labels: (t.labels ?? []).map((l) => l.name),
    body: t.body?.storage?.value,
  };
}

/** Page templates of a space (or the global ones without `spaceKey`), at most `limit`. */
export async function listTemplates(
  client: HttpClient,
  spaceKey: string | undefined,
  limit: number,
): Promise<Template[]> {
  const out: Template[] = [];
  for await (
    const t of paginateStartLimit<V1Template>(client, "/rest/api/template/page", {
      query: { spaceKey },
      limit,
      pageSize: Math.min(limit, 200),
    })
  ) out.push(fromV1(t));
  return out;
}

/** One template with its storage body. */
export async function getTemplate(client: HttpClient, id: string): Promise<Template> {
  try {
    return fromV1(
      await client.get<V1Template>(path`/rest/api/template/${id}`, { expand: "body.storage" }, {
        expect: TEMPLATE,
      }),
    );
  } catch (error) {
    // Confluence answers 403 both for a template that does not exist and one you may not see.
    if (!(error instanceof AtlassianError) || error.status !== 403) throw error;
    throw new ToolError(
      `Template ${id} does not exist or you may not see it.`,
      "confluence_list_page_templates lists the global templates, and a space's with space_key.",
      { cause: error },
    );
  }
}
