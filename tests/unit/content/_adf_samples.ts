/**
 * ADF samples generated from Atlassian's own schema (`@atlaskit/adf-schema`, v1 full.json): one
 * small document per node type and one per mark type the schema defines, plus hand-written
 * variants for the shapes the issue "Rich text on real content" names.
 *
 * The generator reads the `*_node` / `*_mark` definitions, finds for each type the shortest
 * chain of parents from `doc_node` that the schema allows (a `tableCell` inside a `tableRow`
 * inside a `table`, a `layoutColumn` inside a `layoutSection`, ...), fills required attributes
 * from the schema (enums: the first value; strings, numbers: a realistic, valid value) plus the
 * attributes a person sees (a mention's name, an emoji's character, an expand's title, media alt
 * text), and gives every node that can hold text some text. An inline node or a marked text
 * sits in a paragraph with text around it. A mark goes on text where the schema allows it there,
 * otherwise on the first node that takes it (`alignment` on a paragraph, `breakout` on a code
 * block, `border` on media, ...).
 *
 * @module
 */

import schema from "@atlaskit/adf-schema/dist/json-schema/v1/full.json" with { type: "json" };

type Json = Record<string, unknown>;

/** An ADF node as the samples build it. */
export interface SampleNode {
  type: string;
  attrs?: Json;
  content?: SampleNode[];
  marks?: { type: string; attrs?: Json }[];
  text?: string;
}

/** One ADF document to test with, named after what it exercises (e.g. `node status`). */
export interface AdfSample {
  name: string;
  doc: { type: "doc"; version: 1; content: SampleNode[] };
}

interface Definition {
  type: string;
  properties: Record<string, Json>;
}

interface Content {
  /** The allowed definitions per position; the last one repeats. */
  positions: string[][];
  minItems: number;
}

const DEFINITIONS = (schema as unknown as { definitions: Record<string, Json> }).definitions;
const ROOT = "doc_node";

/** Realistic values for attributes, by `type.attr` first, then by attribute name. */
const VALUES: Record<string, unknown> = {
  "mention.id": "557058:3f2a1c9e-0b7d-4c1a-9e55-a11ce0000001",
  "mention.text": "@Alice Admin",
  "emoji.shortName": ":grinning:",
  "emoji.text": "😀",
  "date.timestamp": "1704067200000",
  "status.text": "IN PROGRESS",
  "status.color": "yellow",
  "placeholder.text": "Type the release name",
  "decisionItem.state": "DECIDED",
  "textColor.color": "#ff5630",
  "backgroundColor.color": "#fedec8",
  "border.color": "#091e4224",
  "media.id": "6e7c7f2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a",
  "media.alt": "Architecture diagram",
  "mediaInline.id": "7f8d9e0a-2c3d-4e5f-9a0b-1c2d3e4f5a6b",
  "mediaInline.alt": "release-checklist.pdf",
  "expand.title": "Rollout details",
  "nestedExpand.title": "Rollback steps",
  "annotation.id": "6a1c2e3f-inline-comment-1",
  "fragment.localId": "fragment-1",
  "dataConsumer.sources": ["fragment-1"],
  "link.href": "https://www.atlassian.com/software/jira",
  "extension.extensionKey": "jira-issues",
  "inlineExtension.extensionKey": "jira-issue",
  "bodiedExtension.extensionKey": "details",
  extensionType: "com.atlassian.confluence.macro.core",
  collection: "contentId-123456",
  url: "https://example.atlassian.net/wiki/spaces/ENG/pages/123456/Release+plan",
  localId: "c5f2c6d4-8a1e-4b5e-9f1a-2d3e4f5a6b7c",
  resourceId: "ari:cloud:confluence:1a2b3c4d:page/123456/sync-block-1",
};
/** Optional attributes a person sees, filled in as well as the required ones. */
const SHOWN_ATTRS: Record<string, string[]> = {
  mention: ["text"],
  emoji: ["text"],
  media: ["alt"],
  mediaInline: ["alt"],
  expand: ["title"],
  nestedExpand: ["title"],
};

function definition(name: string): Definition {
  const raw = DEFINITIONS[name];
  if (Array.isArray(raw.allOf)) {
    const [base, ...overrides] = raw.allOf as Json[];
    const resolved = definition(refName(base));
    const properties = { ...resolved.properties };
    for (const override of overrides) {
      Object.assign(properties, (override.properties ?? {}) as Record<string, Json>);
    }
    return { type: resolved.type, properties };
  }
  const properties = (raw.properties ?? {}) as Record<string, Json>;
  return { type: ((properties.type?.enum ?? []) as string[])[0], properties };
}

/** True for definitions that only list others (`inline_node`, `block_content`, ...). */
function isGroup(name: string): boolean {
  return Array.isArray(DEFINITIONS[name].anyOf) || DEFINITIONS[name].type === "array";
}

function refName(spec: Json): string {
  return String(spec.$ref).replace("#/definitions/", "");
}

/** The node or mark definitions a spec allows (expanding groups like `inline_node`). */
function allowed(spec: Json | undefined): string[] {
  if (!spec) return [];
  if (typeof spec.$ref === "string") {
    const name = refName(spec);
    return isGroup(name) ? allowed(DEFINITIONS[name]) : [name];
  }
  if (Array.isArray(spec.anyOf)) return (spec.anyOf as Json[]).flatMap(allowed);
  if (spec.type === "array" && spec.items && !Array.isArray(spec.items)) {
    return allowed(spec.items as Json);
  }
  return [];
}

function contentOf(def: Definition): Content | undefined {
  let spec = def.properties.content;
  if (!spec) return undefined;
  if (typeof spec.$ref === "string") spec = DEFINITIONS[refName(spec)];
  const items = spec.items;
  const positions = Array.isArray(items)
    ? (items as Json[]).map(allowed)
    : [allowed(items as Json | undefined)];
  return { positions, minItems: Number(spec.minItems ?? 0) };
}

function marksOf(def: Definition): string[] {
  const items = def.properties.marks?.items as Json | undefined;
  return items ? allowed(items) : [];
}

function children(def: Definition): string[] {
  return [...new Set(contentOf(def)?.positions.flat() ?? [])];
}

/** The shortest chain of definitions from `doc_node` to the first one `accept`s (BFS). */
function chainTo(accept: (name: string) => boolean): string[] | undefined {
  const parent = new Map<string, string | undefined>([[ROOT, undefined]]);
  for (const queue = [ROOT]; queue.length > 0;) {
    const name = queue.shift()!;
    if (name !== ROOT && accept(name)) {
      const chain = [name];
      for (let up = parent.get(name); up; up = parent.get(up)) chain.unshift(up);
      return chain;
    }
    for (const child of children(definition(name))) {
      if (!parent.has(child)) {
        parent.set(child, name);
        queue.push(child);
      }
    }
  }
  return undefined;
}

function valueFor(type: string, key: string, spec: Json): unknown {
  const known = VALUES[`${type}.${key}`] ?? VALUES[key];
  if (known !== undefined) return known;
  if (Array.isArray(spec.enum)) return spec.enum[0];
  if (spec.type === "number") {
    const min = typeof spec.minimum === "number" ? spec.minimum : undefined;
    const max = typeof spec.maximum === "number" ? spec.maximum : undefined;
    if (min !== undefined && max !== undefined) return Math.round((min + max) / 2);
    return min ?? 1;
  }
  throw new Error(`no sample value for ${type}.${key}: add one to VALUES`);
}

function isSimple(spec: Json | undefined): boolean {
  return spec !== undefined && (Array.isArray(spec.enum) || spec.type !== undefined) &&
    spec.type !== "object";
}

/** Required attributes (the first `anyOf` branch that needs only simple ones) and shown ones. */
function attrsFor(def: Definition): Json | undefined {
  const spec = def.properties.attrs;
  if (!spec) return undefined;
  const branches = Array.isArray(spec.anyOf) ? spec.anyOf as Json[] : [spec];
  const branch = branches.find((candidate) => {
    const properties = (candidate.properties ?? {}) as Record<string, Json>;
    return ((candidate.required ?? []) as string[]).every((key) => isSimple(properties[key]));
  }) ?? branches[0];
  const properties = (branch.properties ?? {}) as Record<string, Json>;
  const keys = [
    ...((branch.required ?? []) as string[]),
    ...(SHOWN_ATTRS[def.type] ?? []).filter((key) => key in properties),
  ];
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, valueFor(def.type, key, properties[key])]));
}

function sampleText(type: string): string {
  return `Text in ${type}`;
}

function holdsText(choices: string[]): string | undefined {
  return choices.find((name) => definition(name).type === "text");
}

function mark(name: string): { type: string; attrs?: Json } {
  const def = definition(name);
  const attrs = attrsFor(def);
  return attrs ? { type: def.type, attrs } : { type: def.type };
}

/** Builds the node of definition `name`; `inner` is the node the chain continues with. */
function build(name: string, inner?: { name: string; node: SampleNode }): SampleNode {
  const def = definition(name);
  const node: SampleNode = { type: def.type };
  const attrs = attrsFor(def);
  if (attrs) node.attrs = attrs;
  if (def.properties.text) node.text = sampleText("text");
  const content = contentOf(def);
  if (content) node.content = inner ? around(content, inner) : filling(def.type, content);
  return node;
}

/** Default content: text where the node holds text, else its first (paragraph) child. */
function filling(type: string, content: Content): SampleNode[] {
  const count = Math.max(1, content.minItems);
  const out: SampleNode[] = [];
  for (let index = 0; index < count; index++) {
    const choices = content.positions[Math.min(index, content.positions.length - 1)];
    const textual = holdsText(choices);
    if (textual) return [{ type: "text", text: sampleText(type) }];
    const paragraph = choices.find((choice) => definition(choice).type === "paragraph");
    out.push(build(paragraph ?? choices[0]));
  }
  return out;
}

/** Content holding `inner` at the first position that allows it, with text around inline ones. */
function around(content: Content, inner: { name: string; node: SampleNode }): SampleNode[] {
  const at = content.positions.findIndex((choices) => choices.includes(inner.name));
  const choices = content.positions[at];
  if (holdsText(choices) && (inner.node.type !== "text" || inner.node.marks)) {
    return [
      { type: "text", text: "Before " },
      inner.node,
      { type: "text", text: " after" },
    ];
  }
  const out: SampleNode[] = [];
  for (let index = 0; index < at; index++) out.push(build(content.positions[index][0]));
  out.push(inner.node);
  const next = content.positions[Math.min(at + 1, content.positions.length - 1)];
  while (out.length < content.minItems) out.push(build(next[0]));
  return out;
}

/** Wraps the node at the end of `chain` into its parents, up to the document. */
function document(chain: string[], leaf: SampleNode): AdfSample["doc"] {
  let inner = { name: chain[chain.length - 1], node: leaf };
  for (let index = chain.length - 2; index > 0; index--) {
    inner = { name: chain[index], node: build(chain[index], inner) };
  }
  const root = build(ROOT, inner);
  return { type: "doc", version: 1, content: root.content ?? [] };
}

function definitionsOf(kind: "node" | "mark"): string[] {
  return Object.keys(DEFINITIONS).filter((name) => name.endsWith(`_${kind}`) && !isGroup(name));
}

function typesOf(kind: "node" | "mark"): string[] {
  return [...new Set(definitionsOf(kind).map((name) => definition(name).type))].sort();
}

/** Every node type the schema defines (the `type` of each `*_node` definition). */
export const ADF_NODE_TYPES: string[] = typesOf("node");

/** Every mark type the schema defines. */
export const ADF_MARK_TYPES: string[] = typesOf("mark");

/** Node types with no sample, and why: only those that cannot appear inside a `doc`. */
export const SKIPPED_ADF_NODE_TYPES: Record<string, string> = Object.fromEntries(
  ADF_NODE_TYPES.filter((type) => type === "doc" || !chainTo((n) => definition(n).type === type))
    .map((type) => [
      type,
      type === "doc" ? "the root: every sample is a doc" : "no chain of parents from doc_node",
    ]),
);

/** Whether a definition forbids marks (`*_with_no_marks_node`: the plain text of a code block). */
function forbidsMarks(name: string): boolean {
  return definition(name).properties.marks?.maxItems === 0;
}

function nodeSample(type: string): AdfSample {
  const isType = (name: string) => definition(name).type === type;
  const chain = chainTo((name) => isType(name) && !forbidsMarks(name)) ?? chainTo(isType)!;
  return { name: `node ${type}`, doc: document(chain, build(chain[chain.length - 1])) };
}

function markSample(type: string): AdfSample {
  const name = definitionsOf("mark").find((mark) => definition(mark).type === type)!;
  const takes = (def: string) => marksOf(definition(def)).includes(name);
  const chain = chainTo((def) => definition(def).type === "text" && takes(def)) ??
    chainTo(takes)!;
  const leaf = build(chain[chain.length - 1]);
  if (leaf.type === "text") leaf.text = `marked with ${type}`;
  leaf.marks = [mark(name)];
  return { name: `mark ${type}`, doc: document(chain, leaf) };
}

function doc(...content: SampleNode[]): AdfSample["doc"] {
  return { type: "doc", version: 1, content };
}

function paragraph(...content: SampleNode[]): SampleNode {
  return { type: "paragraph", content };
}

function plain(text: string, ...marks: { type: string; attrs?: Json }[]): SampleNode {
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

function cell(type: "tableHeader" | "tableCell", text: string): SampleNode {
  return { type, attrs: {}, content: [paragraph(plain(text))] };
}

function table(rows: [type: "tableHeader" | "tableCell", text: string][][]): SampleNode {
  return {
    type: "table",
    attrs: { isNumberColumnEnabled: false, layout: "default" },
    content: rows.map((row) => ({
      type: "tableRow",
      content: row.map(([type, text]) => cell(type, text)),
    })),
  };
}

/** Shapes the issue calls out, as Jira and Confluence write them. */
const VARIANTS: AdfSample[] = [
  {
    name: "variant table without any tableHeader cells",
    doc: doc(table([
      [["tableCell", "Service"], ["tableCell", "Owner"]],
      [["tableCell", "Billing"], ["tableCell", "Team Red"]],
    ])),
  },
  {
    name: "variant table with a header row",
    doc: doc(table([
      [["tableHeader", "Service"], ["tableHeader", "Owner"]],
      [["tableCell", "Billing"], ["tableCell", "Team Red"]],
    ])),
  },
  {
    name: "variant table with a header column",
    doc: doc(table([
      [["tableHeader", "Team"], ["tableCell", "Platform"]],
      [["tableHeader", "Lead"], ["tableCell", "Alice Admin"]],
      [["tableHeader", "EM"], ["tableCell", "Bob Builder"]],
    ])),
  },
  {
    name: "variant panel whose first paragraph is a bold title",
    doc: doc({
      type: "panel",
      attrs: { panelType: "warning" },
      content: [
        paragraph(plain("Before you deploy", { type: "strong" })),
        paragraph(plain("Freeze the release branch first.")),
      ],
    }),
  },
  {
    name: "variant text with textColor",
    doc: doc(paragraph(
      plain("Status: "),
      plain("Release blocker", { type: "textColor", attrs: { color: "#ff5630" } }),
      plain(" until the fix lands."),
    )),
  },
  {
    name: "variant emoji as an Atlassian emoticon with a text fallback",
    doc: doc(paragraph(
      plain("Thanks "),
      {
        type: "emoji",
        attrs: { shortName: ":awthanks:", id: "atlassian-awthanks", text: ":awthanks:" },
      },
      plain(" team"),
    )),
  },
  {
    name: "variant emoji with only a shortName",
    doc: doc(paragraph(
      plain("Done "),
      { type: "emoji", attrs: { shortName: ":white_check_mark:" } },
      plain(" for today"),
    )),
  },
];

/** One sample per node type (minus the skipped ones), one per mark type, then the variants. */
export const ADF_SAMPLES: AdfSample[] = [
  ...ADF_NODE_TYPES.filter((type) => !(type in SKIPPED_ADF_NODE_TYPES)).map(nodeSample),
  ...ADF_MARK_TYPES.map(markSample),
  ...VARIANTS,
];
