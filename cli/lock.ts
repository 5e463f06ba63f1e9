/**
 * The data directory's lock file, `DATA/nianbao.lock`: one writer (crawl, load, run, reextract)
 * at a time. It holds the owner's pid, host, command and start time as JSON, and is created with
 * O_EXCL, so of two processes starting together exactly one gets it. The other exits at once
 * (LockedError, status 3) naming the owner, or with `--wait` polls until the lock is free.
 *
 * A lock whose process is gone (a crash, kill -9, a reboot) is stale: on the same host, a pid that
 * no longer runs — or runs but started after the lock was written (the pid was reused) — is taken
 * over, with a line saying so. A lock from another host (a shared disk) is never judged stale.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataDirError, LockedError } from '../errors.ts';

export const LOCK_FILE = 'nianbao.lock';

/** Poll interval while waiting for a lock (`--wait`). */
const WAIT_POLL_MS = 500;
/** A lock file still empty after this long was left by a process that died while writing it. */
const EMPTY_LOCK_STALE_MS = 10_000;

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

export interface AcquireOptions {
  wait?: boolean;
  log?: (line: string) => void;
  /** Tests: poll interval while waiting. */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readLock(path: string): { info: LockInfo | null; text: string } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (Number.isInteger(v.pid) && typeof v.host === 'string') return { info: v as LockInfo, text };
  } catch {
    // empty or torn: judged by its age
  }
  return { info: null, text };
}

/** Seconds since boot at which `pid` started (Linux /proc), or null where unknown. */
function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!Number.isFinite(startTicks) || !btime) return null;
    // USER_HZ is 100 on every Linux nianbao runs on
    return Number(btime[1]) * 1000 + (startTicks / 100) * 1000;
  } catch {
    return null;
  }
}

/** Why a lock on this host is stale, or null when its process still runs. */
function staleReason(info: LockInfo): string | null {
  if (info.host !== hostname()) return null;
  if (info.pid === process.pid) return null;
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return `pid ${info.pid} is not running`;
    return null; // EPERM: it runs, as another user
  }
  const started = processStartMs(info.pid);
  const locked = Date.parse(info.startedAt);
  // a second of slack: /proc's start time is rounded to boot-time seconds
  if (started !== null && Number.isFinite(locked) && started > locked + 1000) return `pid ${info.pid} now belongs to a process started after the lock was taken`;
  return null;
}

const describe = (info: LockInfo) => `\`nianbao ${info.command}\` (pid ${info.pid} on ${info.host}, started ${info.startedAt})`;

export class DataDirLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly path: string,
    readonly info: LockInfo,
  ) {
    process.once('exit', this.onExit);
  }

  /** Takes the lock of `dir` for `command`; throws LockedError when another writer holds it (unless `wait`). */
  static async acquire(dir: string, command: string, opts: AcquireOptions = {}): Promise<DataDirLock> {
    const path = join(dir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
    let announced = false;
    for (;;) {
      if (create(path, info, dir)) return new DataDirLock(path, info);
      const held = readLock(path);
      if (held === null) continue; // released between our attempt and the read
      if (held.info === null) {
        // a lock being written right now, or left empty by a crash while it was written
        let age = 0;
        try {
          age = Date.now() - statSync(path).mtimeMs;
        } catch {
          continue;
        }
        if (age > EMPTY_LOCK_STALE_MS) {
          if (takeOver(path, held.text)) opts.log?.(`nianbao: took over ${path}: it was empty or unreadable for ${Math.round(age / 1000)} s (a writer that died while taking it)`);
          continue;
        }
        await sleep(100);
        continue;
      }
      const stale = staleReason(held.info);
      if (stale) {
        if (takeOver(path, held.text)) opts.log?.(`nianbao: took over the stale lock ${path} of ${describe(held.info)}: ${stale}`);
        continue;
      }
      if (!opts.wait) {
        throw new LockedError(
          dir,
          `data directory is in use by ${describe(held.info)}: one crawl/load/run/reextract at a time. ` +
            `Try again when it ends, or pass --wait to wait for it (lock file ${path}; it is removed when that process ends)`,
        );
      }
      if (!announced) opts.log?.(`nianbao: waiting for ${describe(held.info)} to finish (${path})`);
      announced = true;
      await sleep(opts.pollMs ?? WAIT_POLL_MS);
    }
  }

  /** Removes the lock file if it is still this process's. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    try {
      const held = readLock(this.path);
      if (held?.info?.pid === this.info.pid && held.info.startedAt === this.info.startedAt) unlinkSync(this.path);
    } catch {
      // gone already, or the directory went read-only: nothing more to do
    }
  }
}

/** Creates the lock file exclusively; false when it exists. */
function create(path: string, info: LockInfo, dir: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new DataDirError(dir, `cannot write ${dir}: ${code === 'EROFS' ? 'read-only file system' : 'permission denied'}`, false, { cause: err });
    throw err;
  }
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock whose content was `text`, safely against another process doing the same:
 * the file is renamed aside (atomic), and if what was renamed is not the stale lock (another
 * process took it over and wrote its own in between), it is put back.
 */
function takeOver(path: string, text: string): boolean {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return false; // someone else moved it first
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as the stale one
    moved = text;
  }
  if (moved !== text) {
    try {
      linkSync(aside, path); // fails if a third lock exists: then that one stands
    } catch {
      // leave it
    }
    unlinkSafe(aside);
    return false;
  }
  unlinkSafe(aside);
  return true;
}

function unlinkSafe(path: string): void {
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // nothing to do
  }
}
