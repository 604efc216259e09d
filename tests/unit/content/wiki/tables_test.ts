import assert from "node:assert/strict";
import { markdownToWiki } from "../../../../src/content/mod.ts";
import { readTable, writeTable } from "../../../../src/content/wiki/tables.ts";
import { extraOf, shownOf } from "../../../../src/content/_hub.ts";
import { assertReadWrite } from "./_read_write.ts";

Deno.test("readTable reads a table with one header row as a plain markdown table", () => {
  assertReadWrite(
    "||Service||Owner||\n|Billing|Team Red|",
    "| Service | Owner |\n| - | - |\n| Billing | Team Red |\n",
    "||Service||Owner||\n|Billing|Team Red|",
  );
});

Deno.test("readTable shows a table without a header row and carries that", () => {
  assertReadWrite(
    "|Billing|Team Red|\n|Search|Team Blue|",
    '<!--wiki-attrs:{"headerRow":false}-->\n\n' +
      "| Billing | Team Red |\n| - | - |\n| Search | Team Blue |\n",
    "||Billing||Team Red||\n|Search|Team Blue|",
  );
});

Deno.test("readTable shows a table with a header column and carries that", () => {
  assertReadWrite(
    "||Team|Alice|\n||Role|Dev|",
    '<!--wiki-attrs:{"headerRow":false,"headerColumn":true}-->\n\n' +
      "| Team | Alice |\n| - | - |\n| Role | Dev |\n",
    "||Team||Alice||\n|Role|Dev|",
  );
  assertReadWrite(
    "||Team||Alice||\n||Role|Dev|",
    '<!--wiki-attrs:{"headerColumn":true}-->\n\n| Team | Alice |\n| - | - |\n| Role | Dev |\n',
    "||Team||Alice||\n|Role|Dev|",
  );
});

Deno.test("readTable shows an irregular table as a shown placeholder around the table", () => {
  const wiki = "||a||b||\n|c|\n|d||e||f|";
  const node = readTable(wiki.split("\n"));
  assert.equal(shownOf(node)?.original, wiki);
  assertReadWrite(
    wiki,
    "<!--wiki:%7C%7Ca%7C%7Cb%7C%7C%0A%7Cc%7C%0A%7Cd%7C%7Ce%7C%7Cf%7C-->\n\n" +
      "| a | b | |\n| - | - | - |\n| c | | |\n| d | e | f |\n\n<!--/wiki-->\n",
    "||a||b|| ||\n|c| | |\n|d|e|f|",
  );
});

Deno.test("writeTable writes an edited irregular table as a plain table", () => {
  const md =
    "<!--wiki:%7C%7Ca%7C%7Cb%7C%7C%0A%7Cc%7C-->\n\n| a | b |\n| - | - |\n| x | |\n\n<!--/wiki-->\n";
  assert.equal(markdownToWiki(md), "||a||b||\n|x| |");
});

Deno.test("writeTable keeps a carried layout for rows added in markdown", () => {
  const table = readTable(["||Team|Alice|"]);
  assert.equal(table.type, "table");
  if (table.type !== "table") return;
  assert.deepEqual(extraOf(table, "wiki"), { headerRow: false, headerColumn: true });
  table.children.push({
    type: "tableRow",
    children: [
      { type: "tableCell", children: [{ type: "text", value: "Role" }] },
      { type: "tableCell", children: [{ type: "text", value: "Dev" }] },
    ],
  });
  assert.equal(writeTable(table), "||Team|Alice|\n||Role|Dev|");
});

Deno.test("readTable does not split cells at bars inside links, code or after a backslash", () => {
  assertReadWrite(
    "||a||b||\n|[x|https://x.com]|{{a|b}}|\n|c\\|d| |",
    "| a | b |\n| - | - |\n| [x](https://x.com) | `a\\|b` |\n| c\\|d | |\n",
    "||a||b||\n|[x|https://x.com]|{{a|b}}|\n|c\\|d| |",
  );
});

Deno.test("readTable shows line breaks in cells as spaces and restores them", () => {
  assertReadWrite(
    "||Step||Note||\n|One|first\\\\second|",
    "| Step | Note |\n| - | - |\n| One | <!--wiki:first\\\\second-->first second<!--/wiki--> |\n",
    "||Step||Note||\n|One|first second|",
  );
});
