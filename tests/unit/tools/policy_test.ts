import { deepEqual, equal, throws } from "node:assert/strict";
import {
  assertProjectAllowed,
  assertSpaceAllowed,
  projectOfIssueKey,
  restrictCql,
  restrictJql,
  splitOrderBy,
} from "../../../src/tools/policy.ts";

Deno.test("restrictJql ANDs the allowlist and keeps ORDER BY last", () => {
  equal(
    restrictJql("status = Done ORDER BY created DESC", ["DEMO", "OPS"]),
    '(status = Done) AND project IN ("DEMO", "OPS") ORDER BY created DESC',
  );
  equal(restrictJql("", ["DEMO"]), 'project IN ("DEMO")');
  equal(restrictJql("order by key", ["DEMO"]), 'project IN ("DEMO") order by key');
  equal(restrictJql("status = Done", []), "status = Done");
});

Deno.test("restrictJql cannot be widened by an OR in the query", () => {
  equal(
    restrictJql("project = DEMO OR project = SECRET", ["DEMO"]),
    '(project = DEMO OR project = SECRET) AND project IN ("DEMO")',
  );
});

Deno.test("restrictJql and restrictCql refuse queries that would escape the parentheses", () => {
  throws(() => restrictJql("project = OPS) OR (project = OPS", ["DEMO"]), /unbalanced parentheses/);
  throws(() => restrictJql('summary ~ "open', ["DEMO"]), /unbalanced quotes/);
  throws(() => restrictCql("space = HR) OR (space = HR", ["DOCS"]), /unbalanced parentheses/);
  equal(restrictJql('summary ~ "a ) b"', ["DEMO"]), '(summary ~ "a ) b") AND project IN ("DEMO")');
  equal(restrictJql("project = OPS) OR (project = OPS", []), "project = OPS) OR (project = OPS");
});

Deno.test("splitOrderBy ignores ORDER BY inside quotes", () => {
  deepEqual(splitOrderBy('summary ~ "order by me" ORDER BY key'), {
    where: 'summary ~ "order by me"',
    orderBy: "ORDER BY key",
  });
});

Deno.test("restrictCql ANDs the space allowlist", () => {
  equal(restrictCql('text ~ "x"', ["DOCS"]), '(text ~ "x") AND space IN ("DOCS")');
});

Deno.test("projectOfIssueKey takes the part before the last dash", () => {
  equal(projectOfIssueKey("DEMO-12"), "DEMO");
  equal(projectOfIssueKey("MY_PROJ-1"), "MY_PROJ");
});

Deno.test("assertProjectAllowed and assertSpaceAllowed refuse what is outside the list", () => {
  assertProjectAllowed("DEMO", []);
  assertProjectAllowed("demo", ["DEMO"]);
  throws(() => assertProjectAllowed("OPS", ["DEMO"]), /Project OPS is outside/);
  assertSpaceAllowed(undefined, []);
  throws(() => assertSpaceAllowed("HR", ["DOCS"]), /Space HR is outside/);
  throws(() => assertSpaceAllowed(undefined, ["DOCS"]), /Space \(unknown\)/);
});
