/**
 * An answer carrying files as `Base64Bytes` goes out byte for byte as the same answer with the
 * base64 text in place: over stdio (written piece by piece) as the SDK's stdio transport writes
 * it, and over streamable HTTP, stateless and stateful.
 */
import { equal, ok } from "node:assert/strict";
import { Buffer } from "node:buffer";
// @ts-types="@modelcontextprotocol/sdk/shared/stdio"
import { serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import {
  CallToolRequestSchema,
  type JSONRPCMessage,
  ListToolsRequestSchema,
  type ServerResult,
} from "../../../src/sdk.ts";
import { serveHttp } from "../../../src/server/http.ts";
import { McpServer } from "../../../src/server/mcp_server.ts";
import { MessageWriter } from "../../../src/server/stdio.ts";
import { Base64Bytes } from "../../../src/tools/files/base64.ts";
import { initializeRequest } from "../../../scripts/_server_command.ts";
import { config } from "../auth/request/_config.ts";

/** `size` bytes that are not all alike. */
function fileOf(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 7 + (i >> 9)) % 256);
}

const IMAGE = fileOf(200_001);
const BLOB = fileOf(5);

/**
 * A long text of surrogate pairs in two runs an odd number of characters apart, so that, wherever
 * the text starts, a 64 Ki piece boundary falls inside a pair in one of them.
 */
const TEXT = "😀".repeat(40_000) + "é" + "😀".repeat(40_000);

/** The tool result, its files as `Base64Bytes` (`lazy`) or as their base64 text. */
function content(lazy: boolean) {
  const file = (bytes: Uint8Array) =>
    lazy ? new Base64Bytes(bytes) : Buffer.from(bytes).toString("base64");
  return [
    { type: "text", text: TEXT },
    { type: "image", data: file(IMAGE), mimeType: "image/png" },
    {
      type: "resource",
      resource: { uri: "attachment:///A-1/a.bin", mimeType: "text/plain", blob: file(BLOB) },
    },
    {
      type: "resource",
      resource: {
        uri: "attachment:///A-1/e.bin",
        mimeType: "text/plain",
        blob: file(new Uint8Array()),
      },
    },
  ];
}

Deno.test("stdio writes an answer with Base64Bytes as the SDK writes it with base64 text, in pieces", async () => {
  const answer = (lazy: boolean) =>
    ({ jsonrpc: "2.0", id: 7, result: { content: content(lazy) } }) as unknown as JSONRPCMessage;
  const written: Uint8Array[] = [];
  // The writer reuses its buffer: keep a copy of each write.
  const writer = new MessageWriter((bytes) => Promise.resolve(void written.push(bytes.slice())));
  await writer.send(answer(true));
  await writer.send({ jsonrpc: "2.0", method: "notifications/progress", params: { a: "ü" } });
  const expected = Buffer.concat([
    serializeMessage(answer(false)),
    serializeMessage({ jsonrpc: "2.0", method: "notifications/progress", params: { a: "ü" } }),
  ].map((text) => new TextEncoder().encode(text)));
  ok(Buffer.from(Buffer.concat(written)).equals(expected));
  ok(written.length > 3, `${written.length} writes`);
  ok(written.every((bytes) => bytes.length <= 3 * 64 * 1024));
});

/** A server whose tool answers with `content(lazy)`, `lazy` being whether it is named `lazy`. */
function files(): McpServer {
  const server = new McpServer({ name: "t", version: "1", capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
  server.setRequestHandler(
    CallToolRequestSchema,
    (request) => ({ content: content(request.params.name === "lazy") }) as unknown as ServerResult,
  );
  return server;
}

const HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

async function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Response> {
  return await fetch(url, {
    method: "POST",
    headers: { ...HEADERS, ...headers },
    body: JSON.stringify(body),
  });
}

for (const stateless of [true, false]) {
  Deno.test(`streamable HTTP (${stateless ? "stateless" : "stateful"}) sends an answer with Base64Bytes as with base64 text`, async () => {
    const handle = serveHttp(config({ stateless }), files);
    try {
      const request = initializeRequest("t");
      const headers: Record<string, string> = {
        "mcp-protocol-version": (request.params as { protocolVersion: string }).protocolVersion,
      };
      const opened = await post(handle.url, headers, request);
      await opened.body?.cancel();
      const session = opened.headers.get("mcp-session-id");
      if (session) headers["mcp-session-id"] = session;
      const call = async (name: string) => {
        const res = await post(handle.url, headers, {
          jsonrpc: "2.0",
          id: 2,
          method: "tools/call",
          params: { name },
        });
        equal(res.status, 200);
        return new Uint8Array(await res.arrayBuffer());
      };
      const lazy = await call("lazy");
      const eager = await call("eager");
      ok(Buffer.from(lazy).equals(eager));
      ok(new TextDecoder().decode(lazy).includes(Buffer.from(IMAGE).toString("base64")));
    } finally {
      await handle.shutdown();
    }
  });
}
