/**
 * Sites a crawler must report without crawling. 顺义区 (real: Shunyi) serves `Disallow: /` in its
 * robots.txt over a complete site with reports, so a crawler that ignores robots finds them (and
 * fails the test). 瑞河县 answers every page with an anti-bot challenge: 412 with an inline `$_ts`
 * script on www (瑞数), 521 with the 加速乐 `__jsl_clearance` cookie script on its xxgk host.
 * Neither has expected reports.
 */
import { utf8, type SampleHost } from '../host.ts';
import { listHtml, shell } from '../page.ts';
import type { SiteBuild, SiteDefinition } from '../site-build.ts';

const SHUNYI = '北京市顺义区人民政府';

export const robotsSite: SiteDefinition = {
  id: 'shunyi-robots',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    www.put('/robots.txt', { body: utf8('User-agent: *\nDisallow: /\n'), contentType: 'text/plain' });
    const nav = [{ href: '/', text: '首页' }, { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }];
    www.html('/', shell({ title: SHUNYI, siteName: SHUNYI, nav, main: '<a href="/zwgk/zfxxgknb/">政府信息公开年报</a>' }));
    www.html('/zwgk/zfxxgknb/', shell({ title: '政府信息公开年报', siteName: SHUNYI, nav, main: listHtml([{ href: './202402/t20240201_1.html', title: `${SHUNYI}2023年政府信息公开工作年度报告`, date: '2024-02-01' }]) }));
    www.html('/zwgk/zfxxgknb/202402/t20240201_1.html', shell({ title: `${SHUNYI}2023年政府信息公开工作年度报告`, siteName: SHUNYI, nav, main: '<div class="TRS_Editor"><p>本年新收政府信息公开申请数量</p></div>' }));
    b.traps.robotsBlockedHosts.push(www.host);
    return {
      id: robotsSite.id, agency: SHUNYI, region: '北京市', level: 'county', archetype: 'blocked',
      description: 'robots.txt Disallow: / over a whole site: report the site as skipped, fetch nothing but robots.txt',
      startUrls: [www.url('/')], allowedHosts: [www.host],
      agencies: [{ name: SHUNYI, level: 'county' }], expectedYears: [2021, 2022, 2023],
    };
  },
};

/** 瑞数: 412 and a page that only a browser running the inline `$_ts` and external script gets past. */
const RS_PAGE = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta id="FSSBBIl1UgzbN7N80S/T" content="x7ZpBz1Q"><script type="text/javascript">$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=67433;$_ts.cd="qEmrrpAlqE9lqGWHcsqcEAllqqAqcsLcErAEqqVqcsFlrGqmqE9crp";</script><script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/d.FxJzG50F.dfe1675.js" r="m"></script></head><body></body></html>`;

/** 加速乐: 521 with a cookie script that reloads the page. */
const JSL_PAGE = `<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('=')+(+new Date())+'|0|'+'KpA2%2FbC1xq'+';max-age=3600;path=/';location.href=location.pathname+location.search</script></body></html>`;

function challengeEverything(host: SampleHost, status: 412 | 521, body: string): void {
  host.put('/robots.txt', { body: utf8('User-agent: *\nDisallow:\n'), contentType: 'text/plain' });
  host.onPrefix('/', ({ res, req }) => {
    const cookie = req.headers.cookie ?? '';
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      // 加速乐 also sets its first cookie on the challenge response.
      ...(status === 521 && !cookie.includes('__jsluid_h') ? { 'Set-Cookie': '__jsluid_h=5a3c1b2e9f0d4e7a8b6c; max-age=31536000; path=/; HttpOnly' } : {}),
    });
    res.end(body);
  });
}

const RUIHE = '瑞河县人民政府';

export const challengeSite: SiteDefinition = {
  id: 'ruihe-challenge',
  hosts: ['www', 'xxgk'],
  build(b: SiteBuild) {
    const www = b.host('www');
    const xxgk = b.host('xxgk');
    challengeEverything(www, 412, RS_PAGE);
    challengeEverything(xxgk, 521, JSL_PAGE);
    b.traps.challengeHosts.push(www.host, xxgk.host);
    return {
      id: challengeSite.id, agency: RUIHE, region: '陕西省', level: 'county', archetype: 'blocked',
      description: 'every page is a JS challenge: 412 瑞数 $_ts on www, 521 加速乐 cookie script on xxgk; classify as js-challenge, no retry storm',
      startUrls: [www.url('/'), xxgk.url('/xxgk/zfxxgknb/')], allowedHosts: [www.host, xxgk.host],
      agencies: [{ name: RUIHE, level: 'county' }], expectedYears: [2021, 2022, 2023],
    };
  },
};

export const blockedSites: SiteDefinition[] = [robotsSite, challengeSite];
