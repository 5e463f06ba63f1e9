import { describe, expect, it } from 'vitest';
import { HostScope, isHomePage, normaliseUrl, siteScope, urlKey } from '../../crawlers/url.ts';
import { isUnder, looksLikeArticleUrl, looksLikeColumnUrl } from '../../crawlers/links/url-shape.ts';

describe('normaliseUrl', () => {
  it('resolves relative links, drops fragments, collapses // and dot segments', () => {
    expect(normaliseUrl('./202401/t20240118_4417023.html', 'http://a.gov.cn/zwgk/zfxxgknb/index.html')).toBe('http://a.gov.cn/zwgk/zfxxgknb/202401/t20240118_4417023.html');
    expect(normaliseUrl('../../info/13951/728740.htm', 'http://a.gov.cn/zfxxgk/zfxxgknb/2.htm')).toBe('http://a.gov.cn/info/13951/728740.htm');
    expect(normaliseUrl('/gkmlpt/index#2961', 'http://a.gov.cn/')).toBe('http://a.gov.cn/gkmlpt/index');
    expect(normaliseUrl('//a.gov.cn//x//y.html', 'https://b.gov.cn/')).toBe('https://a.gov.cn/x/y.html');
    expect(normaliseUrl('HTTP://A.GOV.CN:80/X', undefined)).toBe('http://a.gov.cn/X');
  });

  it('refuses what cannot be fetched', () => {
    for (const href of ['javascript:void(0)', 'mailto:x@a.gov.cn', '#top', '', 'data:text/html,hi', 'ftp://a.gov.cn/x']) expect(normaliseUrl(href, 'http://a.gov.cn/')).toBeNull();
  });
});

describe('urlKey', () => {
  it('makes one key of the spellings of one page', () => {
    const k = urlKey('https://a.gov.cn/zwgk/zfxxgknb/?a=1&b=2');
    expect(urlKey('http://A.gov.cn/zwgk/zfxxgknb/index.html?b=2&a=1')).toBe(k);
    expect(urlKey('http://a.gov.cn:80/zwgk/zfxxgknb/index.html?a=1&b=2#x')).toBe(k);
  });

  it('keeps pages, ports and queries that differ apart', () => {
    expect(urlKey('http://a.gov.cn/x/index_1.html')).not.toBe(urlKey('http://a.gov.cn/x/index.html'));
    expect(urlKey('http://127.0.0.1:8001/x')).not.toBe(urlKey('http://127.0.0.1:8002/x'));
    expect(urlKey('http://a.gov.cn/l?pageNum=2')).not.toBe(urlKey('http://a.gov.cn/l?pageNum=3'));
  });
});

describe('HostScope', () => {
  const scope = new HostScope(['127.0.0.1:8001', 'www.qinghe.gov.cn', '*.gz.gov.cn']);
  it('allows the listed hosts only (exact port, any port, subdomains)', () => {
    expect(scope.allows('http://127.0.0.1:8001/a')).toBe(true);
    expect(scope.allows('http://127.0.0.1:8002/a')).toBe(false);
    expect(scope.allows('https://www.qinghe.gov.cn:8443/a')).toBe(true);
    expect(scope.allows('http://nyj.gz.gov.cn/a')).toBe(true);
    expect(scope.allows('http://gz.gov.cn/a')).toBe(true);
    expect(scope.allows('http://gz.gov.cn.mirror.example.com/a')).toBe(false);
    expect(scope.allows('ftp://127.0.0.1:8001/a')).toBe(false);
  });
  it('defaults to the hosts of the start URLs', () => {
    const s = siteScope({ startUrls: ['http://127.0.0.1:9000/', 'http://127.0.0.1:9001/x/'] });
    expect(s.allows('http://127.0.0.1:9001/y')).toBe(true);
    expect(s.allows('http://127.0.0.1:9002/y')).toBe(false);
  });
});

describe('URL shapes', () => {
  it('tells column pages from articles', () => {
    for (const u of ['http://a.gov.cn/zwgk/zfxxgknb/', 'http://a.gov.cn/zwgk/zfxxgknb/index_2.html', 'http://a.gov.cn/col/col1229512345/index.html', 'http://a.gov.cn/col/col1/index.html?uid=380055&pageNum=2', 'http://a.gov.cn/gkmlpt/index', 'http://a.gov.cn/sygfj/gknb/?page=2']) {
      expect(looksLikeColumnUrl(u)).toBe(true);
      expect(looksLikeArticleUrl(u)).toBe(false);
    }
    for (const u of ['http://a.gov.cn/zwgk/zfxxgknb/202401/t20240118_4417023.html', 'http://a.gov.cn/art/2024/1/16/art_1229512345_3901234.html', 'http://a.gov.cn/gkmlpt/content/4/4688/post_4688997.html', 'http://a.gov.cn/info/13951/728740.htm', 'http://a.gov.cn/gongkai/site_x/channel_63899ae537599182826222fc/doc_641d4d4d749a4723fdc77fb7.html']) {
      expect(looksLikeArticleUrl(u)).toBe(true);
    }
  });
  it('knows what sits below a column', () => {
    expect(isUnder('http://a.gov.cn/nb/bm/2023n/', 'http://a.gov.cn/nb/bm/')).toBe(true);
    expect(isUnder('http://a.gov.cn/nb/bm/index_1.html', 'http://a.gov.cn/nb/bm/')).toBe(false);
    expect(isUnder('http://a.gov.cn/zwgk/', 'http://a.gov.cn/zwgk/nb/')).toBe(false);
    expect(isHomePage('http://a.gov.cn/index.htm')).toBe(true);
    expect(isHomePage('http://a.gov.cn/zwgk/')).toBe(false);
  });
});
