/**
 * The file name a download endpoint gives in `Content-Disposition` (issue 8: `download.jsp?id=`,
 * `DownFile.aspx?fid=` served as application/octet-stream): RFC 5987/6266 `filename*=UTF-8''…`,
 * a percent-encoded name in a plain `filename=` (Java's URLEncoder, ASP.NET's UrlEncode), or the raw
 * bytes of a GBK (or UTF-8) name, which Node hands over one character per byte.
 */
import iconv from 'iconv-lite';

const STAR = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i;
const PLAIN = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i;

/** Decodes a percent-encoded name in `charset`; null when it is not valid percent-encoding. */
function percentDecoded(value: string, charset: string, plus: boolean): string | null {
  try {
    const bytes = Buffer.from(unescape((plus ? value.replace(/\+/g, ' ') : value).trim()), 'latin1');
    return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString('utf8');
  } catch {
    return null;
  }
}

/** A header value whose characters are bytes (Node's latin1 reading): UTF-8 when valid, else GB18030. */
function rawBytesDecoded(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? iconv.decode(bytes, 'gb18030') : utf8;
}

/** The file name in a Content-Disposition header, decoded; null when it names none. */
export function dispositionFileName(header: string | string[] | undefined | null): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const star = STAR.exec(value);
  if (star) {
    const name = percentDecoded(star[2]!, star[1]!.toLowerCase(), false);
    if (name) return name.trim();
  }
  const plain = PLAIN.exec(value);
  if (!plain) return null;
  const raw = (plain[1] ?? plain[2] ?? '').trim();
  if (!raw) return null;
  if (/%[0-9a-f]{2}/i.test(raw) && !/[\u0080-\u00ff]/.test(raw)) return percentDecoded(raw, 'utf-8', true)?.trim() || raw;
  return rawBytesDecoded(raw).trim();
}
