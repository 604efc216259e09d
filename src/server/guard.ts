/**
 * DNS-rebinding protection: when the server listens on a loopback address, only requests whose
 * Host (and Origin, when sent) name a loopback host are served; `Origin: null` (sandboxed pages,
 * local files, cross-origin redirects) is not local.
 *
 * @module
 */

const LOOPBACK_NAMES = new Set(["localhost", "[::1]", "::1"]);
const LOOPBACK_IPV4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** True for a loopback name or address (`localhost`, `127.x.y.z`, `::1`); never a DNS name. */
export function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || LOOPBACK_IPV4.test(hostname);
}

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1);
  return hostHeader.split(":")[0];
}

/** Returns why a request must be refused, or undefined when it may be served. */
export function rebindingProblem(request: Request, listenHost: string): string | undefined {
  if (!isLoopback(listenHost)) return undefined;
  const host = request.headers.get("host");
  if (host && !isLoopback(hostnameOf(host).toLowerCase())) {
    return `Host ${host} is not allowed: this server only answers requests addressed to localhost.`;
  }
  const origin = request.headers.get("origin");
  if (origin === "null") {
    return "Origin null is not allowed: it is sent by sandboxed pages, local files and redirects, which may come from anywhere.";
  }
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).hostname;
    } catch {
      return `Origin ${origin} is not a valid origin.`;
    }
    if (!isLoopback(originHost)) {
      return `Origin ${origin} is not allowed: only pages served from localhost may call this server.`;
    }
  }
  return undefined;
}
