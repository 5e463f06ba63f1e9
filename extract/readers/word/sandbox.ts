/**
 * What keeps LibreOffice in: the conversion may not reach the network, may not run macros, and
 * leaves no process or folder behind.
 *
 * - **No network.** Each conversion runs in a fresh network namespace with no interfaces but a
 *   loopback that is down: `unshare --net` as root, `unshare --user --map-root-user --net` (an
 *   unprivileged user namespace) otherwise. Found once per process by trying `unshare … true`;
 *   where neither works, conversions go on with a warning on every record they produce, and two
 *   defences still hold: external links are stripped from DOCX input (strip-external.ts), and
 *   the profile below points every proxy at a closed port. `NIANBAO_UNSHARE` names another
 *   `unshare` binary (or a missing one, to turn isolation off for a test).
 * - **No macros, no proxy.** Every conversion gets a fresh profile whose settings disable macro
 *   execution and send HTTP, HTTPS and FTP to 127.0.0.1:9.
 * - **Nothing left behind.** Each conversion's folder (`nianbao-soffice-*` in the temporary
 *   directory) holds an `owner.json` naming the process that made it. LibreOffice runs in its
 *   own process group, killed when it ends, when it times out and when this process exits. A
 *   process killed by a signal it does not handle (SIGKILL, or SIGTERM during `extract`) cannot
 *   clean up, so the first conversion of the next run removes folders whose owner is dead and
 *   kills what still runs with such a folder as its profile.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The prefix of every conversion folder in the temporary directory. */
export const CONVERSION_DIR_PREFIX = 'nianbao-soffice-';
/** A folder without `owner.json` older than this is left over from an older nianbao or a crash mid-setup. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;
/** The port every proxy setting points at: discard, closed on any ordinary machine. */
const DEAD_PROXY_PORT = 9;

export interface Isolation {
  /** The command prefix that runs LibreOffice without network (empty when none could be made). */
  prefix: string[];
  /** How it was isolated (`unshare --net`), or why it could not be. */
  how: string;
  isolated: boolean;
}

/** The `unshare` binary: `NIANBAO_UNSHARE`, else `unshare` on the PATH (util-linux). */
const unshareBinary = () => process.env.NIANBAO_UNSHARE || 'unshare';

let isolation: Promise<Isolation> | null = null;

/** How conversions are kept off the network in this process (probed once). */
export function networkIsolation(): Promise<Isolation> {
  isolation ??= probeIsolation();
  return isolation;
}

/** Forgets the probe (tests change NIANBAO_UNSHARE between cases). */
export function resetIsolationProbe(): void {
  isolation = null;
}

async function probeIsolation(): Promise<Isolation> {
  const bin = unshareBinary();
  const root = process.getuid?.() === 0;
  const tries = root ? [['--net'], ['--user', '--map-root-user', '--net']] : [['--user', '--map-root-user', '--net']];
  const failures: string[] = [];
  for (const flags of tries) {
    const r = await run(bin, [...flags, 'true']);
    if (r.ok) return { prefix: [bin, ...flags, '--'], how: `${bin} ${flags.join(' ')}`, isolated: true };
    failures.push(`${bin} ${flags.join(' ')}: ${r.said || 'failed'}`);
  }
  return { prefix: [], how: failures.join('; '), isolated: false };
}

function run(command: string, args: string[]): Promise<{ ok: boolean; said: string }> {
  return new Promise((resolve) => {
    let said = '';
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (c: Buffer) => (said = (said + c.toString('utf8')).slice(-500)));
    child.on('error', (err) => resolve({ ok: false, said: err.message }));
    child.on('close', (code) => resolve({ ok: code === 0, said: said.trim() }));
  });
}

/**
 * The profile settings of every conversion: macros never run, every proxy is a closed local port
 * (no exceptions), so even an unisolated LibreOffice fetches nothing.
 */
function profileSettings(): string {
  const item = (path: string, name: string, value: string | number | boolean) =>
    `<item oor:path="${path}"><prop oor:name="${name}" oor:op="fuse"><value>${value}</value></prop></item>`;
  const inet = '/org.openoffice.Inet/Settings';
  const scripting = '/org.openoffice.Office.Common/Security/Scripting';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    item(inet, 'ooInetProxyType', 1),
    ...['HTTP', 'HTTPS', 'FTP'].flatMap((p) => [item(inet, `ooInet${p}ProxyName`, '127.0.0.1'), item(inet, `ooInet${p}ProxyPort`, DEAD_PROXY_PORT)]),
    item(inet, 'ooInetNoProxy', ''),
    item(scripting, 'MacroSecurityLevel', 3),
    item(scripting, 'DisableMacrosExecution', true),
    '</oor:items>',
    '',
  ].join('\n');
}

/** Writes the conversion folder's owner file and profile settings; returns the profile folder. */
export async function prepareConversionDir(dir: string): Promise<string> {
  await writeOwnerFile(dir);
  const profile = join(dir, 'profile');
  await mkdir(join(profile, 'user'), { recursive: true });
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), profileSettings());
  return profile;
}

/** Marks a folder as owned by this process (`owner.json`: pid and start time), for later clean-ups. */
export async function writeOwnerFile(dir: string): Promise<void> {
  await writeFile(join(dir, 'owner.json'), JSON.stringify({ pid: process.pid, started: processStart(process.pid) }));
}

/** The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process's group (Linux /proc), or null where unknown. */
export function processGroup(pid: number | 'self'): number | null {
  try {
    return Number(statFields(pid)[2]);
  } catch {
    return null;
  }
}

/** A process's start time in clock ticks since boot (Linux /proc), or null where unknown. */
export function processStart(pid: number): string | null {
  try {
    return statFields(pid)[19] ?? null; // field 22 of the whole line: starttime
  } catch {
    return null;
  }
}

/** True when the process that wrote `owner` still runs (same pid, same start time). */
export function ownerAlive(owner: { pid?: unknown; started?: unknown }): boolean {
  if (typeof owner.pid !== 'number') return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStart(owner.pid);
  return started === null || owner.started === null || started === owner.started;
}

/**
 * Processes (Linux /proc) whose command line mentions `needle` and matches `program`, with their
 * process groups; empty elsewhere. Used to find a converter or browser still running on a folder.
 */
export function processesMentioning(needle: string, program: RegExp): { pid: number; pgid: number }[] {
  const out: { pid: number; pgid: number }[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!cmdline.includes(needle) || !program.test(cmdline)) continue;
      out.push({ pid: Number(p), pgid: Number(statFields(Number(p))[2]) });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** LibreOffice processes whose command line mentions `needle`. */
function officeProcessesMentioning(needle: string): number[] {
  return processesMentioning(needle, /soffice|oosplash|libreoffice/).map((p) => p.pid);
}

let cleaned: Promise<string[]> | null = null;

/**
 * Removes conversion folders left by dead processes (once per process, before the first
 * conversion), after killing any LibreOffice still running on them. Returns the folders removed.
 */
export function cleanStaleConversions(dir = tmpdir()): Promise<string[]> {
  if (dir !== tmpdir()) return removeStale(dir);
  cleaned ??= removeStale(dir);
  return cleaned;
}

/**
 * Folders under `dir` named with `prefix` whose owner (owner.json: pid and start time) is gone;
 * a folder without a readable owner file counts when it is older than an hour (an older
 * nianbao's, or one caught between mkdtemp and the write). Shared with Chromium's profiles.
 */
export async function staleOwnedFolders(dir: string, prefix: string): Promise<string[]> {
  const stale: string[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.startsWith(prefix));
  } catch {
    return stale;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const owner = JSON.parse(await readFile(join(path, 'owner.json'), 'utf8')) as { pid?: unknown; started?: unknown };
      if (!ownerAlive(owner)) stale.push(path);
    } catch {
      try {
        if (Date.now() - (await stat(path)).mtimeMs > ORPHAN_AGE_MS) stale.push(path);
      } catch {
        // gone meanwhile
      }
    }
  }
  return stale;
}

async function removeStale(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const path of await staleOwnedFolders(dir, CONVERSION_DIR_PREFIX)) {
    for (const pid of officeProcessesMentioning(path)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed.push(path);
  }
  return removed;
}

/** Process groups of conversions running now; killed if this process exits first. */
const liveGroups = new Set<number>();
let exitHook = false;

/** Kills a process group, quietly when it is already gone. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/** Tracks a conversion's process group until `release`; kills it if this process exits first. */
export function trackGroup(pgid: number): () => void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const g of liveGroups) killGroup(g);
    });
  }
  liveGroups.add(pgid);
  return () => {
    liveGroups.delete(pgid);
    killGroup(pgid);
  };
}
