/**
 * Legacy HTTP+SSE transport (protocol 2024-11-05) on web-standard Request/Response, so it runs
 * on `Deno.serve` without `node:http`: `GET <path>` opens the event stream and announces the
 * message endpoint; `POST <path>/messages?sessionId=...` delivers client messages.
 *
 * @module
 */
import type { CarriedAuthInfo } from "../auth/request/mod.ts";
import { type JSONRPCMessage, JSONRPCMessageSchema, type Transport } from "../sdk.ts";

const encoder = new TextEncoder();

/** One SSE session: a server-to-client event stream plus a POST endpoint for the other way. */
export class SseServerTransport implements Transport {
  /** The session id the client echoes in its POSTs. */
  readonly sessionId: string = crypto.randomUUID();
  /** Called with each message the client posts (and the credentials it is handled with). */
  onmessage?: (message: JSONRPCMessage, extra?: { authInfo?: CarriedAuthInfo }) => void;
  /** Called once when the stream ends. */
  onclose?: () => void;
  /** Called on a malformed POST. */
  onerror?: (error: Error) => void;
  #controller?: ReadableStreamDefaultController<Uint8Array>;
  #closed = false;
  #keepAlive?: ReturnType<typeof setInterval>;

  /** Creates a session whose client must post to `messagesPath`. */
  constructor(private readonly messagesPath: string) {}

  /** The response that carries the event stream; the `endpoint` event is its first frame. */
  response(): Response {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
        const endpoint = `${this.messagesPath}?sessionId=${this.sessionId}`;
        controller.enqueue(encoder.encode(`event: endpoint\ndata: ${endpoint}\n\n`));
        this.#keepAlive = setInterval(() => this.#write(": keep-alive\n\n"), 15_000);
      },
      cancel: () => this.close(),
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "connection": "keep-alive",
      },
    });
  }

  /**
   * Accepts one client POST and hands its message to the server, with `authInfo` (the
   * credentials this POST brought, see `src/server/http.ts`) reaching the request handlers.
   */
  async handlePost(request: Request, authInfo?: CarriedAuthInfo): Promise<Response> {
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(await request.json());
    } catch (error) {
      this.onerror?.(error as Error);
      return new Response("Invalid JSON-RPC message", { status: 400 });
    }
    this.onmessage?.(message, authInfo && { authInfo });
    return new Response("Accepted", { status: 202 });
  }

  /** Nothing to do: the stream starts when `response()` is served. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  /** Sends one message as a `message` event. */
  send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("SSE session is closed"));
    this.#write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return Promise.resolve();
  }

  /** Ends the stream. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    clearInterval(this.#keepAlive);
    try {
      this.#controller?.close();
    } catch {
      // already closed by the client
    }
    this.onclose?.();
    return Promise.resolve();
  }

  #write(frame: string): void {
    if (this.#closed) return;
    try {
      this.#controller?.enqueue(encoder.encode(frame));
    } catch {
      void this.close();
    }
  }
}
