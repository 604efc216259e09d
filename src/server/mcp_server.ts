/**
 * `McpServer`: the server side of an MCP connection, on the SDK's `Protocol` (JSON-RPC framing,
 * requests, notifications, progress, cancellation). It answers `initialize` the way the SDK's
 * `Server` does (the client's protocol version when supported, else the latest; capabilities,
 * server info, instructions) and leaves the rest to the handlers `createServer` registers.
 *
 * The SDK's `Server` is not used because it loads a JSON-schema validator (ajv) at start, for
 * sampling and elicitation requests this server never sends; that costs start-up time and memory
 * on every launch.
 *
 * @module
 */
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  LATEST_PROTOCOL_VERSION,
  Protocol,
  type ServerCapabilities,
  type ServerNotification,
  type ServerRequest,
  type ServerResult,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../sdk.ts";

/** Who the server is and what it offers, as `initialize` answers. */
export interface ServerIdentity {
  name: string;
  version: string;
  capabilities: ServerCapabilities;
  instructions?: string;
}

/** The server end of one MCP connection (one session, or one stateless HTTP request). */
export class McpServer extends Protocol<ServerRequest, ServerNotification, ServerResult> {
  /** Answers `initialize` with `identity`. */
  constructor(readonly identity: ServerIdentity) {
    super();
    this.setRequestHandler(InitializeRequestSchema, (request) => {
      const asked = request.params.protocolVersion;
      return {
        protocolVersion: SUPPORTED_PROTOCOL_VERSIONS.includes(asked)
          ? asked
          : LATEST_PROTOCOL_VERSION,
        capabilities: identity.capabilities,
        serverInfo: { name: identity.name, version: identity.version },
        ...(identity.instructions && { instructions: identity.instructions }),
      };
    });
    this.setNotificationHandler(InitializedNotificationSchema, () => {});
  }

  /** The server sends no requests (no sampling, elicitation or roots). */
  protected assertCapabilityForMethod(method: string): void {
    throw new Error(`This server does not send ${method} requests`);
  }

  /** Log messages need the logging capability; progress and cancellation are always allowed. */
  protected assertNotificationCapability(method: string): void {
    if (method === "notifications/message" && !this.identity.capabilities.logging) {
      throw new Error(`Server does not support logging (required for ${method})`);
    }
  }

  /** Handlers are registered by `createServer` for the capabilities it declares. */
  protected assertRequestHandlerCapability(): void {}

  /** No task-augmented requests are sent. */
  protected assertTaskCapability(): void {}

  /** No task handlers are registered. */
  protected assertTaskHandlerCapability(): void {}
}
