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

/**
 * Loads the transport settings (defaults: stdio on 127.0.0.1:8000, path /mcp or /sse).
 *
 * A `--transport` flag outside the choices is a problem; an invalid `TRANSPORT` variable warns
 * and falls back to stdio, as in Python.
 */
export function loadTransport(s: Settings, r: Report): TransportSettings {
  let transport: TransportKind = "stdio";
  const transportV = s.get("TRANSPORT");
  if (transportV) {
    const t = transportV.value.toLowerCase() as TransportKind;
    if (TRANSPORTS.includes(t)) transport = t;
    else if (transportV.origin === "flag") {
      r.problem(
        `${s.label(transportV)} must be one of ${
          TRANSPORTS.join(", ")
        } (got "${transportV.value}"); example: ${s.example(transportV, "streamable-http")}`,
      );
    } else {
      r.warn(
        `${s.label(transportV)}="${transportV.value}" is not one of ${
          TRANSPORTS.join(", ")
        }; using stdio.`,
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
