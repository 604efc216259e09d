/**
 * The `confluence_pages` toolset: search, read, create, update, delete, move and copy pages, and
 * walk the page tree.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { copyPageTool } from "./copy_page.ts";
import { createPageTool } from "./create_page.ts";
import { deletePageTool } from "./delete_page.ts";
import { getPageTool } from "./get_page.ts";
import { getPageRestrictionsTool } from "./get_page_restrictions.ts";
import { getPageDiffTool } from "./get_page_diff.ts";
import { getPageHistoryTool } from "./get_page_history.ts";
import { getPageChildrenTool } from "./get_page_children.ts";
import { getSpacePageTreeTool } from "./get_space_page_tree.ts";
import { movePageTool } from "./move_page.ts";
import { confluenceSearchTool } from "./search.ts";
import { setPageRestrictionsTool } from "./set_page_restrictions.ts";
import { updatePageTool } from "./update_page.ts";
import { updatePageSectionTool } from "./update_page_section.ts";

/** The toolset's tools in listing order. */
export const confluencePages = defineToolset({
  name: "confluence_pages",
  description:
    "Search, read, create, update, delete, move and copy pages; walk the page tree, edit one section, read the history and the restrictions",
  isDefault: true,
  tools: [
    confluenceSearchTool,
    getPageTool,
    getPageChildrenTool,
    getSpacePageTreeTool,
    createPageTool,
    updatePageTool,
    deletePageTool,
    movePageTool,
    copyPageTool,
    updatePageSectionTool,
    getPageHistoryTool,
    getPageDiffTool,
    getPageRestrictionsTool,
    setPageRestrictionsTool,
  ],
});
