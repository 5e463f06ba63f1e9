/**
 * Text as a browser shows it: white space collapsed to one space and trimmed, zero-width
 * characters dropped. `&nbsp;` (U+00A0) and the ideographic space (U+3000) count as white space,
 * so a cell holding only `&nbsp;` or `<o:p> </o:p>` reads as "".
 *
 * One CSS rule matters for Chinese pages: a line break in the source between two East Asian wide
 * characters is removed, not turned into a space (CSS Text 3, segment break transformation).
 * Word exports wrap long runs of Chinese in the middle of a label (`本年新收政府信息\n公开申请数量`).
 */

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const WHITE_RUN = /\s+/g;

/** East Asian wide characters (CJK, kana, fullwidth forms, CJK punctuation); Hangul excluded, as in CSS. */
function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/** Collapses and trims white space the way a browser renders it (see the file comment). */
export function normaliseText(raw: string): string {
  if (raw.length === 0) return '';
  const s = raw.replace(ZERO_WIDTH, '');
  return s.replace(WHITE_RUN, (run: string, offset: number, whole: string) => {
    const end = offset + run.length;
    if (offset === 0 || end === whole.length) return '';
    if ((run.includes('\n') || run.includes('\r')) && !/[^\n\r\t ]/.test(run)) {
      if (isWide(whole.charCodeAt(offset - 1)) && isWide(whole.charCodeAt(end))) return '';
    }
    return ' ';
  });
}
