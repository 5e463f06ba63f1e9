/**
 * `nianbao extract <file|dir>... [--out DIR]`: one record per document. Without --out, one JSON
 * record per line on stdout. A document that cannot be read gets one line on stderr naming it and
 * the reason; the rest go on; the last line says how many were extracted and failed.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { DEFAULT_EXTRACT } from '../../config/schema.ts';
import { feedInOrder } from '../../extract/pool/feed.ts';
import { ExtractPool } from '../../extract/pool/pool.ts';
import { recordToJson, type ReportRecord } from '../../extract/record.ts';
import { asNianbaoError, UsageError } from '../../errors.ts';

export interface ExtractOptions {
  inputs: string[];
  out?: string;
  /** A configuration file for its `extract` section (the project's pipeline.config.ts otherwise). */
  config?: string;
  /** Documents read at once, each in a worker thread (default: `extract.jobs`, one per core). */
  jobs?: number;
}

/** Files in a directory that are not documents: golden records, READMEs, dotfiles. */
const NOT_A_DOCUMENT = /(\.expected\.json$|^readme(\.[a-z]+)?$|^\.)/i;

/** Expands directories (their files, not recursively) and keeps files as given. */
export function listDocuments(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or directory`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(input).sort()) {
        const path = join(input, name);
        if (!NOT_A_DOCUMENT.test(name) && statSync(path).isFile()) out.push(path);
      }
    } else out.push(input);
  }
  return out;
}

export default async function extract(opts: ExtractOptions): Promise<number> {
  const files = listDocuments(opts.inputs);
  const settings = (await loadConfig({ config: opts.config })).extract ?? DEFAULT_EXTRACT;
  if (opts.out) mkdirSync(opts.out, { recursive: true });
  const written = new Set<string>();
  let ok = 0;
  let failed = 0;
  // Documents are read in worker threads, `jobs` at a time; records are written in input order.
  const pool = new ExtractPool({ ...settings, ...(opts.jobs ? { jobs: opts.jobs } : {}) });
  const read = (file: string): Promise<ReportRecord | Error> => pool.extract({ path: file }).catch((err: unknown) => asNianbaoError(err, file));
  const write = (record: ReportRecord | Error, file: string) => {
    try {
      if (record instanceof Error) throw record;
      if (opts.out) {
        const stem = basename(file, extname(file));
        let name = `${stem}.json`;
        if (written.has(name)) {
          name = `${basename(file)}.json`;
          process.stderr.write(`nianbao: ${file}: another document is also named ${stem}; written as ${name}\n`);
        }
        written.add(name);
        writeFileSync(join(opts.out, name), recordToJson(record) + '\n');
      } else {
        process.stdout.write(recordToJson(record, false) + '\n');
      }
      ok++;
    } catch (err) {
      failed++;
      process.stderr.write(`nianbao: ${asNianbaoError(err, file).message}\n`);
    }
  };
  try {
    await feedInOrder(files, read, write, { concurrency: pool.jobs });
  } finally {
    await pool.close();
  }
  process.stderr.write(`${ok} extracted, ${failed} failed\n`);
  return failed ? 1 : 0;
}
