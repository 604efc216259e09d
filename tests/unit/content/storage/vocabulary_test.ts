import assert from "node:assert/strict";
import { codeInfo, plainParameter, titleMeta } from "../../../../src/content/storage/vocabulary.ts";
import { parseXml, type XElement } from "../../../../src/content/storage/xml.ts";

Deno.test("titleMeta shows a code title in the info string, unless it holds a quote or a line break", () => {
  assert.equal(titleMeta("deploy.sh"), 'title="deploy.sh"');
  assert.equal(titleMeta('say "hi"'), undefined);
  assert.equal(titleMeta("a\nb"), undefined);
});

Deno.test("codeInfo reads the language and title back from the parts markdown splits them into", () => {
  assert.deepEqual(codeInfo("bash", 'title="my file.sh"'), {
    language: "bash",
    title: "my file.sh",
  });
  assert.deepEqual(codeInfo('title="my', 'file.sh"'), { title: "my file.sh" });
  assert.deepEqual(codeInfo("js", "other words"), { language: "js" });
  assert.deepEqual(codeInfo(null, null), { language: undefined });
});

Deno.test("plainParameter reads a macro parameter holding text only", () => {
  const [macro] = parseXml(
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="title">T</ac:parameter>' +
      '<ac:parameter ac:name="page"><ri:page ri:content-title="P" /></ac:parameter></ac:structured-macro>',
  )! as XElement[];
  assert.equal(plainParameter(macro, "title"), "T");
  assert.equal(plainParameter(macro, "page"), undefined);
  assert.equal(plainParameter(macro, "missing"), undefined);
});
