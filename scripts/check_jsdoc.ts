/**
 * Docs check: every symbol exported from main.ts and src/ carries JSDoc (a re-export counts as
 * documented when its declaration is). Uses `deno doc --json`; exits 1 listing what is missing.
 *
 * @module
 */

interface DocDeclaration {
  location: { filename: string; line: number };
  declarationKind: string;
  jsDoc?: { doc?: string };
}

interface DocJson {
  nodes: Record<string, { symbols?: { name: string; declarations: DocDeclaration[] }[] }>;
}

const root = new URL("../", import.meta.url);

async function sourceFiles(dir: URL): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) out.push(...await sourceFiles(url));
    else if (entry.name.endsWith(".ts")) out.push(url.pathname);
  }
  return out;
}

const files = [new URL("main.ts", root).pathname, ...await sourceFiles(new URL("src/", root))]
  .sort();
const output = await new Deno.Command(Deno.execPath(), {
  args: ["doc", "--json", ...files],
  stdout: "piped",
  stderr: "inherit",
}).output();
if (!output.success) Deno.exit(1);
const doc: DocJson = JSON.parse(new TextDecoder().decode(output.stdout));

// A re-export (`export { x } from "./x.ts"`) shows up undocumented in the re-exporting module;
// it counts as documented when the symbol is documented where it is declared.
const documented = new Set<string>();
const undocumented: { name: string; where: string }[] = [];
for (const [module, node] of Object.entries(doc.nodes)) {
  for (const symbol of node.symbols ?? []) {
    for (const d of symbol.declarations) {
      if (d.declarationKind !== "export" || d.location.filename !== module) continue;
      if (d.jsDoc?.doc?.trim()) documented.add(symbol.name);
      else {
        const file = new URL(module).pathname.replace(root.pathname, "");
        undocumented.push({ name: symbol.name, where: `${file}:${d.location.line}` });
      }
    }
  }
}
const missing = undocumented.filter((u) => !documented.has(u.name)).map((u) =>
  `${u.where} ${u.name}`
);
if (missing.length) {
  console.error(`Exported symbols without JSDoc (${missing.length}):\n  ${missing.join("\n  ")}`);
  Deno.exit(1);
}
console.error(`JSDoc present on every export of ${files.length} modules.`);
