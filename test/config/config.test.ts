import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.ts';
import { loadConfig } from '../../config/load.ts';
import { DEFAULT_EXTRACT, DEFAULT_LIMITS, DEFAULT_POLITENESS, resolveConfig } from '../../config/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const site = { id: 'qinghe', agency: '清河县人民政府', startUrls: ['http://www.qinghe.gov.cn/'] };

describe('configuration', () => {
  it('fills defaults for every section left out', () => {
    const c = resolveConfig({ sites: [site] }, 'x.json');
    expect(c.politeness).toEqual(DEFAULT_POLITENESS);
    expect(c.limits).toEqual(DEFAULT_LIMITS);
    expect(c.extract).toEqual(DEFAULT_EXTRACT);
    expect(c.paths.dataDir).toBe('data');
    expect(c.sites[0]!.id).toBe('qinghe');
  });

  it.each([
    [{ sites: [site], polite: {} }, '(config).polite: unknown key'],
    [{ sites: [{ ...site, startUrl: 'x' }] }, 'sites[0].startUrl: unknown key'],
    [{ sites: [{ ...site, startUrls: ['ftp://x/'] }] }, 'sites[0].startUrls[0]: must be an http(s) URL'],
    [{ sites: [{ ...site, startUrls: ['not a url'] }] }, 'sites[0].startUrls[0]: not a URL'],
    [{ sites: [site, site] }, 'sites[1].id: duplicate site id qinghe'],
    [{ sites: [{ ...site, id: 'a/../b' }] }, 'sites[0].id: letters, digits, - and _ only'],
    [{ sites: [{ ...site, level: 'village' }] }, 'sites[0].level: must be one of'],
    [{ politeness: { delayMs: -1 } }, 'politeness.delayMs: must be a number ≥ 0'],
    [{ limits: { maxRetries: 'three' } }, 'limits.maxRetries: must be a number ≥ 0'],
    [{ expectedYears: [2021, 21] }, 'expectedYears: must be a list of years'],
    [{ extract: { jobs: 1.5 } }, 'extract.jobs: must be a whole number'],
    [{ extract: { threads: 2 } }, 'extract.threads: unknown key'],
    [{ extract: { workerHeapMb: 8 } }, 'extract.workerHeapMb: must be a number ≥ 32'],
  ])('rejects %j naming the file and the key', (input, message) => {
    expect(() => resolveConfig(input, 'my.config.json')).toThrow(ConfigError);
    expect(() => resolveConfig(input, 'my.config.json')).toThrow(`my.config.json: ${message}`);
  });

  it('loads JSON and TypeScript files, and lets --data-dir win', async () => {
    const json = join(dir, 'a.json');
    writeFileSync(json, JSON.stringify({ sites: [site], paths: { dataDir: '/srv/x' } }));
    expect((await loadConfig({ config: json })).paths.dataDir).toBe('/srv/x');
    expect((await loadConfig({ config: json, dataDir: 'elsewhere' })).paths.dataDir).toBe(resolve('elsewhere'));
    const ts = join(dir, 'b.config.ts');
    writeFileSync(ts, `export default { sites: [${JSON.stringify(site)}], expectedYears: [2023] };\n`);
    expect((await loadConfig({ config: ts })).expectedYears).toEqual([2023]);
  });

  it('names a missing file, bad JSON and a file without a default export', async () => {
    await expect(loadConfig({ config: join(dir, 'none.json') })).rejects.toThrow(/none\.json: config file not found/);
    writeFileSync(join(dir, 'bad.json'), '{ sites: ');
    await expect(loadConfig({ config: join(dir, 'bad.json') })).rejects.toThrow(/bad\.json: not valid JSON/);
    writeFileSync(join(dir, 'c.config.ts'), 'export const x = 1;\n');
    await expect(loadConfig({ config: join(dir, 'c.config.ts') })).rejects.toThrow(/c\.config\.ts: has no default export/);
  });

  it('loads the project default, pipeline.config.ts', async () => {
    const c = await loadConfig();
    expect(c.politeness.perHostConcurrency).toBe(1);
    expect(c.politeness.delayMs).toBeGreaterThanOrEqual(1000);
  });
});
