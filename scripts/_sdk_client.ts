/**
 * The MCP SDK's client side, for tests, the demo and the benchmark only. Kept out of
 * `src/sdk.ts` because the client's stdio transport loads the npm package `which`, which reads
 * `process.env.OSTYPE` at load time — the sandboxed Worker has no env access, so importing it
 * there would stop the server before it answers initialize.
 *
 * Same `@ts-types` pattern as src/sdk.ts (modelcontextprotocol/typescript-sdk#2701).
 *
 * @module
 */

// @ts-types="@modelcontextprotocol/sdk/client/index"
export { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
export { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
export { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
// @ts-types="@modelcontextprotocol/sdk/client/sse"
export { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
// @ts-types="@modelcontextprotocol/sdk/types"
export { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
