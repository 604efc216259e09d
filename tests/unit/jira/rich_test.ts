import { deepEqual, equal } from "node:assert/strict";
import type { ServiceConfig } from "../../../src/config/types.ts";
import {
  fromJiraText,
  fromWikiText,
  jiraTextLoss,
  toJiraText,
  toWikiText,
} from "../../../src/jira/rich.ts";

const service = (deployment: "cloud" | "datacenter", rawText?: boolean) =>
  ({ product: "jira", deployment, ...(rawText ? { rawText } : {}) }) as ServiceConfig;

const ADF = {
  type: "doc",
  version: 1,
  content: [{ type: "paragraph", content: [{ type: "text", text: "**not bold**" }] }],
};

Deno.test("toJiraText converts Markdown unless translation is off", () => {
  equal(toJiraText(service("datacenter"), "**bold**"), "*bold*");
  equal(toJiraText(service("datacenter", true), "*wiki* {code}x{code}"), "*wiki* {code}x{code}");
  // Cloud, translation off: ADF written as JSON goes as it is; other text as plain paragraphs.
  deepEqual(toJiraText(service("cloud", true), JSON.stringify(ADF)), ADF);
  deepEqual(toJiraText(service("cloud", true), "**a**\nb"), {
    type: "doc",
    version: 1,
    content: [{
      type: "paragraph",
      content: [{ type: "text", text: "**a**" }, { type: "hardBreak" }, {
        type: "text",
        text: "b",
      }],
    }],
  });
  deepEqual(toJiraText(service("cloud", true), "{not json"), {
    type: "doc",
    version: 1,
    content: [{ type: "paragraph", content: [{ type: "text", text: "{not json" }] }],
  });
});

Deno.test("fromJiraText gives Jira's own text when translation is off", () => {
  equal(fromJiraText(service("datacenter"), "*bold*")?.trim(), "**bold**");
  equal(fromJiraText(service("datacenter", true), "*bold*"), "*bold*");
  equal(fromJiraText(service("cloud", true), ADF), JSON.stringify(ADF));
  equal(fromJiraText(service("cloud"), ADF)?.trim(), "\\*\\*not bold\\*\\*");
  equal(fromJiraText(service("cloud", true), null), undefined);
  equal(toWikiText(service("cloud", true), "**x**"), "**x**");
  equal(fromWikiText(service("cloud", true), "*x*"), "*x*");
  equal(toWikiText(service("cloud"), "**x**").trim(), "*x*");
});

Deno.test("jiraTextLoss finds nothing when translation is off", () => {
  const mention = {
    type: "doc",
    version: 1,
    content: [{
      type: "paragraph",
      content: [{ type: "mention", attrs: { id: "1", text: "@A" } }],
    }],
  };
  equal(jiraTextLoss(service("cloud"), mention, ADF).removed.length, 1);
  deepEqual(jiraTextLoss(service("cloud", true), mention, ADF), { removed: [], stripped: [] });
});
