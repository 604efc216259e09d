import { equal, match } from "node:assert/strict";
import { isLoopback, rebindingProblem } from "../../../src/server/guard.ts";

const req = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:8000/mcp", { headers });

Deno.test("isLoopback knows the loopback names", () => {
  equal(isLoopback("127.0.0.1"), true);
  equal(isLoopback("localhost"), true);
  equal(isLoopback("[::1]"), true);
  equal(isLoopback("0.0.0.0"), false);
  equal(isLoopback("127.0.0.1.rebind.attacker.com"), false);
  equal(isLoopback("127.evil.com"), false);
  equal(isLoopback("127.1.2.3"), true);
});

Deno.test("rebindingProblem refuses foreign Host and Origin on loopback only", () => {
  equal(rebindingProblem(req({ host: "127.0.0.1:8000" }), "127.0.0.1"), undefined);
  equal(
    rebindingProblem(req({ host: "localhost:8000", origin: "http://localhost:3000" }), "127.0.0.1"),
    undefined,
  );
  match(rebindingProblem(req({ host: "evil.example:8000" }), "127.0.0.1")!, /Host evil.example/);
  match(
    rebindingProblem(req({ host: "127.0.0.1", origin: "https://evil.example" }), "127.0.0.1")!,
    /Origin/,
  );
  match(
    rebindingProblem(req({ host: "127.0.0.1.rebind.attacker.com:8000" }), "127.0.0.1")!,
    /Host/,
  );
  equal(rebindingProblem(req({ host: "evil.example" }), "0.0.0.0"), undefined);
});

Deno.test("rebindingProblem treats Origin: null as not local", () => {
  match(
    rebindingProblem(req({ host: "127.0.0.1:8000", origin: "null" }), "127.0.0.1")!,
    /Origin null is not allowed/,
  );
  equal(rebindingProblem(req({ host: "evil.example", origin: "null" }), "0.0.0.0"), undefined);
});
