/**
 * Drives the real entry point the way an MCP client does: spawned as a process with the
 * least-privilege permissions it prints, over stdio or HTTP, through the SDK's Client.
 */
import { childEnv, serverArgs } from "../../scripts/_server_command.ts";
import type { FakeSite } from "../fake_atlassian/mod.ts";
import {
  Client,
  StdioClientTransport,
  StreamableHTTPClientTransport,
} from "../../scripts/_sdk_client.ts";

/** A connected client plus what the server wrote to stderr. */
export interface Session {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** The parsed answer of a tool call. */
export interface Answer {
  isError: boolean;
  /** The text items, joined by line breaks. */
  text: string;
  // deno-lint-ignore no-explicit-any
  json: any;
  /** Every item of the answer, files included (images, embedded resources). */
  content: Record<string, unknown>[];
}

const CWD = new URL("./", import.meta.url).pathname;

/** Spawns the server over stdio with `env` and connects a client. */
export async function connectStdio(
  env: Record<string, string>,
  args: string[] = [],
): Promise<Session> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: serverArgs(env, args),
    env: childEnv(env),
    stderr: "pipe",
    cwd: CWD,
    // Answers carrying files reach 70 MB (the SDK's default stops at 10 MiB).
    maxBufferSize: 128 * 1024 * 1024,
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => stderr += new TextDecoder().decode(chunk));
  const client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** A running HTTP server process. */
export interface HttpServer {
  url: string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Spawns the server with an HTTP transport and waits for its listen line. */
export async function startHttp(env: Record<string, string>, args: string[]): Promise<HttpServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: serverArgs(env, args),
    env: childEnv(env),
    clearEnv: true,
    cwd: CWD,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 15_000);
    (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        stderr += value;
        const m = stderr.match(/listening on (http:\/\/\S+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
      clearTimeout(timer);
      reject(new Error(`server exited:\n${stderr}`));
    })().catch(() => {});
  });
  const drain = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: "", done: true }));
      if (done) break;
      stderr += value;
    }
  })();
  return {
    url,
    stderr: () => stderr,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
      await drain;
    },
  };
}

/** Connects a streamable-HTTP client to `url`. */
export async function connectHttp(
  url: string,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: "e2e-http", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
  );
  return client;
}

/** What no tool answer may contain: a leaked JavaScript value or error instead of a sentence. */
const DISHONEST = /\bundefined\b|\[object Object\]|\b(?:Type|Reference|Syntax|Range)Error\b/;

/** Fails the test when a tool answer shows `undefined`, `[object Object]` or a JS error name. */
export function assertHonest(tool: string, text: string): void {
  const found = DISHONEST.exec(text);
  if (found) throw new Error(`${tool} answered with "${found[0]}": ${text.slice(0, 300)}`);
}

/** Calls a tool and parses its text answer (JSON when it is JSON). */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<Answer> {
  return answerOf(name, await client.callTool({ name, arguments: args }));
}

/** One progress notification as the client received it. */
export interface Step {
  progress: number;
  total?: number;
  message?: string;
}

/** Calls a tool with a progress token; returns the parsed answer and the notifications. */
export async function callWithProgress(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<Answer & { steps: Step[] }> {
  const steps: Step[] = [];
  const result = await client.callTool({ name, arguments: args }, undefined, {
    onprogress: (step: Step) => steps.push(step),
  });
  return { ...answerOf(name, result), steps };
}

/** Parses a tool result's text (JSON when it is JSON), failing on a dishonest answer. */
function answerOf(name: string, result: Record<string, unknown>): Answer {
  const content = result.content as { type: string; text?: string }[];
  const text = content.filter((c) => c.type === "text").map((c) => c.text).join("\n");
  assertHonest(name, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: result.isError === true, text, json, content };
}

/** The requests the fake site received with this method whose path ends with `suffix`. */
export function sent(site: FakeSite, method: string, suffix: string) {
  return site.requests.filter((r) => r.method === method && r.path.endsWith(suffix));
}
