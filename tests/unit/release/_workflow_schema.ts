/**
 * GitHub's own workflow and action schemas (`@actions/workflow-parser`, the parser behind the
 * GitHub Actions language service) checking a workflow or an action file. The package's
 * `parseWorkflow`/`parseAction` import their schema JSON without an import attribute, which Deno
 * refuses, so this does what they do with the same building blocks and the same schema files.
 */
import {
  TemplateContext,
  TemplateValidationErrors,
} from "@actions/workflow-parser/templates/template-context";
import { readTemplate } from "@actions/workflow-parser/templates/template-reader";
import { TemplateSchema } from "@actions/workflow-parser/templates/schema/index";
import { JSONObjectReader } from "@actions/workflow-parser/templates/json-object-reader";
import { NoOperationTraceWriter } from "@actions/workflow-parser/templates/trace-writer";
import { YamlObjectReader } from "@actions/workflow-parser/workflows/yaml-object-reader";
import { WORKFLOW_ROOT } from "@actions/workflow-parser/workflows/workflow-constants";
import { ACTION_ROOT } from "@actions/workflow-parser/actions/action-constants";

/** What a file is: its schema file in the package and the schema's root definition. */
const KINDS = {
  workflow: { schema: "workflow-v1.0.min.json", root: WORKFLOW_ROOT },
  action: { schema: "action-v1.0.min.json", root: ACTION_ROOT },
} as const;

/** The package's folder of compiled modules, where its schema files are. */
const DIST = new URL(
  "../",
  import.meta.resolve("@actions/workflow-parser/templates/template-context"),
);

/** Each kind's schema, loaded the first time it is asked for. */
const schemas = new Map<keyof typeof KINDS, TemplateSchema>();

function schemaOf(kind: keyof typeof KINDS): TemplateSchema {
  let schema = schemas.get(kind);
  if (!schema) {
    const json = Deno.readTextFileSync(new URL(KINDS[kind].schema, DIST));
    schema = TemplateSchema.load(new JSONObjectReader(undefined, json));
    schemas.set(kind, schema);
  }
  return schema;
}

/** The schema errors of `content` (a file called `name`) as `kind`: empty when it is valid. */
export function schemaErrors(kind: keyof typeof KINDS, name: string, content: string): string[] {
  const context = new TemplateContext(
    new TemplateValidationErrors(),
    schemaOf(kind),
    new NoOperationTraceWriter(),
  );
  const fileId = context.getFileId(name);
  const reader = new YamlObjectReader(fileId, content);
  if (reader.errors.length > 0) return reader.errors.map((error) => error.message);
  readTemplate(context, KINDS[kind].root, reader, fileId);
  return context.errors.getErrors().map((error) => error.message);
}
