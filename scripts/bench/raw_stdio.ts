/**
 * A stdio session spoken in plain JSON-RPC lines: for answers too large for the MCP SDK client
 * (its stdio reader copies everything buffered on every chunk it receives, so a 50 MB line takes
 * minutes; here the server's own `LineSplitter` joins a line's chunks once), and for timing the
 * server without the SDK client's parsing and validation of every result.
 *
 * @module
 */
import { initializeRequest } from "../_server_command.ts";
import { LineSplitter } from "../../src/server/stdio.ts";
import { type Launch, spawn } from "./launch.ts";

/** One JSON-RPC answer: its result, or its error. */
export interface RawAnswer {
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

const ENCODER = new TextEncoder();

/** A spawned server spoken to over stdin/stdout, one request at a time. */
export class RawStdioSession {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #lines: AsyncGenerator<string>;
  #id = 1;

  private constructor(launch: Launch) {
    this.#child = spawn(launch);
    // Nothing reads the server's log; draining it keeps the server from blocking on it.
    this.#child.stderr.pipeTo(new WritableStream()).catch(() => {});
    this.#writer = this.#child.stdin.getWriter();
    this.#lines = lines(this.#child.stdout);
  }

  /** Starts `launch` and initializes the session. */
  static async open(launch: Launch): Promise<RawStdioSession> {
    const session = new RawStdioSession(launch);
    await session.#send(initializeRequest("bench"));
    await session.#answer(1);
    await session.#send({ jsonrpc: "2.0", method: "notifications/initialized" });
    return session;
  }

  /** Process id of the server. */
  get pid(): number {
    return this.#child.pid;
  }

  /** Sends a request and resolves to its answer (messages before it are skipped). */
  async request(method: string, params: Record<string, unknown>): Promise<RawAnswer> {
    const id = ++this.#id;
    await this.#send({ jsonrpc: "2.0", id, method, params });
    return await this.#answer(id);
  }

  /** Calls a tool: its result, or an Error for a JSON-RPC error. */
  async callTool(
    params: { name: string; arguments: Record<string, unknown> },
  ): Promise<Record<string, unknown>> {
    const answer = await this.request("tools/call", params);
    if (!answer.result) throw new Error(`tools/call failed: ${answer.error?.message}`);
    return answer.result;
  }

  /** Ends stdin, and waits for the server to end (killing it after 5 s). */
  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), 5_000);
    await this.#child.status;
    clearTimeout(timer);
    await this.#lines.return(undefined);
  }

  async #send(message: Record<string, unknown>): Promise<void> {
    await this.#writer.write(ENCODER.encode(JSON.stringify(message) + "\n"));
  }

  async #answer(id: number): Promise<RawAnswer> {
    for (;;) {
      const line = await this.#lines.next();
      if (line.done) throw new Error(`the server ended before answering request ${id}`);
      const message = JSON.parse(line.value);
      if (message.id === id) return message;
    }
  }
}

/** The lines of `stream`, without their line breaks. */
async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const splitter = new LineSplitter(Infinity);
  for await (const chunk of stream) yield* splitter.push(chunk);
}
