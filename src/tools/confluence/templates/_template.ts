/**
 * A template read for a tool, refused when it belongs to a space outside
 * `CONFLUENCE_SPACES_FILTER` (global templates belong to no space and are always allowed).
 *
 * @module
 */
import { getTemplate, type Template } from "../../../confluence/templates.ts";
import type { ServiceHandle } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";

/** Reads a template, refusing one of a space outside the allowed spaces. */
export async function allowedTemplate(service: ServiceHandle, id: string): Promise<Template> {
  const template = await getTemplate(service.client, id);
  if (template.spaceKey) assertSpaceAllowed(template.spaceKey, service.service.allowlist);
  return template;
}
