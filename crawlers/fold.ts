/**
 * Text folded for comparison (titles, agency names, report phrases), never for storage.
 * Sites print the same words as fullwidth or ASCII, with spaces and line breaks inside
 * ("2021 年", "高平市人民政府办公室\n2023年…"), and Hanweb sites serve a 繁體 variant from a cookie;
 * folding makes one spelling of each.
 */

/**
 * Traditional → simplified for the characters of report titles, agency names and the report's
 * own phrases (政府信息公開工作年度報告, 縣農業農村局, 管理委員會 …). Not a general converter: a
 * character missing here only makes a 繁體 agency name fall back to the name read from the page.
 */
const T2S_PAIRS =
  '開开報报縣县區区鄉乡鎮镇辦办處处農农業业務务資资訊讯關关於于會会員员發发經经濟济學学衛卫環环護护與与醫医療疗廳厅財财稅税審审計计統统廣广東东電电視视書书記记黨党' +
  '組组織织軟软體体現现實实際际機机構构類类總总結结條条項项數数據据係系檢检請请復复議议訟讼訴诉見见門门戶户網网頁页碼码單单級级齡龄國国獎奖勵励劃划規规範范製制傳传' +
  '遞递設设備备場场產产車车間间廠厂礦矿權权證证監监應应災灾險险溝沟運运輸输鐵铁橋桥樑梁漁渔獸兽種种養养園园藝艺氣气質质測测驗验標标準准畫画圖图館馆術术職职稱称補补' +
  '貼贴費费額额幣币價价錢钱購购買买賣卖銷销貸贷帳帐賬账許许預预決决彙汇滙汇匯汇編编輯辑錄录維维營营動动態态熱热線线問问題题對对點点擊击閱阅讀读瀏浏覽览載载';
const T2S = new Map<string, string>();
for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) T2S.set(T2S_PAIRS[i]!, T2S_PAIRS[i + 1]!);
const T2S_CHARS = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');

/** The two circles printed for 〇 in years (二○二三 uses U+25CB WHITE CIRCLE). */
const ZERO_LOOKALIKES = /[○◯]/g;

/**
 * Folds text for matching: NFKC (fullwidth digits and brackets → ASCII), every kind of white
 * space removed, 繁體 → 简体 for the characters above, ○ → 〇, and the bracket and quote
 * variants reduced to one each.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(ZERO_LOOKALIKES, '〇')
    .replace(/[〔【\[［]/g, '(')
    .replace(/[〕】\]］]/g, ')')
    .replace(/[“”「」『』"'‘’《》〈〉]/g, '')
    .replace(T2S_CHARS, (c) => T2S.get(c)!);
}
