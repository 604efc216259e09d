import { deepEqual, equal, match, ok } from "node:assert/strict";
import { z } from "zod";
import type { ServiceConfig } from "../../../src/config/types.ts";
import type { HttpClient } from "../../../src/http/mod.ts";
import { addScopedSecrets, withCallLog } from "../../../src/log.ts";
import { defineTool, type ToolContext } from "../../../src/tools/define.ts";
import { runTool } from "../../../src/tools/run.ts";
import { ContentAnswer } from "../../../src/tools/answer.ts";
import { Base64Bytes } from "../../../src/tools/files/base64.ts";
import { idString, issueKey, jsonText, LIMITS } from "../../../src/tools/schemas.ts";

/** A tool that answers with the arguments it received, counting its calls. */
function echoTool() {
  const calls: unknown[] = [];
  const tool = defineTool({
    name: "jira_echo",
    toolset: "jira_issues",
    product: "jira",
    access: "read",
    deployments: ["cloud"],
    title: "Echo",
    description: "Answers with its arguments.",
    input: () =>
      z.object({
        issue_key: issueKey.optional(),
        page_id: idString("Page id, e.g. '123456'.").optional(),
        body: z.string().optional().describe("Text in Markdown."),
        files: jsonText("Base64 files as JSON.", "files").optional(),
        limit: z.number().int().min(1).max(50).default(10).describe("Maximum results (1-50)."),
        format: z.enum(["markdown", "wiki"]).default("markdown").describe("Body format."),
      }),
    handler: (args) => {
      calls.push(args);
      return Promise.resolve(args);
    },
  });
  return { tool, calls };
}

const ctx = {
  config: {},
  jira: { service: {} as ServiceConfig, client: {} as HttpClient },
} as ToolContext;

const text = (result: { content: unknown[] }) => (result.content[0] as { text: string }).text;

Deno.test("runTool refuses a wrong-type id naming the parameter, the type and an example", async () => {
  const { tool, calls } = echoTool();
  for (const [value, got] of [[true, "true (a boolean)"], [{}, "an object"], [[], "an array"]]) {
    const result = await runTool(tool, { page_id: value }, ctx);
    equal(result.isError, true);
    equal(
      text(result).split("\n")[0],
      `Invalid arguments for jira_echo: page_id is ${got}; expected a string of at most 255 characters or a non-negative integer, e.g. '123456'.`,
    );
  }
  equal(calls.length, 0);
});

Deno.test("runTool accepts an id given as a number, as its decimal string", async () => {
  const { tool, calls } = echoTool();
  const result = await runTool(tool, { page_id: 10001 }, ctx);
  equal(result.isError, undefined);
  equal((calls[0] as { page_id: string }).page_id, "10001");
});

Deno.test("runTool refuses over-long values with the limit, before the handler runs", async () => {
  const { tool, calls } = echoTool();
  const id = await runTool(tool, { page_id: "1".repeat(1_000_000) }, ctx);
  match(text(id), /page_id is 1,000,000 characters long; expected a string of at most 255 /);
  const body = await runTool(tool, { body: "x".repeat(LIMITS.text + 1) }, ctx);
  match(text(body), /body is 1,000,001 characters long; expected a string of at most 1,000,000 /);
  const files = await runTool(tool, { files: "x".repeat(LIMITS.files + 1) }, ctx);
  match(text(files), /files is [\d,]+ characters long; expected a string of at most 69,915,068 /);
  equal(calls.length, 0);
});

Deno.test("runTool takes a files parameter beyond LIMITS.text, up to LIMITS.files", async () => {
  const { tool, calls } = echoTool();
  const result = await runTool(tool, { files: "x".repeat(LIMITS.text + 1) }, ctx);
  equal(result.isError, undefined, text(result));
  equal(calls.length, 1);
});

Deno.test("runTool answers arguments that are not an object with an example object", async () => {
  const { tool } = echoTool();
  for (const [args, got] of [["DEMO-1", "'DEMO-1'"], [[1], "an array"], [5, "5 (a number)"]]) {
    const result = await runTool(tool, args, ctx);
    equal(result.isError, true);
    match(
      text(result),
      new RegExp(`arguments is ${RegExp.escape(got as string)}; expected an object of parameters`),
    );
    match(text(result), /e\.g\. \{"issue_key":"PROJ-123"\}/);
  }
});

Deno.test("runTool explains a bad enum value and a wrong-type number", async () => {
  const { tool } = echoTool();
  const result = await runTool(tool, { format: "html", limit: "ten" }, ctx);
  equal(
    text(result).split("\n")[0],
    "Invalid arguments for jira_echo: limit is 'ten'; expected an integer from 1 to 50, e.g. 10; " +
      "format is 'html'; expected one of 'markdown', 'wiki', e.g. 'markdown'.",
  );
});

Deno.test("runTool refuses unknown parameters with the input-schema hint", async () => {
  const { tool } = echoTool();
  const result = await runTool(tool, { bogus: 1 }, ctx);
  deepEqual(text(result).split("\n"), [
    "Invalid arguments for jira_echo: unknown parameter bogus.",
    "Hint: This server does not offer that parameter; the tool's input schema lists the ones it does.",
  ]);
});

/** A tool whose handler throws `error`. */
function throwingTool(error: unknown) {
  return defineTool({
    name: "jira_throws",
    toolset: "jira_issues",
    product: "jira",
    access: "read",
    deployments: ["cloud"],
    title: "Throws",
    description: "Throws.",
    input: () => z.object({}),
    handler: () => {
      throw error;
    },
  });
}

/** Runs `fn` with stderr (the log) captured instead of written; returns what was logged. */
async function logOf(fn: () => Promise<void>): Promise<string> {
  const write = Deno.stderr.writeSync;
  let logged = "";
  Deno.stderr.writeSync = (data) => {
    logged += new TextDecoder().decode(data);
    return data.length;
  };
  try {
    await fn();
  } finally {
    Deno.stderr.writeSync = write;
  }
  return logged;
}

Deno.test("runTool says a real sentence for an unexpected failure, whatever was thrown", async () => {
  const cases: [unknown, string][] = [
    [new Error("boom"), "jira_throws failed unexpectedly: boom"],
    [
      new TypeError(""),
      "jira_throws failed unexpectedly, without an error message (TypeError thrown).",
    ],
    [undefined, "jira_throws failed unexpectedly, without an error message (undefined thrown)."],
    [null, "jira_throws failed unexpectedly, without an error message (null thrown)."],
    [" ", "jira_throws failed unexpectedly, without an error message (string thrown)."],
    [{ code: 1 }, "jira_throws failed unexpectedly, without an error message (object thrown)."],
    ["plain text", "jira_throws failed unexpectedly: plain text"],
  ];
  await logOf(async () => {
    for (const [error, sentence] of cases) {
      const result = await runTool(throwingTool(error), {}, ctx);
      equal(result.isError, true);
      equal(text(result), sentence);
    }
  });
});

Deno.test("runTool masks a request's secrets in its answer, a refusal, a failure and the log", async () => {
  const secret = "scoped-request-token-0123456789abcdef";
  const echo = echoTool().tool;
  const release = addScopedSecrets([secret]);
  const logged = await logOf(async () => {
    const answer = await runTool(echo, { body: `echo ${secret}` }, ctx);
    match(text(answer), /echo \*\*\*/);
    ok(!text(answer).includes(secret));
    const refusal = await runTool(echo, { issue_key: secret }, ctx);
    equal(refusal.isError, true);
    ok(!text(refusal).includes(secret.slice(0, 20)), text(refusal));
    const failure = await runTool(throwingTool(new Error(`upstream said ${secret}`)), {}, ctx);
    equal(text(failure), "jira_throws failed unexpectedly: upstream said ***");
  });
  release();
  match(logged, /jira_throws failed unexpectedly Error: upstream said \*\*\*/);
  ok(!logged.includes(secret));
  const after = await runTool(echo, { body: `echo ${secret}` }, ctx);
  ok(text(after).includes(secret), "released with its request");
});

Deno.test("runTool repeats an answer's note, unavailable sections and warnings in the call's log", async () => {
  const tool = defineTool({
    name: "jira_partly",
    toolset: "jira_issues",
    product: "jira",
    access: "read",
    deployments: ["cloud"],
    title: "Partly",
    description: "Answers with what went less than well.",
    input: () => z.object({}),
    handler: () =>
      Promise.resolve({
        key: "DEMO-1",
        note: "Only the first 50 are shown.",
        watchers_unavailable: "Jira returned 403.",
        warnings: ["q1: the time was dropped", 7],
        nested: { note: "not repeated" },
      }),
  });
  const logged: string[] = [];
  const result = await withCallLog((m) => logged.push(m), () => runTool(tool, {}, ctx));
  equal(result.isError, undefined);
  deepEqual(logged, [
    "jira_partly: Only the first 50 are shown.",
    "jira_partly: watchers: Jira returned 403.",
    "jira_partly: q1: the time was dropped",
  ]);
});

Deno.test("runTool answers a ContentAnswer's summary first, then its items as they are", async () => {
  const data = new Base64Bytes(Uint8Array.of(0x89, 0x50, 0x4e, 0x47));
  const image = { type: "image" as const, data, mimeType: "image/png" };
  const bytes = new Base64Bytes(Uint8Array.of(0, 1));
  const blob = {
    type: "resource" as const,
    resource: { uri: "attachment:///DEMO-1/a.bin", mimeType: "application/pdf", blob: bytes },
  };
  const tool = defineTool({
    name: "jira_files",
    toolset: "jira_attachments",
    product: "jira",
    access: "read",
    deployments: ["cloud"],
    title: "Files",
    description: "Answers files.",
    input: () => z.object({}),
    handler: () =>
      Promise.resolve(new ContentAnswer({ total: 2, failed: [], note: null }, [image, blob])),
  });
  const result = await runTool(tool, {}, ctx);
  deepEqual(result.content, [{ type: "text", text: '{"total":2}' }, image, blob]);
  // As JSON (what the transports send), the files are their base64 text.
  equal(
    JSON.stringify(result.content.slice(1)),
    '[{"type":"image","data":"iVBORw==","mimeType":"image/png"},' +
      '{"type":"resource","resource":{"uri":"attachment:///DEMO-1/a.bin","mimeType":"application/pdf","blob":"AAE="}}]',
  );
});
