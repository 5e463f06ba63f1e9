/**
 * Traditional → simplified characters, for matching only. Hanweb sites serve a 繁體 variant of
 * every page (a cookie switch), and 繁體 titles (政府信息公開工作年度報告) occur; labels, titles
 * and headings are compared in simplified form. Character-level (OpenCC 't' → 'cn'), because
 * these pages are mainland text converted character by character (信息 stays 信息).
 */
import * as OpenCC from 'opencc-js/t2cn';

let convert: ((s: string) => string) | undefined;

/** True when a string may hold traditional characters (any CJK ideograph). */
const HAS_CJK = /[\u3400-\u9fff]/;

export function toSimplified(s: string): string {
  if (!HAS_CJK.test(s)) return s;
  const c = (convert ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return c(s);
}
