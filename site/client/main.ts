/**
 * The site's client script (bundled by site/bundle.ts with esbuild into assets/site.js): the
 * coverage table's filters, sort, counts and CSV download; the agency search; the charts
 * (Apache ECharts, SVG renderer). Data comes from script files (data/*.js) and inline JSON, never
 * from fetch(), so the site works from file://. Text goes into the page with textContent only.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Status = 'ontime' | 'late' | 'undated' | 'missing' | 'notfound' | 'notdue';
/** status, days, report page, expected (1/0), reason in words */
type CellData = [Status, number | null, string | null, 0 | 1, string | null] | 0;
type CoverageRow = [name: string, region: string, level: string, href: string, cells: CellData[]];
interface Coverage {
  asOf: string;
  years: number[];
  statuses: Record<Status, string>;
  levels: Record<string, string>;
  rows: CoverageRow[];
}
interface ChartSpec {
  id: string;
  title: string;
  kind: 'line' | 'bar';
  stacked: boolean;
  years: number[];
  series: { name: string; data: (number | null)[] }[];
  description: string;
}

declare global {
  interface Window {
    NIANBAO_COVERAGE?: Coverage;
    NIANBAO_SEARCH?: [name: string, region: string, level: string, href: string][];
    nianbaoCharts?: Record<string, echarts.ECharts>;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

// ---------------------------------------------------------------- coverage

/** One collator for every comparison (localeCompare with a locale builds one per call). */
const collate = new Intl.Collator('zh-CN').compare;

const STATUS_RANK: Record<Status, number> = { notfound: 0, missing: 1, late: 2, undated: 3, ontime: 4, notdue: 5 };

export function cellText(c: CellData, statuses: Record<Status, string>): string {
  if (!c) return '—';
  const [s, days] = c;
  if (s === 'late') return `逾期 ${days} 天`;
  if (s === 'missing') return `未发布（逾期 ${days} 天）`;
  return statuses[s];
}

function coverage(): void {
  const data = window.NIANBAO_COVERAGE;
  const table = $<HTMLTableElement>('coverage-table');
  if (!data || !table) return;
  const region = $<HTMLSelectElement>('f-region')!;
  const level = $<HTMLSelectElement>('f-level')!;
  const year = $<HTMLSelectElement>('f-year')!;
  const counts = $<HTMLUListElement>('counts')!;
  const shown = $<HTMLParagraphElement>('shown')!;
  let sort: { key: string; dir: 1 | -1 } = { key: 'agency', dir: 1 };
  let current: { years: number[]; rows: CoverageRow[] } = { years: data.years, rows: data.rows };

  const sortValue = (r: CoverageRow, key: string): [number, number | string] => {
    if (key === 'agency') return [0, r[0]];
    if (key === 'region') return [0, r[1]];
    if (key === 'level') return [0, data.levels[r[2]] ?? r[2]];
    const c = r[4][data.years.indexOf(Number(key.slice(2)))];
    if (!c) return [9, 0];
    return [STATUS_RANK[c[0]], -(c[1] ?? 0)];
  };

  const render = () => {
    const y = year.value ? Number(year.value) : null;
    const years = y === null ? data.years : [y];
    const yi = years.map((v) => data.years.indexOf(v));
    const rows = data.rows.filter((r) => (!region.value || r[1] === region.value) && (!level.value || r[2] === level.value) && yi.some((i) => r[4][i]));
    rows.sort((a, b) => {
      const [ra, va] = sortValue(a, sort.key);
      const [rb, vb] = sortValue(b, sort.key);
      const c = ra - rb || (typeof va === 'string' ? collate(va, vb as string) : (va as number) - (vb as number));
      return (c || collate(a[0], b[0])) * sort.dir;
    });
    current = { years, rows };

    // counts: one line per year shown
    counts.replaceChildren(
      ...years.map((yy, k) => {
        const cells = rows.map((r) => r[4][yi[k]!]).filter((c): c is Exclude<CellData, 0> => !!c);
        const n = (f: (c: Exclude<CellData, 0>) => boolean) => cells.filter(f).length;
        const expected = n((c) => c[3] === 1);
        const reported = n((c) => c[3] === 1 && (c[0] === 'ontime' || c[0] === 'late' || c[0] === 'undated'));
        const late = n((c) => c[0] === 'late');
        const missing = n((c) => c[0] === 'missing' || c[0] === 'notfound');
        const notfound = n((c) => c[0] === 'notfound');
        const notdue = n((c) => c[0] === 'notdue');
        const li = el('li', `${yy}年度：应发布 ${expected} 家，已发布 ${reported}，逾期 ${late}，未发布 ${missing}${notfound ? `（其中爬虫未找到 ${notfound}）` : ''}，未到期 ${notdue}`);
        li.dataset.year = String(yy);
        Object.assign(li.dataset, { expected, reported, late, missing, notfound, notdue });
        return li;
      }),
    );

    // header
    const head = el('tr');
    const th = (key: string, label: string) => {
      const cell = el('th', undefined, { scope: 'col' });
      cell.setAttribute('aria-sort', sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none');
      const b = el('button', label, { type: 'button', 'data-sort': key });
      b.addEventListener('click', () => {
        sort = { key, dir: sort.key === key ? ((-sort.dir) as 1 | -1) : 1 };
        render();
        (table.querySelector(`button[data-sort="${key}"]`) as HTMLButtonElement | null)?.focus();
      });
      cell.append(b);
      return cell;
    };
    head.append(th('agency', '机关'), th('region', '地区'), th('level', '层级'), ...years.map((yy) => th(`y:${yy}`, `${yy}年度`)));
    table.tHead!.replaceChildren(head);

    // body
    const body = document.createDocumentFragment();
    for (const r of rows) {
      const tr = el('tr');
      const name = el('th', undefined, { scope: 'row' });
      name.append(el('a', r[0], { href: r[3] }));
      tr.append(name, el('td', r[1]), el('td', data.levels[r[2]] ?? r[2]));
      for (const i of yi) {
        const c = r[4][i]!;
        const td = el('td');
        if (c) {
          td.className = `s-${c[0]}${c[3] ? '' : ' unlisted'}`;
          if (c[2]) td.append(el('a', cellText(c, data.statuses), { href: c[2] }));
          else td.textContent = cellText(c, data.statuses);
          if (c[4]) td.title = c[4];
        } else td.textContent = '—';
        tr.append(td);
      }
      body.append(tr);
    }
    table.tBodies[0]!.replaceChildren(body);
    shown.textContent = `显示 ${rows.length} / ${data.rows.length} 个机关`;
  };

  for (const s of [region, level, year]) s.addEventListener('change', render);
  $<HTMLButtonElement>('csv')!.addEventListener('click', () => {
    const { years, rows } = current;
    const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [['机关', '地区', '层级', ...years.map((y) => `${y}年度`)]];
    for (const r of rows) lines.push([r[0], r[1], data.levels[r[2]] ?? r[2], ...years.map((y) => cellText(r[4][data.years.indexOf(y)]!, data.statuses))]);
    const csv = '\ufeff' + lines.map((l) => l.map(q).join(',')).join('\r\n') + '\r\n';
    const a = el('a', undefined, { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })), download: `coverage-${data.asOf}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
  });
  render();
}

// ---------------------------------------------------------------- search

function search(): void {
  const index = window.NIANBAO_SEARCH;
  const input = $<HTMLInputElement>('q');
  const list = $<HTMLUListElement>('results');
  const status = $<HTMLParagraphElement>('search-status');
  if (!index || !input || !list || !status) return;
  const LIMIT = 100;
  const run = () => {
    const q = input.value.trim().toLowerCase();
    if (!q) {
      list.replaceChildren();
      status.textContent = `共 ${index.length} 个机关，输入名称或地区查找。`;
      return;
    }
    const hits = index.filter(([name, region]) => name.toLowerCase().includes(q) || region.toLowerCase().includes(q));
    list.replaceChildren(
      ...hits.slice(0, LIMIT).map(([name, region, level, href]) => {
        const li = el('li');
        li.append(el('a', name, { href }), el('span', ` ${region} · ${level}`, { class: 'meta' }));
        return li;
      }),
    );
    status.textContent = hits.length > LIMIT ? `找到 ${hits.length} 个机关，显示前 ${LIMIT} 个。` : `找到 ${hits.length} 个机关。`;
  };
  input.value = new URLSearchParams(location.search).get('q') ?? '';
  input.addEventListener('input', run);
  run();
}

// ---------------------------------------------------------------- charts

function charts(): void {
  window.nianbaoCharts = {};
  for (const fig of document.querySelectorAll<HTMLElement>('figure.chart')) {
    const spec = JSON.parse(fig.querySelector('script[type="application/json"]')!.textContent!) as ChartSpec;
    const box = fig.querySelector<HTMLElement>('.chart-canvas')!;
    const chart = echarts.init(box, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      // the description the page wrote (years and values in words), not ECharts' generic one
      aria: { enabled: true, label: { description: spec.description } },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: spec.years.map((y) => `${y}`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: spec.series.map((s) => ({ name: s.name, type: spec.kind, data: s.data, stack: spec.stacked ? 'total' : undefined, connectNulls: false })),
    });
    window.nianbaoCharts[spec.id] = chart;
  }
}

const page = document.body.dataset.page;
if (page === 'coverage') coverage();
if (page === 'search') search();
if (document.querySelector('figure.chart')) charts();
