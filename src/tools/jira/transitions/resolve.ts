/**
 * Resolving a transition the assistant named (id, transition name or target status name).
 *
 * @module
 */
import type { JiraTransition } from "../../../jira/types.ts";
import { ToolError } from "../../../errors.ts";

/** Finds the transition meant by `wanted`, or explains which ones exist. */
export function resolveTransition(
  transitions: JiraTransition[],
  wanted: string,
  issueKey: string,
): JiraTransition {
  const w = wanted.trim().toLowerCase();
  const found = transitions.find((t) => t.id === wanted.trim()) ??
    transitions.find((t) => t.name.toLowerCase() === w) ??
    transitions.find((t) => t.to?.name?.toLowerCase() === w);
  if (found) return found;
  const options = transitions.map((t) =>
    `${t.name} (${t.id})${t.to?.name ? ` -> ${t.to.name}` : ""}`
  );
  throw new ToolError(
    `Transition "${wanted}" is not available for ${issueKey}.`,
    options.length
      ? `Available: ${options.join(", ")}.`
      : "No transition is available to you on this issue now.",
  );
}
