/**
 * The `confluence_analytics` toolset (Cloud only): page view counts.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getPageViewsTool } from "./get_page_views.ts";

/** The toolset's tools in listing order. */
export const confluenceAnalytics = defineToolset({
  name: "confluence_analytics",
  description: "Page view counts (Cloud only)",
  isDefault: false,
  tools: [getPageViewsTool],
});
