import { deepEqual, equal, ok } from "node:assert/strict";
import { PRODUCTS } from "../../../src/config/mod.ts";
import type { Product } from "../../../src/config/types.ts";
import { GLOSSARY, sharedParametersSentence } from "../../../src/tools/glossary.ts";
import { TOOLSETS } from "../../../src/tools/registry.ts";
import { listedInputSchema } from "../../../src/tools/schemas.ts";

/** Per product, the parameters its tools list without a description. */
function undescribedByProduct(): Record<Product, Set<string>> {
  const used = { jira: new Set<string>(), confluence: new Set<string>() };
  for (const tool of TOOLSETS.flatMap((toolset) => toolset.tools)) {
    const properties = listedInputSchema(tool).properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      if (!(property as { description?: string }).description) used[tool.product].add(name);
    }
  }
  return used;
}

Deno.test("the glossary tags each parameter with exactly the products whose tools list it bare", () => {
  const used = undescribedByProduct();
  for (const product of PRODUCTS) {
    ok(used[product].size > 0, product);
    deepEqual(
      [...used[product]].filter((name) => !(name in GLOSSARY[product])),
      [],
      `${product} tools list these without a description, untagged ${product}`,
    );
    deepEqual(
      Object.keys(GLOSSARY[product]).filter((name) => !used[product].has(name)),
      [],
      `tagged ${product} although no ${product} tool lists them without a description`,
    );
  }
  for (const [name, what] of Object.entries(GLOSSARY.jira)) {
    if (name in GLOSSARY.confluence) equal(GLOSSARY.confluence[name], what, name);
  }
});

Deno.test("sharedParametersSentence describes the parameters of the products given only", () => {
  const jira = sharedParametersSentence(["jira"]);
  ok(jira.includes("issue_key: Jira issue key"), jira);
  ok(!jira.includes("page_id:"), jira);
  const both = sharedParametersSentence(["jira", "confluence"]);
  ok(both.includes("issue_key: ") && both.includes("page_id: "), both);
  equal(sharedParametersSentence([]), "");
});
