/**
 * Peak RSS of a fresh server while `jira_download_attachments` answers one large attachment,
 * against its peak while idle before the call.
 *
 * @module
 */
import type { FakeAtlassian } from "../../tests/fake_atlassian/mod.ts";
import { addIssueAttachment } from "../../tests/fake_atlassian/_jira_attachments.ts";
import type { Launch } from "./launch.ts";
import { peakRssKiB } from "./proc.ts";
import { connect } from "./stdio_session.ts";

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
  addIssueAttachment(fake.cloud.state, "DEMO-3", {
    filename: "big.bin",
    mimeType: "application/octet-stream",
    bytes: patterned(mib * 1024 * 1024),
    created: new Date().toISOString(),
    author: "alice",
  });
  const { client, pid } = await connect(launch);
  try {
    const idleKiB = await peakRssKiB(pid);
    const started = performance.now();
    const answer = await client.callTool(
      { name: "jira_download_attachments", arguments: { issue_key: "DEMO-3" } },
      undefined,
      { timeout: 300_000 },
    );
    const ms = performance.now() - started;
    if (answer.isError || (answer.content as unknown[]).length !== 2) {
      throw new Error(
        `jira_download_attachments failed: ${JSON.stringify(answer.content).slice(0, 300)}`,
      );
    }
    return { idleKiB, peakKiB: await peakRssKiB(pid), ms };
  } finally {
    await client.close();
  }
}

/** `size` bytes counting 0..250 over and over (a loop: a mapping function per byte is slow). */
function patterned(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return bytes;
}
