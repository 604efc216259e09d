/**
 * Which tools are offered: a pure function of the configuration, applied identically when
 * tools are listed and when one is called.
 *
 * @module
 */
import type { Config, Deployment, Product } from "../config/types.ts";
import type { ToolDef } from "./define.ts";
import { DEFAULT_TOOLSETS, TOOLSETS } from "./toolsets.ts";

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

/** Expands `TOOLSETS` keywords (`all`, `default`, case-insensitive); undefined or empty = all. */
export function resolveToolsets(names: string[] | undefined): Set<string> {
  if (!names || names.length === 0) return new Set(TOOLSETS);
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name === "all") TOOLSETS.forEach((t) => out.add(t));
    else if (name === "default") DEFAULT_TOOLSETS.forEach((t) => out.add(t));
    else if ((TOOLSETS as readonly string[]).includes(name)) out.add(name);
  }
  return out;
}

/** Filters the registry down to the tools this configuration offers. */
export function selectTools<T extends ToolDef>(all: readonly T[], selection: Selection): T[] {
  const toolsets = resolveToolsets(selection.toolsets);
  const enabled = selection.enabledTools?.length ? new Set(selection.enabledTools) : undefined;
  return all.filter((tool) => {
    const deployment = selection.products[tool.product];
    if (!deployment || !tool.deployments.includes(deployment)) return false;
    if (selection.readOnly && tool.access !== "read") return false;
    if (!toolsets.has(tool.toolset)) return false;
    return !enabled || enabled.has(tool.name);
  });
}
