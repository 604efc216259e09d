/**
 * The MCP transport and where an HTTP transport listens.
 *
 * Covers the transport kind, host, port, endpoint path and stateless mode.
 *
 * @module
 */
import { booleanSetting, type Report, type Settings, wholeNumberSetting } from "./_settings.ts";
import type { Config, TransportKind } from "./types.ts";

const TRANSPORTS: readonly TransportKind[] = ["stdio", "sse", "streamable-http"];

/** The transport fields of `Config`. */
export type TransportSettings = Pick<Config, "transport" | "host" | "port" | "path" | "stateless">;

function normaliseHost(value: string): string | undefined {
  let host = value.trim();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host === "" || /[\s/@?#[\]\\]/.test(host)) return undefined;
  try {
    new URL(`http://${host.includes(":") ? `[${host}]` : host}/`);
  } catch {
    return undefined;
  }
  return host;
}

/** Other names clients use for a transport (`"type": "http"` in client configs). */
const ALIASES: Record<string, TransportKind> = { http: "streamable-http" };

/**
 * Loads the transport settings (defaults: stdio on 127.0.0.1:8000, path /mcp or /sse).
 *
 * `http` is taken as `streamable-http`. Any other value outside the choices, from the flag or
 * the variable, stops the server with one line (the Python server falls back to stdio silently).
 */
export function loadTransport(s: Settings, r: Report): TransportSettings {
  let transport: TransportKind = "stdio";
  const transportV = s.get("TRANSPORT");
  if (transportV) {
    const value = transportV.value.trim().toLowerCase();
    const t = ALIASES[value] ?? value as TransportKind;
    if (TRANSPORTS.includes(t)) transport = t;
    else {
      r.problem(
        `${s.label(transportV)} must be one of ${
          TRANSPORTS.join(", ")
        } or http (got "${transportV.value}"); example: ${
          s.example(transportV, "streamable-http")
        }`,
      );
    }
  }
  let host = "127.0.0.1";
  const hostV = s.get("HOST");
  if (hostV) {
    const h = normaliseHost(hostV.value);
    if (h === undefined) {
      r.problem(
        `${
          s.label(hostV)
        } is not a valid host name or IP address (got "${hostV.value}"); example: ${
          s.example(hostV, "127.0.0.1")
        }`,
      );
    } else host = h;
  }
  const port = wholeNumberSetting(s, r, "PORT", { min: 0, max: 65535 }, "8000") ?? 8000;
  let path = transport === "sse" ? "/sse" : "/mcp";
  const pathV = s.get("STREAMABLE_HTTP_PATH");
  if (pathV) {
    if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(pathV.value)) {
      r.problem(
        `${s.label(pathV)} must be a URL path starting with "/" (got "${pathV.value}"); example: ${
          s.example(pathV, "/mcp")
        }`,
      );
    } else path = pathV.value.length > 1 ? pathV.value.replace(/\/+$/, "") : pathV.value;
  }
  const stateless = booleanSetting(s, r, "STATELESS", false);
  if (stateless && transport !== "streamable-http") {
    const v = s.get("STATELESS")!;
    r.problem(
      `${
        s.label(v)
      } works only with the streamable-http transport (the transport is ${transport}); example: ${
        s.example(transportV ?? "TRANSPORT", "streamable-http")
      }`,
    );
  }
  return { transport, host, port, path, stateless };
}
