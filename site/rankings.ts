/**
 * The rankings page's tables. Each is one query on the views, printed on the page as run (the
 * year written in), so a reader can paste it into `duckdb -readonly data/nianbao.duckdb` or
 * `nianbao query` and get the same rows.
 */
import type { Database, Row } from '../load/db.ts';

export interface Ranking {
  id: string;
  title: string;
  note: string;
  sql: string;
  /** Column → Chinese heading, in display order; `agency` links to the agency page. */
  columns: [string, string][];
  rows: Row[];
}

/** Fewest received applications for a grant rate to be ranked (a rate of 1 application says little). */
export const MIN_RECEIVED_FOR_RATE = 20;
const LIMIT = 20;

export async function rankings(db: Database): Promise<{ year: number | null; tables: Ranking[] }> {
  const year = await db.value<number>('SELECT max(year) FROM application_volumes WHERE received IS NOT NULL');
  const y = year === null ? 'NULL' : String(Math.trunc(year));
  const defs: Omit<Ranking, 'rows'>[] = [
    {
      id: 'most-applications',
      title: `${y}年度收到申请最多的机关`,
      note: '本年新收政府信息公开申请数量（表三总计列）。',
      sql: `SELECT agency, region, level, received, total_processed
FROM application_volumes
WHERE year = ${y} AND received IS NOT NULL
ORDER BY received DESC, agency
LIMIT ${LIMIT}`,
      columns: [['agency', '机关'], ['region', '地区'], ['received', '新收申请'], ['total_processed', '办理总计']],
    },
    {
      id: 'lowest-grant-rate',
      title: `${y}年度予以公开比例最低的机关（新收申请不少于 ${MIN_RECEIVED_FOR_RATE} 件）`,
      note: '予以公开比例 = 予以公开 ÷ 办理总计；部分公开不计入。',
      sql: `SELECT agency, region, level, received, granted, total_processed, grant_rate
FROM application_volumes
WHERE year = ${y} AND received >= ${MIN_RECEIVED_FOR_RATE} AND grant_rate IS NOT NULL
ORDER BY grant_rate, received DESC, agency
LIMIT ${LIMIT}`,
      columns: [['agency', '机关'], ['region', '地区'], ['received', '新收申请'], ['granted', '予以公开'], ['total_processed', '办理总计'], ['grant_rate', '予以公开比例']],
    },
    {
      id: 'most-sued',
      title: `${y}年度被提起行政诉讼最多的机关`,
      note: '行政诉讼总计：未经复议直接起诉与复议后起诉之和（表四）。',
      sql: `SELECT agency, region, level, sum(total)::INTEGER AS lawsuits
FROM litigation
WHERE year = ${y} AND proceeding IN ('litigation_direct', 'litigation_after_review')
GROUP BY agency, region, level
HAVING sum(total) > 0
ORDER BY lawsuits DESC, agency
LIMIT ${LIMIT}`,
      columns: [['agency', '机关'], ['region', '地区'], ['lawsuits', '行政诉讼']],
    },
    {
      id: 'most-failed-checks',
      title: '勾稽校验未通过最多的机关（所有年度）',
      note: '每份现行报告每项未通过的校验计一次。',
      sql: `SELECT agency, region, level, count(*)::INTEGER AS failed_checks, count(DISTINCT year)::INTEGER AS years
FROM failed_checks
GROUP BY agency, region, level
ORDER BY failed_checks DESC, agency
LIMIT ${LIMIT}`,
      columns: [['agency', '机关'], ['region', '地区'], ['failed_checks', '未通过校验'], ['years', '涉及年度数']],
    },
  ];
  const tables: Ranking[] = [];
  for (const d of defs) tables.push({ ...d, rows: year === null && d.id !== 'most-failed-checks' ? [] : await db.all(d.sql) });
  return { year, tables };
}
