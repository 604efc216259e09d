/**
 * Validation of ADF against Atlassian's own JSON schema (`@atlaskit/adf-schema`, v1 full.json).
 *
 * The schema declares JSON Schema draft-04, which Ajv 8 does not ship a meta-schema for. Its
 * keywords are the draft-04 subset that later drafts read the same way (no boolean
 * `exclusiveMinimum`, no `id`), so the `$schema` marker is dropped and Ajv compiles it with
 * `strict: false` (the schema uses array-form `items`, which strict mode rejects).
 *
 * @module
 */

import { Ajv } from "ajv";
import schema from "@atlaskit/adf-schema/dist/json-schema/v1/full.json" with { type: "json" };

const { $schema: _draft04, ...body } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: false }).compile(body);

/** Returns the schema errors of an ADF document (an empty list when it is valid). */
export function adfErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
