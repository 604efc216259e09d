/**
 * The mdast node types used by the rich-text hub.
 *
 * `@types/mdast` cannot be imported through its bare `deno.json` mapping (TypeScript refuses to
 * import a package named `@types/...`, TS6137), so the pinned npm specifier is used here, once.
 *
 * @module
 */

export type {
  BlockContent,
  Blockquote,
  Code,
  Heading,
  Html,
  Image,
  InlineCode,
  Link,
  List,
  ListItem,
  Nodes,
  Paragraph,
  Parents,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Text,
} from "npm:@types/mdast@4.0.4";
