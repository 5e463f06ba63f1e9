/**
 * The Chinese words of the site: levels, statuses, checks, and the layout of the template's
 * tables (docs/REPORT_FORMAT.md). Row labels of table 3 come from load/dimensions.ts, the one
 * place they are kept.
 */
import { APPLICATION_ROW_LABELS } from '../load/dimensions.ts';

export const LEVEL_ZH: Record<string, string> = {
  national: '国家部委', province: '省级政府', city: '市级政府', county: '县级政府', department: '政府部门',
  township: '乡镇街道', zone: '开发区', unknown: '层级未知',
};
export const levelZh = (level: string | null | undefined): string => LEVEL_ZH[level ?? 'unknown'] ?? level ?? '层级未知';

/** Coverage cell statuses: code → label (the client uses the same codes). */
export const STATUS_ZH = {
  ontime: '按时发布',
  late: '逾期发布',
  undated: '已发布（日期不详）',
  missing: '未发布',
  notfound: '爬虫未找到',
  notdue: '未到期',
} as const;
export type Status = keyof typeof STATUS_ZH;

/** missing_reports.reason (ops branch): the reasons that mean the crawler could not look, and their words. */
export const REASON_ZH: Record<string, string> = {
  'site-not-crawled': '网站未抓取',
  'site-blocked': '网站拒绝访问（robots 或反爬）',
  'nothing-found-on-site': '网站上未找到任何年报',
  'other-years-found': '网站上有其他年度的年报，唯独缺本年度',
};
export const NOT_FOUND_REASONS = new Set(['site-not-crawled', 'site-blocked', 'nothing-found-on-site']);

export const CHECK_ZH: Record<string, string> = {
  'applications.balance': '表三收支平衡：本年新收 + 上年结转 = 办理总计 + 结转下年度',
  'applications.outcomes_sum': '表三办理结果合计：总计 = 各项办理结果之和',
  'applications.row_totals': '表三各行总计 = 各类申请人之和',
  'review_litigation.totals': '表四各组总计 = 维持 + 纠正 + 其他 + 尚未审结',
};
export const checkZh = (id: string): string => CHECK_ZH[id] ?? id;

export const APPLICANT_ZH = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
export const APPLICANT_KEYS = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other', 'total'];

/** Table 3's rows in printed order with their printed labels. */
export const APPLICATION_ROWS = APPLICATION_ROW_LABELS.map((r) => ({ key: r.key, group: r.group_key, label: r.label_zh }));
export const ROW_LABEL_ZH: Record<string, string> = Object.fromEntries(APPLICATION_ROW_LABELS.map((r) => [r.key, r.label_zh]));

export const PROCEEDINGS: [string, string][] = [
  ['review', '行政复议'],
  ['litigation_direct', '行政诉讼（未经复议直接起诉）'],
  ['litigation_after_review', '行政诉讼（复议后起诉）'],
];
export const OUTCOMES: [string, string][] = [
  ['upheld', '结果维持'], ['corrected', '结果纠正'], ['other', '其他结果'], ['pending', '尚未审结'], ['total', '总计'],
];

/** Table 2 as printed: blocks of rows sharing column headings, per template. */
export interface Table2Block {
  fields: [key: string, label: string][];
  rows: [key: string, label: string][];
}
const ITEM1 = '第二十条第（一）项';
export const TABLE2: Record<string, Table2Block[]> = {
  '2021': [
    { fields: [['issued', '本年制发件数'], ['repealed', '本年废止件数'], ['in_force', '现行有效件数']], rows: [['regulations', `${ITEM1} 规章`], ['normative_documents', `${ITEM1} 行政规范性文件`]] },
    { fields: [['decisions', '本年处理决定数量']], rows: [['licensing', '第二十条第（五）项 行政许可'], ['punishment', '第二十条第（六）项 行政处罚'], ['enforcement', '第二十条第（六）项 行政强制']] },
    { fields: [['amount_10k_yuan', '本年收费金额（单位：万元）']], rows: [['fees', '第二十条第（八）项 行政事业性收费']] },
  ],
  '2019': [
    { fields: [['made', '本年新制作数量'], ['published', '本年新公开数量'], ['published_total', '对外公开总数量']], rows: [['regulations', `${ITEM1} 规章`], ['normative_documents', `${ITEM1} 规范性文件`]] },
    {
      fields: [['items_prev_year', '上一年项目数量'], ['items_change', '本年增/减'], ['decisions', '处理决定数量']],
      rows: [['licensing', '第二十条第（五）项 行政许可'], ['other_services', '第二十条第（五）项 其他对外管理服务事项'], ['punishment', '第二十条第（六）项 行政处罚'], ['enforcement', '第二十条第（六）项 行政强制']],
    },
    { fields: [['items_prev_year', '上一年项目数量'], ['items_change', '本年增/减']], rows: [['fees', '第二十条第（八）项 行政事业性收费']] },
    { fields: [['projects', '采购项目数量'], ['amount', '采购总金额']], rows: [['procurement', '第二十条第（九）项 政府集中采购']] },
  ],
};

/** The series of an agency's outcome chart: application_volumes columns and their words. */
export const OUTCOME_SERIES: [string, string][] = [
  ['granted', '予以公开'], ['partially_granted', '部分公开'], ['denied', '不予公开'], ['unable_to_provide', '无法提供'], ['not_processed', '不予处理'], ['other', '其他处理'],
];

/**
 * Table 3's label columns as the template prints them: the part (一、… 四、), the outcome group
 * （一）…（七） and the numbered item, so a report page's table reads like the report's.
 */
export const T3_PRINTED: Record<string, { part: string; group?: string; item?: string }> = {
  new_received: { part: '一、本年新收政府信息公开申请数量' },
  carried_over: { part: '二、上年结转政府信息公开申请数量' },
  granted: { part: '三、本年度办理结果', group: '（一）予以公开' },
  partially_granted: { part: '三、本年度办理结果', group: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  denied_state_secret: { part: '三、本年度办理结果', group: '（三）不予公开', item: '1.属于国家秘密' },
  denied_prohibited_by_law: { part: '三、本年度办理结果', group: '（三）不予公开', item: '2.其他法律行政法规禁止公开' },
  denied_three_safeties: { part: '三、本年度办理结果', group: '（三）不予公开', item: '3.危及“三安全一稳定”' },
  denied_third_party: { part: '三、本年度办理结果', group: '（三）不予公开', item: '4.保护第三方合法权益' },
  denied_internal_affairs: { part: '三、本年度办理结果', group: '（三）不予公开', item: '5.属于三类内部事务信息' },
  denied_process_info: { part: '三、本年度办理结果', group: '（三）不予公开', item: '6.属于四类过程性信息' },
  denied_enforcement_file: { part: '三、本年度办理结果', group: '（三）不予公开', item: '7.属于行政执法案卷' },
  denied_query_matter: { part: '三、本年度办理结果', group: '（三）不予公开', item: '8.属于行政查询事项' },
  unable_not_held: { part: '三、本年度办理结果', group: '（四）无法提供', item: '1.本机关不掌握相关政府信息' },
  unable_needs_creation: { part: '三、本年度办理结果', group: '（四）无法提供', item: '2.没有现成信息需要另行制作' },
  unable_unclear: { part: '三、本年度办理结果', group: '（四）无法提供', item: '3.补正后申请内容仍不明确' },
  rejected_petition: { part: '三、本年度办理结果', group: '（五）不予处理', item: '1.信访举报投诉类申请' },
  rejected_duplicate: { part: '三、本年度办理结果', group: '（五）不予处理', item: '2.重复申请' },
  rejected_publication: { part: '三、本年度办理结果', group: '（五）不予处理', item: '3.要求提供公开出版物' },
  rejected_massive_repeat: { part: '三、本年度办理结果', group: '（五）不予处理', item: '4.无正当理由大量反复申请' },
  rejected_confirm_reissue: { part: '三、本年度办理结果', group: '（五）不予处理', item: '5.要求行政机关确认或重新出具已获取信息' },
  other_overdue_correction: { part: '三、本年度办理结果', group: '（六）其他处理', item: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  other_overdue_fee: { part: '三、本年度办理结果', group: '（六）其他处理', item: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  other_other: { part: '三、本年度办理结果', group: '（六）其他处理', item: '3.其他' },
  other: { part: '三、本年度办理结果', group: '（六）其他处理' },
  total_processed: { part: '三、本年度办理结果', group: '（七）总计' },
  carried_forward: { part: '四、结转下年度继续办理' },
};

/**
 * The label cells of each printed row of table 3 (rowspans over the rows present, colspans where
 * a row has no group or item), in the order given.
 */
export function t3LabelCells(keys: string[]): { text: string; rowspan: number; colspan: number }[][] {
  const p = keys.map((k) => T3_PRINTED[k] ?? { part: k });
  return p.map((r, i) => {
    const cells: { text: string; rowspan: number; colspan: number }[] = [];
    const run = (field: 'part' | 'group', value: string) => {
      let n = 1;
      while (i + n < p.length && p[i + n]![field] === value && (field === 'part' || p[i + n]!.part === r.part)) n++;
      return n;
    };
    const startsPart = i === 0 || p[i - 1]!.part !== r.part;
    const startsGroup = r.group !== undefined && (startsPart || p[i - 1]!.group !== r.group);
    if (r.group === undefined) cells.push({ text: r.part, rowspan: 1, colspan: 3 });
    else {
      if (startsPart) cells.push({ text: r.part, rowspan: run('part', r.part), colspan: 1 });
      if (r.item === undefined) cells.push({ text: r.group, rowspan: 1, colspan: 2 });
      else {
        if (startsGroup) cells.push({ text: r.group, rowspan: run('group', r.group), colspan: 1 });
        cells.push({ text: r.item, rowspan: 1, colspan: 1 });
      }
    }
    return cells;
  });
}
