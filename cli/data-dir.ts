/**
 * The data directory as the writing commands (crawl, load, run, reextract) take it: it must exist
 * (only crawl and run create it, or any of them with `--init`: a mistyped `--data-dir` must not
 * leave an empty warehouse behind), it must be writable — checked before any request goes out,
 * with "cannot write DIR" rather than a stack trace later — and it is owned by one writer at a
 * time through its lock file (lock.ts).
 */
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from '../errors.ts';
import { databasePath, rawStoreDir } from '../load/paths.ts';
import { DataDirLock } from './lock.ts';

/** What lives under a data directory and must be writable when it exists. */
function writablePaths(dir: string): string[] {
  const raw = rawStoreDir(dir);
  const db = databasePath(dir);
  return [
    raw, join(raw, 'objects'), join(raw, 'fetch-log.jsonl'), join(raw, 'reports.jsonl'), join(raw, 'runs.jsonl'),
    join(dir, 'crawl-state'), join(dir, 'failures.jsonl'), db, `${db}.wal`,
  ];
}

const WRITE_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

function cannotWrite(path: string, err: unknown, dir: string): DataDirError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const why = code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
  return new DataDirError(dir, `cannot write ${path === dir ? dir : `${path} in ${dir}`}: ${why}`, false, { cause: err });
}

/**
 * Checks (and when `create`, makes) the data directory: it exists and is a directory, a file can be
 * created in it, and what it already holds can be written. Throws DataDirError.
 */
export function checkDataDir(dir: string, opts: { create: boolean; command: string }): void {
  if (!existsSync(dir)) {
    if (!opts.create) {
      throw new DataDirError(dir, `no such data directory: \`${opts.command}\` does not create one (check --data-dir; \`nianbao crawl\` or \`run\` creates it, or pass --init)`, true);
    }
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw cannotWrite(dir, err, dir);
    }
  }
  if (!statSync(dir).isDirectory()) throw new DataDirError(dir, 'not a directory (check --data-dir)', true);
  const probe = join(dir, `.nianbao-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    if (WRITE_CODES.has((err as NodeJS.ErrnoException).code ?? '')) throw cannotWrite(dir, err, dir);
    throw err;
  }
  for (const path of writablePaths(dir)) {
    if (!existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK);
    } catch (err) {
      throw cannotWrite(path, err, dir);
    }
  }
}

/** A load or reextract needs something to load: a raw store or a warehouse already there. */
export function checkHasData(dir: string, command: string): void {
  if (existsSync(rawStoreDir(dir)) || existsSync(databasePath(dir))) return;
  throw new DataDirError(dir, `holds no raw store and no database: nothing to ${command} (check --data-dir; \`nianbao crawl\` fills it, or pass --init)`, true);
}

export interface WriterDirOptions {
  /** The command, for messages and the lock file. */
  command: string;
  /** crawl and run create the directory; the others only with --init. */
  creates: boolean;
  init?: boolean;
  /** Wait for another writer's lock instead of failing. */
  wait?: boolean;
  /** Where to say that a stale lock was taken over or that this process waits. */
  log?: (line: string) => void;
}

/**
 * Takes a data directory for writing: checks it (checkDataDir; for load and reextract, that it
 * holds data) and takes its lock. The caller releases the lock (also released on process exit).
 */
export async function takeDataDir(dir: string, opts: WriterDirOptions): Promise<DataDirLock> {
  checkDataDir(dir, { create: opts.creates || !!opts.init, command: opts.command });
  if (!opts.creates && !opts.init) checkHasData(dir, opts.command);
  return DataDirLock.acquire(dir, opts.command, { wait: opts.wait, log: opts.log });
}
