/**
 * The repository stands alone: no tracked source, test, script or sample-web file reads outside it.
 * Two mechanical checks over every tracked code file: no literal path to a folder beside the
 * repository (the sibling folder of shared specs, an absolute `/work/…`), and every `new URL('…', import.meta.url)` and
 * `join(root, '..', …)`-style path resolves inside the repository. (`.ci/run` also runs the suite
 * from a fresh clone in an empty temporary folder, which catches what a pattern cannot.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  // This file names the patterns it looks for, so it is left out of its own scan.
  .filter((f) => /\.(ts|js|mjs|cjs|sh|json)$/.test(f) && !f.endsWith('package-lock.json') && !f.startsWith('test/fixtures/') && f !== 'test/standalone.test.ts');
// .ci/run is tracked without an extension.
tracked.push('.ci/run');

const inside = (p: string) => !relative(root, p).startsWith('..');

describe('the repository stands alone', () => {
  it('has code files to check', () => {
    expect(tracked.length).toBeGreaterThan(100);
  });

  it('names no folder beside it', () => {
    // built from parts, so this file does not name the folder it looks for
    const SIBLING = new RegExp(['\\.\\./', 'shared\\b|[\'"`]/work/|/', 'shared/(corpus|spec|tools)\\b'].join(''));
    const offenders: string[] = [];
    for (const file of tracked) {
      const text = readFileSync(resolve(root, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (SIBLING.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('resolves every import.meta.url-relative path inside the repository', () => {
    const outside: string[] = [];
    for (const file of tracked) {
      const text = readFileSync(resolve(root, file), 'utf8');
      for (const m of text.matchAll(/new URL\(\s*['"`]([^'"`$]+)['"`]\s*,\s*import\.meta\.url\s*\)/g)) {
        const target = fileURLToPath(new URL(m[1]!, `file://${resolve(root, file)}`));
        if (!inside(target)) outside.push(`${file}: ${m[1]} → ${target}`);
      }
      for (const m of text.matchAll(/join\(\s*(?:root|ROOT|repo|here|__dirname)\s*,((?:\s*'\.\.'\s*,)+)/g)) {
        const ups = (m[1]!.match(/'\.\.'/g) ?? []).length;
        // `root` is the repository in the scripts that use it; anything going up from it leaves.
        if (/join\(\s*(?:root|ROOT|repo)/.test(m[0]) || !inside(resolve(dirname(resolve(root, file)), ...Array(ups).fill('..')))) {
          outside.push(`${file}: ${m[0]}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });
});
