/**
 * Which tools are offered: a pure function of the configuration, applied identically when
 * tools are listed and when one is called.
 *
 * @module
 */
import type { Config, Deployment, Product } from "../config/types.ts";
import { PRODUCT_NAMES } from "../config/mod.ts";
import type { ToolDef, Toolset } from "./define.ts";

/** The inputs of tool selection. */
export interface Selection {
  /** Deployment of each configured product; a product that is absent is not configured. */
  products: Partial<Record<Product, Deployment>>;
  readOnly: boolean;
  toolsets?: string[];
  enabledTools?: string[];
}

/** Derives the selection inputs from a configuration. */
export function selectionFor(config: Config): Selection {
  const products: Partial<Record<Product, Deployment>> = {};
  if (config.jira) products.jira = config.jira.deployment;
  if (config.confluence) products.confluence = config.confluence.deployment;
  return {
    products,
    readOnly: config.readOnly,
    toolsets: config.toolsets,
    enabledTools: config.enabledTools,
  };
}

/**
 * Whether `TOOLSETS` (`names`) selects a toolset: undefined or empty = every toolset; otherwise
 * `all`, `default` (for a default toolset) or its name, case-insensitive.
 */
export function toolsetSelected(
  names: string[] | undefined,
  toolset: Pick<Toolset, "name" | "isDefault">,
): boolean {
  if (!names || names.length === 0) return true;
  return names.some((raw) => {
    const name = raw.trim().toLowerCase();
    return name === "all" || name === toolset.name || (name === "default" && toolset.isDefault);
  });
}

/**
 * Expands `TOOLSETS` keywords (`all`, `default`, case-insensitive) over the known toolsets;
 * undefined or empty = all; unknown names are ignored.
 */
export function resolveToolsets(
  names: string[] | undefined,
  toolsets: readonly Toolset[],
): Set<string> {
  return new Set(toolsets.filter((t) => toolsetSelected(names, t)).map((t) => t.name));
}

/** Filters the registry's toolsets down to the tools this configuration offers. */
export function selectTools(toolsets: readonly Toolset[], selection: Selection): ToolDef[] {
  const chosen = resolveToolsets(selection.toolsets, toolsets);
  const enabled = selection.enabledTools?.length ? new Set(selection.enabledTools) : undefined;
  return toolsets.flatMap((toolset) => toolset.tools).filter((tool) => {
    const deployment = selection.products[tool.product];
    if (!deployment || !tool.deployments.includes(deployment)) return false;
    if (selection.readOnly && tool.access !== "read") return false;
    if (!chosen.has(tool.toolset)) return false;
    return !enabled || enabled.has(tool.name);
  });
}

/** The edit distance between two names (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length];
}

/**
 * Up to three valid names closest to `name` by edit distance (relative to length): near enough,
 * and at most twice as far as the nearest; a name it starts counts as near enough.
 */
export function closestNames(name: string, valid: readonly string[]): string[] {
  const scored = valid.map((v) => {
    const d = distance(name, v) / Math.max(name.length, v.length);
    return { v, d: v.startsWith(name) ? Math.min(d, 0.4) : d };
  });
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d <= 0.4 && s.d <= best * 2)
    .sort((x, y) => x.d - y.d || (x.v < y.v ? -1 : 1)).slice(0, 3).map((s) => s.v);
}

function unknownName(setting: string, kind: string, name: string, valid: readonly string[]) {
  const near = closestNames(name.toLowerCase(), valid);
  return `${setting}: unknown ${kind} "${name}"; ${
    near.length
      ? `did you mean ${near.join(", ")}?`
      : `valid: ${valid.slice(0, 12).join(", ")}${
        valid.length > 12 ? ", ... (the README lists them all)" : ""
      }.`
  }`;
}

/**
 * What to warn about at start: each unknown `TOOLSETS` and `ENABLED_TOOLS` name (with the closest
 * valid names), each enabled tool that the configured deployment does not offer, and a selection
 * that offers no tool at all.
 */
export function selectionWarnings(toolsets: readonly Toolset[], selection: Selection): string[] {
  const warnings: string[] = [];
  const toolsetNames = ["all", "default", ...toolsets.map((t) => t.name)];
  for (const name of selection.toolsets ?? []) {
    if (!toolsetNames.includes(name.trim().toLowerCase())) {
      warnings.push(unknownName("TOOLSETS", "toolset", name, toolsetNames));
    }
  }
  const tools = toolsets.flatMap((t) => t.tools);
  const toolNames = tools.map((t) => t.name);
  for (const name of selection.enabledTools ?? []) {
    const tool = tools.find((t) => t.name === name);
    if (!tool) warnings.push(unknownName("ENABLED_TOOLS", "tool", name, toolNames));
    else {
      const deployment = selection.products[tool.product];
      if (deployment && !tool.deployments.includes(deployment)) {
        warnings.push(
          `ENABLED_TOOLS: ${name} is not offered on ${PRODUCT_NAMES[tool.product]} ${
            deployment === "cloud" ? "Cloud" : "Data Center"
          }.`,
        );
      }
    }
  }
  if (Object.keys(selection.products).length && !selectTools(toolsets, selection).length) {
    warnings.push(
      "No tool is offered: TOOLSETS, ENABLED_TOOLS and READ_ONLY_MODE together select none for the configured products.",
    );
  }
  return warnings;
}
