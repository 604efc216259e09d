/**
 * Which tools are offered: a pure function of the configuration, applied identically when
 * tools are listed and when one is called.
 *
 * @module
 */
import type { Config, Deployment, Product } from "../config/types.ts";
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
 * Expands `TOOLSETS` keywords (`all`, `default`, case-insensitive) over the known toolsets;
 * undefined or empty = all; unknown names are ignored.
 */
export function resolveToolsets(
  names: string[] | undefined,
  toolsets: readonly Toolset[],
): Set<string> {
  const known = toolsets.map((toolset) => toolset.name);
  if (!names || names.length === 0) return new Set(known);
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name === "all") known.forEach((t) => out.add(t));
    else if (name === "default") {
      toolsets.filter((t) => t.isDefault).forEach((t) => out.add(t.name));
    } else if (known.includes(name)) out.add(name);
  }
  return out;
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
