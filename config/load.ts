/**
 * Finds and reads the configuration: `--config FILE` (`.ts`, `.mjs`/`.js` or `.json`) or the
 * project's `pipeline.config.ts`, then `--data-dir` over `paths.dataDir`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.ts';
import { resolveConfig, type PipelineConfig } from './schema.ts';

export interface LoadConfigOptions {
  /** A config file; defaults to pipeline.config.ts next to this project. */
  config?: string;
  /** Overrides `paths.dataDir`. */
  dataDir?: string;
}

const DEFAULT_CONFIG_PATH = new URL('../pipeline.config.ts', import.meta.url);

export async function loadConfig(opts: LoadConfigOptions = {}): Promise<PipelineConfig> {
  const path = opts.config ? resolve(opts.config) : DEFAULT_CONFIG_PATH.pathname;
  if (!existsSync(path)) throw new ConfigError(path, null, 'config file not found');
  let input: unknown;
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    try {
      input = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new ConfigError(path, null, `not valid JSON: ${(err as Error).message}`);
    }
  } else if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (err) {
      throw new ConfigError(path, null, `cannot load: ${(err as Error).message}`);
    }
    if (mod.default === undefined) throw new ConfigError(path, null, 'has no default export');
    input = mod.default;
  } else {
    throw new ConfigError(path, null, `unknown config file type ${JSON.stringify(ext)} (use .ts, .js or .json)`);
  }
  const config = resolveConfig(input, path);
  if (opts.dataDir) config.paths.dataDir = opts.dataDir;
  config.paths.dataDir = resolve(config.paths.dataDir);
  return config;
}
