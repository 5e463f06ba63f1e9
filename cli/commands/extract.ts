/**
 * `nianbao extract <file|dir>... [--out DIR]`: one record per document. Without --out, one JSON
 * record per line on stdout. A document that cannot be read gets one line on stderr naming it and
 * the reason; the rest go on; the last line says how many were extracted and failed.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { extractFile } from '../../extract/index.ts';
import { recordToJson } from '../../extract/record.ts';
import { asNianbaoError, UsageError } from '../../errors.ts';

export interface ExtractOptions {
  inputs: string[];
  out?: string;
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
  if (opts.out) mkdirSync(opts.out, { recursive: true });
  const written = new Set<string>();
  let ok = 0;
  let failed = 0;
  for (const file of files) {
    try {
      const record = await extractFile(file);
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
  }
  process.stderr.write(`${ok} extracted, ${failed} failed\n`);
  return failed ? 1 : 0;
}
