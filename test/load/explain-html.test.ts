/**
 * `nianbao explain --html` (issue 12): the page is opened in Chromium, a screenshot taken, and
 * every figure's box is on the rendered PDF page, where the number is: the box of 本年新收 总计
 * (95) sits over red pixels drawn on the page image, and its place in the page matches the
 * PDF points the cells table holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserLaunchOptions } from '../../crawlers/browser.ts';
import { Database } from '../../load/db.ts';
import { explainReport, type Explained } from '../../load/explain.ts';
import { writeExplainHtml } from '../../load/explain-html.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { corpusDir } from '../support/corpus.ts';
import { buildWarehouse } from '../support/explain-warehouse.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir('explain-html');
let e: Explained;

beforeAll(async () => {
  await buildWarehouse(dir, [{ path: join(corpusDir('real'), 'hongze-2024.pdf'), site_id: 'hz', agency: '洪泽区人民政府', year: 2024, level: 'county', url: 'http://hz.test/2024.pdf', format: 'pdf' }]);
  const db = await Database.open(databasePath(dir), { readOnly: true });
  try {
    e = await explainReport(db, { agency: '洪泽区人民政府', year: 2024 }, rawStoreDir(dir));
  } finally {
    db.close();
  }
});

describe('explain --html', () => {
  let html = '';

  it('writes a page with the PDF pages rendered and a box for every figure with a place', async () => {
    const file = join(dir, 'explain.html');
    const pages = await writeExplainHtml(e, file);
    const placed = e.cells.filter((c) => c.page !== null && c.box);
    expect(pages).toBe(new Set(placed.map((c) => c.page)).size);
    html = readFileSync(file, 'utf8');
    expect(html.match(/class="cell"/g)).toHaveLength(placed.length);

    const browser = await chromium.launch(browserLaunchOptions());
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
      await page.goto(`file://${file}`);
      const key = 'applications.new_received[6]';
      const cell = e.cells.find((c) => c.key === key)!;
      const figure = page.locator(`#page-${cell.page}`);
      const box = page.locator(`.cell[data-key="${key}"]`);
      await box.scrollIntoViewIfNeeded();
      const [fig, b] = [await figure.boundingBox(), await box.boundingBox()];
      // The drawn box stands where the cells table says, in points from the page's top-left corner.
      expect(Math.abs(b!.x - fig!.x - 1 - cell.box![0])).toBeLessThan(2);
      expect(Math.abs(b!.y - fig!.y - 1 - cell.box![1])).toBeLessThan(2);
      expect(Math.abs(b!.width - (cell.box![2] - cell.box![0]))).toBeLessThan(2);
      // The page image is loaded and the screenshot of the box shows the red frame around the number's ink.
      expect(await page.locator(`#page-${cell.page} img`).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const shot = join(dir, 'cell.png');
      await box.screenshot({ path: shot });
      expect(existsSync(shot)).toBe(true);
      const pixels = await page.evaluate(async ({ src }) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, img.width, img.height).data;
        let red = 0;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i]! > 150 && d[i + 1]! < 90 && d[i + 2]! < 90) red++;
          else if (d[i]! < 100 && d[i + 1]! < 100 && d[i + 2]! < 100) dark++;
        }
        return { red, dark };
      }, { src: `data:image/png;base64,${readFileSync(shot).toString('base64')}` });
      expect(pixels.red).toBeGreaterThan(20); // the frame
      expect(pixels.dark).toBeGreaterThan(5); // the printed 95 inside it
    } finally {
      await browser.close();
    }
  });

  it('escapes the document text it shows', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('本年新收政府信息公开申请数量');
  });
});
