/**
 * Reports of the years 2008–2018 (issue 9, class 5): the old 条例 (国务院令第492号) and no
 * national format, so no standard tables; the figures stand in sentences (共受理政府信息公开申请
 * 49件, 主动公开政府信息1234条, 行政复议2件). Each comes with its expected record:
 * `template: "freeform"`, the year, and only the figures the text states that have a key of
 * docs/REPORT_FORMAT.md's table 3 or table 4 — never a 2019/2021 table-2 key.
 *
 * Where the documents are silent, this file decides (and the README says so):
 * - `active_disclosure` is null: 主动公开政府信息N条 and the fee sentence have no key outside
 *   the template tables, and a freeform record may hold no table-2 key.
 * - A stated application figure fills the 总计 column of its row (index 6), and 自然人 (index 0)
 *   where the text gives that split; every other cell of the row is null (not printed).
 *   Rows the text does not state are absent.
 * - Mapped phrases: 共收到/受理…申请N件 → new_received; 上年结转N件 → carried_over;
 *   同意公开/予以公开 → granted; 同意部分公开/部分公开 → partially_granted; 信息不存在 →
 *   unable_not_held; 申请内容不明确 → unable_unclear; 重复申请 → rejected_duplicate;
 *   已办结/答复N件 → total_processed; 结转下年度办理 → carried_forward. 不予公开N件 (a group
 *   with no key of its own), 法人或其他组织申请N件 (five columns, not one) and 非本机关政府信息
 *   (no one key in the old sense) are printed but have no cell.
 * - 行政复议N件 → review.total, with 维持/纠正 where stated; 未经复议直接提起行政诉讼N件 →
 *   litigation_direct.total; 行政诉讼N件 without saying whether after review has no cell.
 *   A stated nothing is all zeros: 行政复议0件 (or 未发生…行政复议) makes every field of
 *   `review` 0; 行政诉讼0件 (or 未发生…行政诉讼) every field of both litigation groups.
 * - Every check is `ok: null` (no check runs on a freeform record).
 */
import type { GoldenRecord, SourceRecord } from './records.ts';
import { CHECK_IDS, agencyName, shortHash } from './records.ts';
import { rng } from './random.ts';
import { esc, htmlDocument } from './render-html.ts';

export interface FreeformReport {
  source: SourceRecord;
  /** The report's paragraphs (title first), as the agency wrote them. */
  paragraphs: { text: string; heading?: boolean }[];
}

const cn = ['一', '二', '三', '四', '五', '六', '七', '八'];

export function freeformReport(seed: string): FreeformReport {
  const r = rng(`freeform:${seed}`);
  const year = r.int(2008, 2018);
  const agency = agencyName(r);
  const title = `${agency}${year}年政府信息公开工作年度报告`;
  const received = r.chance(0.15) ? 0 : r.int(1, r.chance(0.3) ? 400 : 60);
  const carried = r.chance(0.3) ? r.int(1, 6) : 0;
  const forward = Math.min(received + carried, r.chance(0.35) ? r.int(1, 5) : 0);
  const done = received + carried - forward;
  // Outcomes of the finished requests.
  const split = (n: number, parts: number) => {
    const out = Array(parts).fill(0) as number[];
    for (let i = 0; i < n; i++) out[r.chance(0.55) ? 0 : r.int(0, parts - 1)]!++;
    return out;
  };
  const [granted, partial, denied, notExist, notOurs, unclear, duplicate] = split(done, 7) as [number, number, number, number, number, number, number];
  const natural = r.chance(0.5) ? r.int(0, received) : null;
  const review = r.chance(0.6) ? r.int(0, 5) : null;
  const reviewUpheld = review !== null && review > 0 && r.chance(0.5) ? r.int(0, review) : null;
  const litigation = r.chance(0.5) ? r.int(0, 3) : null;
  const litigationDirect = litigation !== null && r.chance(0.5);
  const proactive = r.int(80, 9000);
  const fee = r.chance(0.6) ? 0 : r.int(10, 2000);

  const apps: Record<string, (number | null)[]> = {};
  const put = (key: string, total: number, first: number | null = null) => (apps[key] = [first, null, null, null, null, null, total]);
  const paragraphs: FreeformReport['paragraphs'] = [{ text: title }];
  const para = (text: string) => paragraphs.push({ text });
  const head = (i: number, text: string) => paragraphs.push({ text: `${cn[i]}、${text}`, heading: true });

  para(`本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由${agency}编制的${year}年度政府信息公开工作年度报告。全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼的情况，政府信息公开工作存在的主要问题及改进情况，其他需要报告的事项。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`);
  head(0, '概述');
  para(`${year}年，${agency}认真贯彻落实《条例》，坚持“公开为原则、不公开为例外”，加强组织领导，完善工作制度，扎实推进政府信息公开工作。`);
  head(1, '主动公开政府信息情况');
  const web = Math.floor(proactive * 0.8);
  para(`${year}年，${agency}主动公开政府信息${proactive}条，其中通过门户网站公开${web}条，通过政务微博、微信等其他方式公开${proactive - web}条。公开内容主要包括机构职能、政策法规、规划计划、财政预决算、行政执法等信息。`);
  head(2, '依申请公开政府信息情况');
  const sentences: string[] = [];
  const verb = r.pick(['收到', '受理']);
  if (received === 0 && carried === 0) {
    sentences.push(`${year}年，${agency}共${verb}政府信息公开申请0件。`);
    put('new_received', 0);
  } else {
    let s = `${year}年，${agency}共${verb}政府信息公开申请${received}件`;
    if (natural !== null) s += `，其中自然人申请${natural}件、法人或其他组织申请${received - natural}件`;
    put('new_received', received, natural);
    if (carried) {
      s += `；上年结转${carried}件`;
      put('carried_over', carried);
    }
    sentences.push(`${s}。`);
    const outcomes: string[] = [];
    const state = (n: number, words: string, key: string | null) => {
      if (!n && r.chance(0.6)) return;
      outcomes.push(`${words}${n}件`);
      if (key) put(key, n);
    };
    state(granted, r.pick(['同意公开', '予以公开']), 'granted');
    state(partial, r.pick(['同意部分公开', '部分公开']), 'partially_granted');
    state(denied, '不予公开', null);
    state(notExist, '信息不存在', 'unable_not_held');
    state(notOurs, '非本机关政府信息', null);
    state(unclear, '申请内容不明确', 'unable_unclear');
    state(duplicate, '重复申请', 'rejected_duplicate');
    sentences.push(`截至${year}年12月31日，已办结${done}件${outcomes.length ? `，其中${outcomes.join('，')}` : ''}。`);
    put('total_processed', done);
    if (forward) {
      sentences.push(`另有${forward}件因在法定答复期限内，结转下年度办理。`);
      put('carried_forward', forward);
    }
  }
  para(sentences.join(''));
  head(3, '政府信息公开的收费及减免情况');
  para(fee ? `${year}年，${agency}在办理政府信息公开申请中收取检索、复制、邮寄等费用共计${fee}元。` : `${year}年，${agency}未收取政府信息公开相关费用，也未发生减免情况。`);
  head(4, '因政府信息公开申请行政复议、提起行政诉讼的情况');
  const rl: GoldenRecord['review_litigation'] = {};
  const zeros = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  const legal: string[] = [];
  if (review !== null) {
    legal.push(`${year}年，因政府信息公开申请被申请行政复议${review}件${reviewUpheld !== null ? `，其中维持原行政行为${reviewUpheld}件、纠正${review - reviewUpheld}件` : ''}`);
    // No review at all: every count of the group is 0.
    rl.review = review === 0 ? { ...zeros } : { upheld: reviewUpheld, corrected: reviewUpheld !== null ? review - reviewUpheld : null, other: null, pending: null, total: review };
  }
  if (litigation !== null) {
    legal.push(litigationDirect ? `未经复议直接提起行政诉讼${litigation}件` : `被提起行政诉讼${litigation}件`);
    if (litigation === 0) {
      rl.litigation_direct = { ...zeros };
      if (!litigationDirect) rl.litigation_after_review = { ...zeros };
    } else if (litigationDirect) rl.litigation_direct = { upheld: null, corrected: null, other: null, pending: null, total: litigation };
  }
  const inWords: number[] = [];
  if (!legal.length) {
    // "No review and no suit": every count of table 4 is 0, said in words.
    for (const g of ['review', 'litigation_direct', 'litigation_after_review'] as const) rl[g] = { ...zeros };
    inWords.push(...Array(15).fill(0));
  } else {
    // 行政复议0件: the other four counts of the group are 0 by what the sentence says.
    if (review === 0) inWords.push(0, 0, 0, 0);
    if (litigation === 0) inWords.push(...Array(litigationDirect ? 4 : 9).fill(0));
  }
  para(legal.length ? `${legal.join('；')}。` : `${year}年，${agency}未发生因政府信息公开申请引起的行政复议和行政诉讼情况。`);
  head(5, '政府信息公开工作存在的主要问题及改进情况');
  para(`${agency}政府信息公开工作虽然取得了一定成效，但也存在公开内容不够全面、更新不够及时等问题。下一步，将进一步健全工作机制，加强业务培训，不断提高政府信息公开工作水平。`);
  head(6, '其他需要报告的事项');
  para('无。');

  const record: GoldenRecord = {
    schema: 'govreport/1',
    source: { uri: '', format: 'html' },
    title,
    agency,
    year,
    template: 'freeform',
    active_disclosure: null,
    applications: apps,
    review_litigation: Object.keys(rl).length ? rl : null,
    checks: CHECK_IDS.map((id) => ({ id, ok: null })),
    warnings: [],
  };
  const name = `freeform-${year}-${shortHash(seed)}`;
  return { source: { name, kind: 'freeform', record, traits: ['freeform', String(year)], inWords }, paragraphs };
}

/** The report as a web page or a page to print. */
export function freeformHtml(report: FreeformReport, font: string, bodyPt: number, marginMm: number): string {
  const [title, ...rest] = report.paragraphs;
  const parts = [`<h1>${esc(title!.text)}</h1>`, ...rest.map((p) => (p.heading ? `<h3>${esc(p.text)}</h3>` : `<p>${esc(p.text)}</p>`))];
  const style = [`@page { size: 21cm 29.7cm; margin: ${marginMm}mm }`, `body { font-family: ${font}; font-size: ${bodyPt}pt; line-height: 1.6 }`, `h1 { text-align: center; font-size: ${bodyPt + 6}pt }`, `h3 { font-size: ${bodyPt}pt }`, 'p { text-indent: 2em }'].join('\n');
  return htmlDocument(title!.text, style, parts);
}

/** The report as the plain text a site shows or a person copies. */
export function freeformText(report: FreeformReport, indent: string): string {
  return report.paragraphs.map((p, i) => (i === 0 || p.heading ? p.text : `${indent}${p.text}`)).join('\n') + '\n';
}
