/**
 * The one error type of the HTTP client: `AtlassianError`, with a `kind`, Atlassian's own
 * messages, one actionable hint, and whether a write may have reached the server. The builders
 * that turn an HTTP response (`status.ts`), a fetch failure (`fetch_failure.ts`), a
 * timeout (`timeout.ts`) or a credential failure (`credential.ts`) into one never
 * put header values, credentials or query strings into a message.
 *
 * @module
 */
import type { Product } from "../../config/types.ts";

/** What went wrong, coarse enough for a caller to branch on. */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "server"
  | "timeout"
  | "network"
  | "tls"
  | "host_not_allowed"
  | "unexpected_answer";

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "server",
  "timeout",
  "network",
  "tls",
  "host_not_allowed",
  "unexpected_answer",
]);

/** Whether `value` names one of the `ErrorKind`s. */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && KINDS.has(value);
}

/** The fields of an `AtlassianError` (see the class for their meaning). */
export interface AtlassianErrorInit {
  kind: ErrorKind;
  product: Product;
  method: string;
  path: string;
  message: string;
  hint: string;
  status?: number;
  messages?: string[];
  retryAfterSeconds?: number;
  mayHaveReachedServer: boolean;
  cause?: unknown;
}

/** A failed call to Jira or Confluence; `message` is one clear sentence, `hint` one fix. */
export class AtlassianError extends Error {
  /** What went wrong. */
  readonly kind: ErrorKind;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The product the request went to. */
  readonly product: Product;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request path without query string. */
  readonly path: string;
  /** Atlassian's own error texts (`errorMessages`, `errors`, `message`, ...), possibly empty. */
  readonly messages: string[];
  /** Seconds the server asked to wait (429/503 `Retry-After`). */
  readonly retryAfterSeconds?: number;
  /** One actionable sentence for the user. */
  readonly hint: string;
  /** False only when the request certainly never left this process or never connected. */
  readonly mayHaveReachedServer: boolean;

  /** Builds the error from its fields. */
  constructor(init: AtlassianErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "AtlassianError";
    this.kind = init.kind;
    this.status = init.status;
    this.product = init.product;
    this.method = init.method;
    this.path = init.path;
    this.messages = init.messages ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.hint = init.hint;
    this.mayHaveReachedServer = init.mayHaveReachedServer;
  }
}
