/**
 * N generated TRS-like county sites for scale runs, deterministic from their index: a place name,
 * 2–4 reporting years with one report each (numbers from record-generator, so every check
 * passes; 2020 in the 2019 template), a report column slug from docs/SITES.md §0, and pagination on
 * every seventh site. Shape 'county' gives each site a real county column instead: the county
 * government's and twelve departments' reports for three years, fifteen to a page. Pages render on first request and are cached, so 1,000 sites start in about
 * a second. Up to `portLimit` sites get their own port; the rest share one server under `/s/<n>/`.
 */
import { articlePage } from './article.ts';
import { SampleHost, utf8, type HostOptions } from './host.ts';
import { columnIndex, DECOY_COLUMNS, shell, type Link, type ListItem } from './page.ts';
import { generateRecord } from './record-generator.ts';
import { renderReportBody } from './render-report.ts';
import { trsName, yyyymm } from './site-build.ts';
import { CREATE_PAGE_HTML, trsColumnPages } from './sites/trs-column.ts';
import type { ExpectedReport, SampleSite } from './types.ts';

const PLACE_HEADS = ['东', '西', '南', '北', '青', '白', '金', '石', '永', '安', '长', '新', '平', '兴', '宁', '临', '清', '华', '云', '龙'];
const PLACE_TAILS = ['阳', '川', '山', '河', '城', '江', '林', '源', '丰', '泉', '溪', '湖', '岭', '水', '田', '陵', '昌', '安', '州', '原'];
const SLUGS = ['zfxxgknb', 'xxgknb', 'gknb', 'nb', 'ndbg', 'xxgkndbg', 'gkndbg', 'zfxxgkgzndbg'];
const COLUMN_NAMES = ['政府信息公开年报', '政府信息公开工作年度报告', '年度报告', '信息公开年报'];
const LAST_YEAR = 2023;
const PAGE_SIZE = 2;
/** Departments of a county-shaped synthetic site (their reports share the county's column). */
const COUNTY_DEPARTMENTS = ['发展和改革局', '教育局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '住房和城乡建设局', '交通运输局', '农业农村局', '卫生健康局'];
const COUNTY_YEARS = [2021, 2022, 2023];
/** Items per list page of a county column, as TRS columns commonly show. */
const COUNTY_PAGE_SIZE = 15;

export type SyntheticShape = 'town' | 'county';
const LISTEN_BATCH = 100;

/** A synthetic site's name: two characters from the lists, plus a number past 400 sites. */
export function syntheticPlace(i: number): string {
  const head = PLACE_HEADS[i % PLACE_HEADS.length]!;
  const tail = PLACE_TAILS[Math.floor(i / PLACE_HEADS.length) % PLACE_TAILS.length]!;
  const round = Math.floor(i / (PLACE_HEADS.length * PLACE_TAILS.length));
  return `${head}${tail}${round ? `第${round + 1}` : ''}县`;
}

export class SyntheticWeb {
  private constructor(
    readonly sites: SampleSite[],
    private readonly reports: ExpectedReport[],
    private readonly hosts: SampleHost[],
    readonly sharedHost: string | null,
  ) {}

  /** `basePort` 0: every host takes a free port; otherwise consecutive ports from it. */
  static async start(n: number, opts: HostOptions & { portLimit: number; basePort: number; shape?: SyntheticShape }): Promise<SyntheticWeb> {
    const own = Math.min(n, opts.portLimit);
    const hosts = Array.from({ length: own }, (_, i) => new SampleHost(`synthetic-${i}`, opts));
    const shared = n > own ? new SampleHost('synthetic-shared', opts) : null;
    const all = shared ? [...hosts, shared] : hosts;
    try {
      for (let k = 0; k < all.length; k += LISTEN_BATCH) {
        await Promise.all(all.slice(k, k + LISTEN_BATCH).map((h, j) => h.listen(opts.basePort ? opts.basePort + k + j : 0)));
      }
    } catch (err) {
      await Promise.all(all.map((h) => h.close()));
      throw err;
    }
    const sites: SampleSite[] = [];
    const reports: ExpectedReport[] = [];
    for (let i = 0; i < n; i++) {
      const host = i < own ? hosts[i]! : shared!;
      const prefix = i < own ? '' : `/s/${i}`;
      const built = buildSyntheticSite(i, host, prefix, opts.shape ?? 'town');
      sites.push(built.site);
      reports.push(...built.reports);
    }
    return new SyntheticWeb(sites, reports, all, shared?.host ?? null);
  }

  expected(): ExpectedReport[] {
    return this.reports;
  }

  async close(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.close()));
  }
}

const lazy = (render: () => string) => {
  let bytes: Uint8Array | undefined;
  return () => (bytes ??= utf8(render()));
};

function buildSyntheticSite(i: number, host: SampleHost, prefix: string, shape: SyntheticShape): { site: SampleSite; reports: ExpectedReport[] } {
  const place = syntheticPlace(i);
  const agency = `${place}人民政府`;
  const id = `synthetic-${String(i).padStart(4, '0')}`;
  const slug = SLUGS[i % SLUGS.length]!;
  const columnName = COLUMN_NAMES[i % COLUMN_NAMES.length]!;
  const count = 2 + (i % 3);
  const county = shape === 'county';
  const units = county ? [{ name: agency, level: 'county' as const }, ...COUNTY_DEPARTMENTS.map((d) => ({ name: `${place}${d}`, level: 'department' as const }))] : [{ name: agency, level: 'county' as const }];
  const years = county ? COUNTY_YEARS : Array.from({ length: count }, (_, k) => LAST_YEAR - count + 1 + k);
  const publications = units.flatMap((unit, u) => years.map((year, k) => ({ unit, year, k: u * years.length + k })));
  const nav: Link[] = [{ href: `${prefix}/`, text: '首页' }, { href: `${prefix}/zwgk/`, text: '政务公开' }];
  const dir = `${prefix}/zwgk/${slug}/`;
  const crumbs = [{ href: `${prefix}/zwgk/`, text: '政务公开' }, { href: dir, text: columnName }];
  const put = (path: string, render: () => string) => host.put(path, { body: lazy(render), contentType: 'text/html; charset=utf-8' });

  put(`${prefix}/`, () => shell({ title: agency, siteName: agency, nav, homeHref: `${prefix}/`, main: `<a href="${prefix}/zwgk/">政务公开</a>` }));
  put(`${prefix}/zwgk/`, () => shell({ title: '政务公开', siteName: agency, nav, homeHref: `${prefix}/`, breadcrumb: ['政务公开'], main: columnIndex([...DECOY_COLUMNS.slice(0, 3).map((c) => ({ href: `${prefix}/zwgk/${c.slug}/`, text: c.text })), { href: dir, text: columnName }]) }));

  const reports: ExpectedReport[] = [];
  const items: ListItem[] = publications.map(({ unit, year, k }) => {
    const date = `${year + 1}-0${1 + (i % 3)}-${String(10 + ((i + k) % 18)).padStart(2, '0')}`;
    const title = `${unit.name}${year}年政府信息公开工作年度报告`;
    const path = `${dir}${yyyymm(date)}/${trsName(date, 1000 + i * 100 + k)}`;
    const url = host.url(path);
    const record = generateRecord(`${id}-${unit.name}-${year}`, { agency: unit.name, year, title, uri: url, format: 'html', size: 'small' });
    put(path, () => articlePage({
      siteName: agency, nav, breadcrumb: crumbs, homeHref: `${prefix}/`, title, publisher: unit.name, date, indexNo: `syn${i}/${year + 1}-${String(k).padStart(5, '0')}`,
      columnName, metaStyle: 'trs', bodyStyle: 'trs', body: renderReportBody(record, { siteName: agency }),
    }));
    reports.push({ siteId: id, agency: unit.name, year, title, detailUrl: url, documentUrls: [url], version: 1, current: true, published: date, numbersIn: url, record });
    return { href: `./${path.slice(dir.length)}`, title, date };
  }).sort((a, b) => b.date.localeCompare(a.date));
  // A county column shows fifteen to a page; of the town sites every seventh pages its list two
  // at a time, the others fit on one page.
  const perPage = county ? COUNTY_PAGE_SIZE : i % 7 === 0 ? PAGE_SIZE : items.length;
  for (const p of trsColumnPages(items, perPage)) {
    const render = () => shell({ title: columnName, siteName: agency, nav, homeHref: `${prefix}/`, breadcrumb: crumbs, head: `<script>${CREATE_PAGE_HTML}</script>`, main: `${p.list}\n${p.pager}` });
    put(`${dir}${p.file}`, render);
    if (p.file === 'index.html') put(dir, render);
  }
  const site: SampleSite = {
    id, agency, region: '合成省', level: 'county', archetype: 'synthetic',
    description: `generated TRS-like ${shape} site ${i}: ${items.length} reports, column ${slug}${perPage < items.length ? ', paginated' : ''}${prefix ? `, shared host under ${prefix}/` : ''}`,
    startUrls: [host.url(`${prefix}/`)], allowedHosts: [host.host],
    agencies: units, expectedYears: [2021, 2022, 2023],
  };
  return { site, reports };
}
