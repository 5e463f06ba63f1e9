/**
 * The site's one client script: site/client/main.ts with the parts of Apache ECharts it uses
 * (line and bar charts, SVG renderer), bundled and minified by esbuild into a classic script, so
 * it runs from `file://` without a module loader or network. Bundled once per process.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CLIENT_CSS = readFileSync(join(HERE, 'client', 'site.css'), 'utf8');

let bundled: Promise<string> | null = null;

export function bundleClient(): Promise<string> {
  bundled ??= build({
    entryPoints: [join(HERE, 'client', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}
