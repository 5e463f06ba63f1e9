/**
 * Kangxi radicals (U+2F00–U+2FD5) and CJK Radicals Supplement (U+2E80–U+2EF3) back to the
 * ideographs they look like. Fonts such as Noto CJK share one glyph between a radical and its
 * ideograph, and PDFs printed with them (Chromium, LibreOffice) may map the glyph to the
 * radical: 生 comes out as ⽣ (U+2F63), 长 as ⻓ (U+2ED3). NFKC knows the Kangxi block but only
 * two code points of the supplement, and NFKC on a whole string would also turn fullwidth
 * punctuation （一） into ASCII, which the report's labels keep; so only these two blocks are mapped.
 */

/** The supplement's radicals that stand for an ideograph of their own (simplified forms and variants). */
const SUPPLEMENT: Record<string, string> = {
  '⺁': '厂', '⺇': '几', '⺊': '卜', '⺌': '小', '⺎': '兀', '⺐': '尢', '⺒': '巳', '⺓': '幺',
  '⺔': '彑', '⺖': '忄', '⺗': '心', '⺘': '扌', '⺙': '攵', '⺛': '旡', '⺝': '月', '⺞': '歺', '⺟': '母', '⺠': '民',
  '⺡': '氵', '⺢': '氺', '⺣': '灬', '⺤': '爫', '⺥': '爫', '⺦': '丬', '⺨': '犭', '⺩': '王', '⺪': '疋', '⺫': '罒',
  '⺬': '示', '⺭': '礻', '⺮': '竹', '⺯': '糹', '⺰': '纟', '⺱': '罓', '⺲': '罒', '⺷': '羊', '⺹': '耂', '⺺': '肀',
  '⺻': '聿', '⺼': '月', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎', '⻂': '衤', '⻃': '覀', '⻄': '西',
  '⻅': '见', '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻌': '辶', '⻍': '辶', '⻎': '辶',
  '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦',
  '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻟': '飠', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼',
  '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '斉', '⻬': '齐', '⻭': '歯', '⻮': '齿', '⻯': '竜',
  '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
};

const RADICALS = /[\u2e80-\u2eff\u2f00-\u2fdf]/g;
const HAS_RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/;

/** `s` with every radical code point replaced by its ideograph; other characters untouched. */
export function mapRadicals(s: string): string {
  if (!HAS_RADICAL.test(s)) return s;
  return s.replace(RADICALS, (c) => SUPPLEMENT[c] ?? (c >= '\u2f00' ? c.normalize('NFKC') : c));
}
