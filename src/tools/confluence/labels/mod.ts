/**
 * The `confluence_labels` toolset: read, add and remove page labels.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { addLabelTool } from "./add_label.ts";
import { getLabelsTool } from "./get_labels.ts";
import { removeLabelTool } from "./remove_label.ts";

/** The toolset's tools in listing order. */
export const confluenceLabels = defineToolset({
  name: "confluence_labels",
  description: "Read, add and remove page labels",
  isDefault: false,
  tools: [getLabelsTool, addLabelTool, removeLabelTool],
});
