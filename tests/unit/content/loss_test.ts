import assert from "node:assert/strict";
import { findLoss, lossSentence } from "../../../src/content/loss.ts";

const sentence = (...args: Parameters<typeof findLoss>) => lossSentence(findLoss(...args));

// --- storage ---------------------------------------------------------------------------------

const TOC =
  '<ac:structured-macro ac:name="toc" ac:macro-id="m1"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>';
const DRAWIO = '<ac:structured-macro ac:name="drawio" ac:macro-id="m2" />';
const IMAGE = '<p><ac:image ac:width="600"><ri:attachment ri:filename="d.png" /></ac:image></p>';
const MENTION = '<p>Owner: <ac:link><ri:user ri:account-id="557058:alice" /></ac:link></p>';
const CODE = (params: string) =>
  `<ac:structured-macro ac:name="code">${params}<ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>`;
const TITLE = '<ac:parameter ac:name="title">charge.ts</ac:parameter>';

Deno.test("findLoss names storage macros, images, mentions and lost macro parameters", () => {
  const before = TOC + DRAWIO + IMAGE + MENTION + CODE(TITLE);
  assert.equal(
    sentence("storage", before, "<p>Owner: Alice</p>" + CODE("")),
    "2 macros (toc, drawio), 1 image and 1 mention would be removed, and 1 code block would lose its title",
  );
});

Deno.test("findLoss finds nothing when storage keeps everything, in another spelling", () => {
  const before = TOC + IMAGE + MENTION + CODE(TITLE);
  const after = before.replaceAll(" />", "/>").replace('ac:macro-id="m1"', 'ac:macro-id="new"') +
    "<p>New paragraph.</p>";
  assert.equal(sentence("storage", before, after), undefined);
});

Deno.test("findLoss counts storage macros as a multiset", () => {
  assert.equal(sentence("storage", TOC + TOC, TOC), "1 macro (toc) would be removed");
  assert.equal(
    sentence("storage", TOC + TOC + TOC + DRAWIO, ""),
    "4 macros (toc ×3, drawio) would be removed",
  );
  assert.equal(sentence("storage", TOC, TOC + TOC), undefined);
});

Deno.test("findLoss pairs storage macros of one name in document order for their parameters", () => {
  const bare = '<ac:structured-macro ac:name="toc" />';
  assert.equal(sentence("storage", bare + TOC, bare + TOC), undefined);
  assert.equal(
    sentence("storage", TOC + TOC, bare + bare),
    "2 toc macros would lose their maxLevel",
  );
});

Deno.test("findLoss ignores storage macro ids given as parameters", () => {
  const withId =
    '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="macro-id">1</ac:parameter></ac:structured-macro>';
  assert.equal(sentence("storage", withId, '<ac:structured-macro ac:name="toc" />'), undefined);
});

Deno.test("findLoss finds the other storage content markdown cannot show", () => {
  const before = [
    '<p><time datetime="2024-05-01" /> <ac:emoticon ac:name="smile" /></p>',
    '<p><a href="https://x.example/1" data-card-appearance="inline">x</a></p>',
    '<p><ac:link><ri:attachment ri:filename="spec.pdf" /></ac:link> <ac:link><ri:page ri:content-title="Home" /></ac:link></p>',
    "<ac:layout><ac:layout-section><ac:layout-cell><p>a</p></ac:layout-cell></ac:layout-section></ac:layout>",
    "<ac:task-list><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>t</ac:task-body></ac:task></ac:task-list>",
    '<p><ac:placeholder>Type here</ac:placeholder> <ac:inline-comment-marker ac:ref="c1">see</ac:inline-comment-marker></p>',
  ].join("");
  assert.equal(
    sentence("storage", before, "<p>text</p>"),
    "1 file, 1 date, 1 emoji, 1 smart link, 1 layout, 1 task, 1 page link, 1 placeholder text and 1 inline comment would be removed",
  );
});

Deno.test("findLoss reads malformed or missing storage as holding nothing", () => {
  assert.equal(sentence("storage", "<p>unclosed", ""), undefined);
  assert.equal(sentence("storage", undefined, TOC), undefined);
});

// --- ADF -------------------------------------------------------------------------------------

const doc = (...content: unknown[]) => ({ type: "doc", version: 1, content });
const para = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => ({ type: "text", text: value, marks });
const adfMention = { type: "mention", attrs: { id: "557058:alice", text: "@Alice" } };
const adfMedia = {
  type: "mediaSingle",
  content: [{ type: "media", attrs: { type: "file", id: "f1", collection: "c" } }],
};
const extension = (key: string, macroParams: Record<string, unknown>, localId = "l1") => ({
  type: "extension",
  attrs: {
    extensionType: "com.atlassian.confluence.macro.core",
    extensionKey: key,
    localId,
    parameters: { macroParams, macroMetadata: { macroId: { value: "m" } } },
  },
});

Deno.test("findLoss names ADF extensions, media and mentions", () => {
  const before = doc(
    extension("toc", {}),
    para(text("Owner: "), adfMention),
    adfMedia,
    { type: "mediaGroup", content: [{ type: "media", attrs: { type: "file", id: "f2" } }] },
  );
  assert.equal(
    sentence("adf", before, doc(para(text("Owner: Alice")))),
    "1 macro (toc), 1 image, 1 file and 1 mention would be removed",
  );
});

Deno.test("findLoss reads an ADF document given as JSON text", () => {
  const before = JSON.stringify(doc(para(adfMention, adfMention)));
  assert.equal(
    sentence("adf", before, JSON.stringify(doc(para(adfMention)))),
    "1 mention would be removed",
  );
  assert.equal(sentence("adf", "{not json", doc()), undefined);
});

Deno.test("findLoss finds ADF parameters lost by an extension that stays, ids aside", () => {
  const before = doc(extension("code", { title: { value: "a.ts" }, language: { value: "ts" } }));
  const regenerated = doc(extension("code", { language: { value: "ts" } }));
  assert.equal(sentence("adf", before, regenerated), "1 code block would lose its title");
  const newId = doc(extension("code", { title: { value: "a.ts" }, language: {} }, "l2"));
  assert.equal(sentence("adf", before, newId), undefined);
});

Deno.test("findLoss finds the other ADF nodes and counts one inline comment per id", () => {
  const comment = (id: string) => [{ type: "annotation", attrs: { id, annotationType: "x" } }];
  const before = doc(
    para(
      { type: "status", attrs: { text: "DONE" } },
      { type: "date", attrs: { timestamp: "0" } },
      { type: "emoji", attrs: { shortName: ":smile:" } },
      { type: "inlineCard", attrs: { url: "https://x.example" } },
      text("a", comment("c1")),
      text("b", [...comment("c1"), { type: "strong" }]),
      text("c", comment("c2")),
    ),
    { type: "expand", attrs: { title: "More" }, content: [para(text("x"))] },
    { type: "layoutSection", content: [{ type: "layoutColumn", content: [para(text("y"))] }] },
    { type: "taskList", content: [{ type: "taskItem", attrs: { localId: "t", state: "TODO" } }] },
    { type: "decisionList", content: [{ type: "decisionItem", attrs: { localId: "d" } }] },
  );
  assert.equal(
    sentence("adf", before, doc(para(text("abc")))),
    "1 status, 1 date, 1 emoji, 1 smart link, 1 expand, 1 layout, 1 task, 1 decision and 2 inline comments would be removed",
  );
});

// --- wiki ------------------------------------------------------------------------------------

Deno.test("findLoss names wiki macros, images, attachments and mentions", () => {
  const before = "{toc:maxLevel=2}\n\nSee !diagram.png|thumbnail! and [^spec.pdf], ask [~bob].";
  assert.equal(
    sentence("wiki", before, "See diagram and spec, ask Bob."),
    "1 macro (toc), 1 image, 1 file and 1 mention would be removed",
  );
});

Deno.test("findLoss skips wiki text effects, monospace, escapes and the inside of code", () => {
  const before = [
    "{color:red}red{color} {quote}q{quote} {{mono}} \\{toc} Wow! Nice!",
    "{code:java}\n{toc} !not-an-image.png! [~nobody]\n{code}",
    "{noformat}\n{jira}\n{noformat}",
  ].join("\n\n");
  assert.equal(
    sentence("wiki", before, "{code:java}\nx\n{code}\n\n{noformat}\ny\n{noformat}"),
    undefined,
  );
  assert.equal(sentence("wiki", before, ""), "2 macros (code, noformat) would be removed");
});

Deno.test("findLoss counts a wiki panel once and its lost parameters", () => {
  assert.equal(
    sentence("wiki", "{panel:title=Note|bgColor=#deebff}\nx\n{panel}", "{panel}\nx\n{panel}"),
    "1 panel macro would lose its title and bgColor",
  );
  assert.equal(
    sentence("wiki", "{code:java}\nx\n{code}", "{code}\nx\n{code}"),
    "1 code block would lose its language",
  );
});

// --- the sentence ----------------------------------------------------------------------------

Deno.test("lossSentence names the place and words a done removal in the past", () => {
  const loss = findLoss("storage", TOC + DRAWIO + IMAGE + CODE(TITLE), CODE(""));
  assert.equal(
    lossSentence(loss, { place: "page 1002" }),
    "2 macros (toc, drawio) and 1 image would be removed from page 1002, and 1 code block would lose its title",
  );
  assert.equal(
    lossSentence(loss, { done: true }),
    "2 macros (toc, drawio) and 1 image were removed, and 1 code block lost its title",
  );
  assert.equal(
    lossSentence(findLoss("storage", IMAGE, ""), { done: true }),
    "1 image was removed",
  );
});

Deno.test("lossSentence puts the place with the first macro when only parameters are lost", () => {
  const loss = findLoss(
    "storage",
    CODE(TITLE) + TOC,
    CODE("") + '<ac:structured-macro ac:name="toc" />',
  );
  assert.equal(
    lossSentence(loss, { place: "page 7" }),
    "1 code block in page 7 would lose its title and 1 toc macro would lose its maxLevel",
  );
});

Deno.test("lossSentence is undefined when nothing is lost", () => {
  assert.equal(lossSentence(findLoss("storage", TOC, TOC)), undefined);
});

Deno.test("findLoss does not count a storage macro parameter at its documented default as lost", () => {
  const code = (params: string) =>
    `<ac:structured-macro ac:name="code">${params}<ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>`;
  const before = code('<ac:parameter ac:name="linenumbers">false</ac:parameter>');
  assert.deepEqual(findLoss("storage", before, code("")), { removed: [], stripped: [] });
  const numbered = code('<ac:parameter ac:name="linenumbers">true</ac:parameter>');
  assert.equal(findLoss("storage", numbered, code("")).stripped.length, 1);
});
