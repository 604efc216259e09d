/**
 * `runTool`: the one place where a tool call is validated, executed, and where every failure
 * becomes an `isError` answer with Atlassian's message and one hint — never a stack trace.
 *
 * @module
 */
import type { z } from "zod";
import { AtlassianError } from "../http/mod.ts";
import { log } from "../log.ts";
import type { CallToolResult } from "../sdk.ts";
import { renderAnswer } from "./answer.ts";
import type { ToolContext, ToolDef } from "./define.ts";
import { ToolError } from "./errors.ts";

const PRODUCT_NAMES = { jira: "Jira", confluence: "Confluence" } as const;

/** An error answer: one sentence, then a hint line. */
export function errorResult(message: string, hint?: string): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: hint ? `${message}\nHint: ${hint}` : message }],
  };
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => {
    const where = issue.path.length ? issue.path.join(".") : "arguments";
    return `${where}: ${issue.message}`;
  }).join("; ");
}

/** Validates the arguments, runs the handler and renders its answer or its failure. */
export async function runTool(
  tool: ToolDef,
  args: unknown,
  ctx: ToolContext,
): Promise<CallToolResult> {
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) {
    return errorResult(
      `Invalid arguments for ${tool.name}: ${describeIssues(parsed.error.issues)}.`,
      "Check the tool's input schema for the expected names, types and formats.",
    );
  }
  const service = ctx[tool.product];
  if (!service) {
    return errorResult(`${PRODUCT_NAMES[tool.product]} is not configured on this server.`);
  }
  try {
    const value = await tool.handler(parsed.data, { ...ctx, service });
    return { content: [{ type: "text", text: renderAnswer(value) }] };
  } catch (error) {
    if (error instanceof AtlassianError || error instanceof ToolError) {
      log.info(`${tool.name} failed`, error.message);
      return errorResult(error.message, error.hint);
    }
    log.error(`${tool.name} failed unexpectedly`, error instanceof Error ? error.stack : error);
    const message = error instanceof Error ? error.message : String(error);
    return errorResult(`${tool.name} failed unexpectedly: ${message}`);
  }
}
