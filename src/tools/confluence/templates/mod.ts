/**
 * The `confluence_templates` toolset (Cloud only): list and read page templates, create pages
 * from them.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { createPageFromTemplateTool } from "./create_page_from_template.ts";
import { getPageTemplateTool } from "./get_page_template.ts";
import { listPageTemplatesTool } from "./list_page_templates.ts";

/** The toolset's tools in listing order. */
export const confluenceTemplates = defineToolset({
  name: "confluence_templates",
  description: "List and read page templates, create pages from them (Cloud only)",
  isDefault: false,
  tools: [listPageTemplatesTool, getPageTemplateTool, createPageFromTemplateTool],
});
