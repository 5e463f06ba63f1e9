/**
 * Issue 16, smaller items: a crawl killed with SIGKILL while Chromium renders leaves its Chromium
 * profile folder (`nianbao-chromium-*`) and, for a while, Chromium's processes. The next crawl,
 * before it launches its own browser, kills the process groups running on the dead crawl's
 * folders and removes them; a live crawl's folder is left alone.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PROFILE_PREFIX, chromiumProcessesMentioning, makeChromiumProfile, reapStaleChromium } from '../../crawlers/browser-leftovers.ts';
import { html, startHostileSite } from './support/hostile-site.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'nianbao-hostile-chromium-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function until(what: string, pred: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the next crawl reaps the Chromium of a crawl killed with SIGKILL', () => {
  it('kills the dead crawl’s Chromium process groups and removes its profile; keeps a live one', async () => {
    // A list page that renders forever (it polls), so Chromium is busy when the crawl is killed.
    const site = await startHostileSite((path) => {
      if (path === '/') return { body: html('县政府', '<a href="/xxgk/zfxxgknb/">政府信息公开年报</a>') };
      if (path === '/xxgk/zfxxgknb/') return { body: html('政府信息公开年报', "<div id='l'></div><script>setInterval(() => fetch('/poll?' + Date.now()), 50);</script>") };
      if (path.startsWith('/poll')) return { type: 'application/json', body: '{}' };
      return null;
    });
    const tmp = join(base, 'tmp');
    mkdirSync(tmp);
    const config = { sites: [{ id: 'slow', agency: '县政府', startUrls: [`${site.origin}/`], render: 'browser' }], politeness: { delayMs: 0, maxRequestsPerMinute: 0 }, paths: { dataDir: join(base, 'data') } };
    const configFile = join(base, 'config.json');
    writeFileSync(configFile, JSON.stringify(config));
    const code = `import { readFileSync } from 'node:fs';
      import { resolveConfig } from ${JSON.stringify(join(ROOT, 'config/schema.ts'))};
      import { crawl } from ${JSON.stringify(join(ROOT, 'crawlers/index.ts'))};
      await crawl(resolveConfig(JSON.parse(readFileSync(${JSON.stringify(configFile)}, 'utf8')), 'config'));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    try {
      const profiles = () => readdirSync(tmp).filter((n) => n.startsWith(CHROMIUM_PROFILE_PREFIX)).map((n) => join(tmp, n));
      // Chromium runs a renderer on the crawl's profile: the list page is being rendered.
      await until('Chromium to render', () => profiles().some((p) => chromiumProcessesMentioning(p).length > 1) && site.requests.some((r) => r.startsWith('GET /poll')));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const left = profiles();
      expect(left.length).toBeGreaterThan(0);

      // A live crawl's profile (this process's) is not touched.
      const live = await makeChromiumProfile(tmp);
      const removed = await reapStaleChromium(tmp);
      expect(removed.sort()).toEqual(left.sort());
      expect(profiles()).toEqual([live]);
      for (const p of left) expect(chromiumProcessesMentioning(p)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await site.close();
    }
  }, 300_000);
});
