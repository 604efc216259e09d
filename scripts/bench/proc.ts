/**
 * What the benchmark reads from Linux's /proc: a process's peak and current resident set size,
 * and the machine it runs on. Read through `cat`, since Deno reserves direct /proc reads for
 * --allow-all.
 *
 * @module
 */

async function procFile(path: string): Promise<string> {
  const out = await new Deno.Command("cat", { args: [path], stdout: "piped", stderr: "null" })
    .output();
  return new TextDecoder().decode(out.stdout);
}

async function statusField(pid: number, field: string): Promise<number> {
  const status = await procFile(`/proc/${pid}/status`);
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);
}

/** Peak resident set size of a process (VmHWM), in KiB (0 when unknown). */
export function peakRssKiB(pid: number): Promise<number> {
  return statusField(pid, "VmHWM");
}

/** Current resident set size of a process (VmRSS), in KiB (0 when unknown). */
export function rssKiB(pid: number): Promise<number> {
  return statusField(pid, "VmRSS");
}

/** KiB as MiB with no decimals, for the table. */
export function mib(kib: number): string {
  return (kib / 1024).toFixed(0);
}

/** One line naming the machine: CPU model, cores, OS and architecture, Deno version. */
export async function machine(): Promise<string> {
  const cpu = (await procFile("/proc/cpuinfo")).match(/model name\s*:\s*(.*)/)?.[1] ??
    "unknown CPU";
  const os = (await procFile("/etc/os-release")).match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1];
  return `${cpu}, ${navigator.hardwareConcurrency} cores, ${Deno.build.os}/${Deno.build.arch}` +
    `${os ? ` (${os})` : ""}, Deno ${Deno.version.deno}`;
}
