/**
 * Peak RSS of a fresh server while `jira_download_attachments` answers one large attachment,
 * against its peak while idle before the call. The answer is read as a plain JSON-RPC line
 * (`RawStdioSession`), so the call's time is the server's and the bench's own reading of the
 * line, not the MCP SDK client's.
 *
 * @module
 */
import type { FakeAtlassian } from "../../tests/fake_atlassian/mod.ts";
import { addIssueAttachment } from "../../tests/fake_atlassian/_jira_attachments.ts";
import type { Launch } from "./launch.ts";
import { peakRssKiB } from "./proc.ts";
import { RawStdioSession } from "./raw_stdio.ts";

/** What the download measured (KiB and ms). */
export interface AttachmentPeak {
  /** Peak RSS before the call. */
  idleKiB: number;
  /** Peak RSS after the call. */
  peakKiB: number;
  /** Time of the call. */
  ms: number;
}

/** Adds a `mib` MiB attachment to DEMO-3 and downloads it once through a fresh server. */
export async function attachmentPeak(
  fake: FakeAtlassian,
  launch: Launch,
  mib: number,
): Promise<AttachmentPeak> {
  const size = mib * 1024 * 1024;
  addIssueAttachment(fake.cloud.state, "DEMO-3", {
    filename: "big.bin",
    mimeType: "application/octet-stream",
    bytes: patterned(size),
    created: new Date().toISOString(),
    author: "alice",
  });
  const session = await RawStdioSession.open(launch);
  try {
    const idleKiB = await peakRssKiB(session.pid);
    const started = performance.now();
    const answer = await session.request("tools/call", {
      name: "jira_download_attachments",
      arguments: { issue_key: "DEMO-3" },
    });
    const ms = performance.now() - started;
    const content = answer.result?.content as { resource?: { blob: string } }[] | undefined;
    const blob = content?.[1]?.resource?.blob;
    if (answer.result?.isError || content?.length !== 2 || base64Bytes(blob ?? "") !== size) {
      throw new Error(`jira_download_attachments failed: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    return { idleKiB, peakKiB: await peakRssKiB(session.pid), ms };
  } finally {
    await session.close();
  }
}

/** How many bytes a base64 text stands for (without decoding it). */
function base64Bytes(text: string): number {
  return text.length / 4 * 3 - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);
}

/** `size` bytes counting 0..250 over and over (a loop: a mapping function per byte is slow). */
function patterned(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return bytes;
}
