/**
 * Configuration mistakes that used to pass silently or fail with the wrong message (issue 15):
 * a .ts or .js config outside the project directory (importing `nianbao/config`), `--config
 * dir/c.js` beside a c.ts, a hole in `sites`, a JSON config with a UTF-8 BOM, invalid JSON and a
 * TypeScript syntax error reported by line and column, a userAgent with a line break (issue 16),
 * and a configured agency that never appears while the site's reports name another.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { resolveConfig } from '../../config/schema.ts';
import { SiteRun } from '../../crawlers/site-run.ts';
import { ConfigError } from '../../errors.ts';
import { tempDir } from '../load/helpers.ts';

const SITE = `{ id: 'xinghe', agency: '星河县人民政府', level: 'county', startUrls: ['http://127.0.0.1:9/'] }`;

function write(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function rejection(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config files', () => {
  it('loads a .ts config outside the project that imports defineConfig from nianbao/config, and a relative module', async () => {
    const dir = tempDir('config-ts'); // no package.json there: not "type": "module"
    write(dir, 'sites.ts', `export const sites = [${SITE}];\n`);
    const path = write(dir, 'my.config.ts', `import { defineConfig } from 'nianbao/config';\nimport { sites } from './sites.ts';\nconst years: number[] = [2023];\nexport default defineConfig({ sites, expectedYears: years });\n`);
    const config = await loadConfig({ config: path });
    expect(config.sites.map((s) => s.agency)).toEqual(['星河县人民政府']);
    expect(config.expectedYears).toEqual([2023]);
  });

  it('--config dir/c.js loads c.js even with c.ts beside it; CommonJS too', async () => {
    const dir = tempDir('config-js');
    write(dir, 'c.ts', `export default { sites: [], expectedYears: [2021] };\n`);
    const js = write(dir, 'c.js', `export default { sites: [${SITE}], expectedYears: [2024] };\n`);
    expect((await loadConfig({ config: js })).expectedYears).toEqual([2024]);
    expect((await loadConfig({ config: join(dir, 'c.ts') })).expectedYears).toEqual([2021]);
    const cjs = write(dir, 'old.cjs', `module.exports = { expectedYears: [2022] };\n`);
    expect((await loadConfig({ config: cjs })).expectedYears).toEqual([2022]);
  });

  it('a hole in sites (a double comma) is a config error naming the index', async () => {
    const dir = tempDir('config-hole');
    const path = write(dir, 'c.ts', `export default { sites: [${SITE},, ${SITE.replace("'xinghe'", "'b'")}] };\n`);
    const err = await rejection(loadConfig({ config: path }));
    expect(err.message).toBe(`${path}: sites[1]: empty entry (two commas in a row?)`);
  });

  it('reports a syntax error in a .ts config with its line and column, not a module-cycle error', async () => {
    const dir = tempDir('config-syntax');
    const path = write(dir, 'c.ts', `export default {\n  sites: [${SITE}\n};\n`);
    const err = await rejection(loadConfig({ config: path }));
    expect(err.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot load: line 3, column 1: Expected "\\]" but found "\\}"`));
    expect(err.message).not.toMatch(/cycle/);
  });

  it('loads JSON with a UTF-8 BOM; reports invalid JSON by line and column', async () => {
    const dir = tempDir('config-json');
    const bom = write(dir, 'bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"expectedYears": [2023]}')]));
    expect((await loadConfig({ config: bom })).expectedYears).toEqual([2023]);
    const bad = write(dir, 'bad.json', '{\n  "sites": [\n    {"id": "a",}\n  ]\n}\n');
    const err = await rejection(loadConfig({ config: bad }));
    expect(err.message).toBe(`${bad}: not valid JSON at line 3, column 16: Expected double-quoted property name`);
  });

  it('refuses a userAgent with a line break (it would split the HTTP header)', () => {
    for (const ua of ['nianbao\r\nX-Evil: 1', 'nianbao\nx', 'nianbao\rx']) {
      expect(() => resolveConfig({ politeness: { userAgent: ua } }, 'c.json')).toThrow(/politeness\.userAgent: must not contain a line break/);
    }
    expect(resolveConfig({ politeness: { userAgent: 'nianbao/0.1 (+mailto:a@b.cn)' } }, 'c.json').politeness.userAgent).toBe('nianbao/0.1 (+mailto:a@b.cn)');
  });
});

describe('a configured agency never seen', () => {
  const candidate = (agency: string, year: number) => ({
    site_id: 'xinghe', agency, region: null, level: null, year, title: `${agency}${year}年政府信息公开工作年度报告`, url: `http://x/${year}`, published: null,
    documents: [], fingerprints: [], confidence: 'high' as const,
  });

  it('warns with the names found when every report names another agency', () => {
    const config = resolveConfig({ sites: [{ id: 'xinghe', agency: '星河县人民政府', startUrls: ['http://127.0.0.1:9/'] }] }, 'c.json');
    const site = new SiteRun(config.sites[0]!);
    expect(site.summary().warnings).toEqual([]);
    site.addCandidate(candidate('昇河镇人民政府', 2023) as never);
    site.addCandidate(candidate('昇河镇人民政府', 2022) as never);
    expect(site.summary().warnings).toEqual([
      "configured agency 星河县人民政府 never appears on site xinghe; its reports name 昇河镇人民政府 (2 reports): check the site's `agency` and `agencies` in the configuration",
    ]);
    site.addCandidate(candidate('星河县人民政府', 2023) as never);
    expect(site.summary().warnings).toEqual([]);
  });
});
