/**
 * The `confluence_pages` toolset: search, read, create and update pages.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { createPageTool } from "./create_page.ts";
import { getPageTool } from "./get_page.ts";
import { getPageRestrictionsTool } from "./get_page_restrictions.ts";
import { getPageDiffTool } from "./get_page_diff.ts";
import { getPageHistoryTool } from "./get_page_history.ts";
import { confluenceSearchTool } from "./search.ts";
import { setPageRestrictionsTool } from "./set_page_restrictions.ts";
import { updatePageTool } from "./update_page.ts";
import { updatePageSectionTool } from "./update_page_section.ts";

/** The toolset's tools in listing order. */
export const confluencePages = defineToolset({
  name: "confluence_pages",
  description: "Search, read, create and update pages; read and set their restrictions",
  isDefault: true,
  tools: [
    confluenceSearchTool,
    getPageTool,
    createPageTool,
    updatePageTool,
    updatePageSectionTool,
    getPageHistoryTool,
    getPageDiffTool,
    getPageRestrictionsTool,
    setPageRestrictionsTool,
  ],
});
