/**
 * Finds and reads the configuration: `--config FILE` (`.ts`/`.mts`, `.js`/`.mjs`/`.cjs` or
 * `.json`) or the project's `pipeline.config.ts`, then `--data-dir` over `paths.dataDir`.
 *
 * A script config is bundled by esbuild into one ES module and imported from memory, wherever the
 * file lives: a config outside the project (no package.json, or one without "type": "module")
 * loads the same way, `import { defineConfig } from 'nianbao/config'` resolves to this nianbao's
 * config/schema.ts, `--config dir/c.js` reads c.js even with a c.ts beside it, and a syntax error
 * is reported with its line and column. JSON may start with a UTF-8 BOM; invalid JSON is
 * reported by line and column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';
import { resolveConfig, type PipelineConfig } from './schema.ts';

export interface LoadConfigOptions {
  /** A config file; defaults to pipeline.config.ts next to this project. */
  config?: string;
  /** Overrides `paths.dataDir`. */
  dataDir?: string;
}

const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../pipeline.config.ts', import.meta.url));
const SCHEMA_PATH = fileURLToPath(new URL('./schema.ts', import.meta.url));
const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

export async function loadConfig(opts: LoadConfigOptions = {}): Promise<PipelineConfig> {
  const path = opts.config ? resolve(opts.config) : DEFAULT_CONFIG_PATH;
  if (!existsSync(path)) throw new ConfigError(path, null, 'config file not found');
  let input: unknown;
  const ext = extname(path).toLowerCase();
  if (ext === '.json') input = parseJsonConfig(readFileSync(path, 'utf8'), path);
  else if (SCRIPT_EXTENSIONS.includes(ext)) input = await importScriptConfig(path);
  else throw new ConfigError(path, null, `unknown config file type ${JSON.stringify(ext)} (use .ts, .js or .json)`);
  const config = resolveConfig(input, path);
  if (opts.dataDir) config.paths.dataDir = opts.dataDir;
  config.paths.dataDir = resolve(config.paths.dataDir);
  return config;
}

/** JSON, a leading UTF-8 BOM allowed; a syntax error named by line and column. */
export function parseJsonConfig(text: string, path: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? lineAndColumn(body, Number(at[1])) : null;
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/,?\s*"[^"]*" is not valid JSON$/s, '');
    throw new ConfigError(path, null, `not valid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${reason}`);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Bundles a .ts/.js config (and what it imports) into one ES module and imports it. */
async function importScriptConfig(path: string): Promise<unknown> {
  const { build } = await import('esbuild');
  let code: string;
  try {
    const out = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      absWorkingDir: dirname(path),
      alias: { 'nianbao/config': SCHEMA_PATH },
    });
    code = out.outputFiles[0]!.text;
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
    const first = errors?.[0];
    if (first) {
      const loc = first.location ? `${resolve(dirname(path), first.location.file) === path ? '' : `${first.location.file}: `}line ${first.location.line}, column ${first.location.column + 1}: ` : '';
      throw new ConfigError(path, null, `cannot load: ${loc}${first.text}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    }
    throw new ConfigError(path, null, `cannot load: ${(err as Error).message}`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown };
  } catch (err) {
    throw new ConfigError(path, null, `cannot load: ${(err as Error).message}`);
  }
  if (mod.default === undefined) throw new ConfigError(path, null, 'has no default export (write `export default defineConfig({ … })`)');
  return mod.default;
}
