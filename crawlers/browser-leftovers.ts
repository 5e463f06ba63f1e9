/**
 * Chromium profiles of crawls, and what a killed crawl leaves of them. Each crawl's Chromium gets
 * a fresh profile folder (`nianbao-chromium-*` in the temporary directory) holding an
 * `owner.json` that names the crawl's process. Playwright starts Chromium in a process group of
 * its own, and a crawl that ends normally closes it and removes the folder; a crawl killed with
 * SIGKILL cannot, so the next crawl, before it starts its browser, kills every process group
 * whose Chromium runs on a folder whose owner is dead, and removes the folder (as the LibreOffice
 * conversions do, extract/readers/word/sandbox.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGroup, processesMentioning, processGroup, staleOwnedFolders, writeOwnerFile } from '../extract/readers/word/sandbox.ts';

export const CHROMIUM_PROFILE_PREFIX = 'nianbao-chromium-';
/** How long the reaper waits for killed processes to be gone. */
const KILL_WAIT_MS = 10_000;

/** Makes a fresh profile folder owned by this process. */
export async function makeChromiumProfile(dir = tmpdir()): Promise<string> {
  const path = await mkdtemp(join(dir, CHROMIUM_PROFILE_PREFIX));
  await writeOwnerFile(path);
  return path;
}

/** Chromium processes (Linux /proc) whose command line mentions `needle`, with their process groups. */
export function chromiumProcessesMentioning(needle: string): { pid: number; pgid: number }[] {
  return processesMentioning(needle, /chrom/i);
}

/** This process's group (never killed). */
function ownGroup(): number {
  return processGroup('self') ?? process.pid;
}

/**
 * Kills the Chromium left running on the profile folders of dead crawls (their whole process
 * groups: the browser, its zygotes, renderers and utility processes) and removes the folders.
 * Returns the folders removed.
 */
export async function reapStaleChromium(dir = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const path of await staleOwnedFolders(dir, CHROMIUM_PROFILE_PREFIX)) {
    const procs = chromiumProcessesMentioning(path);
    const own = ownGroup();
    for (const { pid, pgid } of procs) {
      // Playwright starts Chromium as the leader of its own group: kill the group when its leader
      // is that Chromium, or is gone (the group is then Chromium's orphans); never our own group.
      const leaderIsChromium = procs.some((p) => p.pid === pgid) || !existsSync(`/proc/${pgid}`);
      if (pgid > 1 && pgid !== own && leaderIsChromium) killGroup(pgid);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    // SIGKILL takes effect when each process is next scheduled: wait (briefly) until they are gone.
    for (let waited = 0; waited < KILL_WAIT_MS && chromiumProcessesMentioning(path).length; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed.push(path);
  }
  return removed;
}
