/**
 * TRS WCM list pages: `index.html`, `index_1.html` … `index_{n-1}.html`, whose pager is drawn by
 * `createPageHTML(n, cur, "index", "html")`. The links exist only when the script runs, but the
 * pages are real files: a crawler reads `n` from the call.
 */
import type { SampleHost } from '../host.ts';
import { listHtml, type ListItem } from '../page.ts';

/** The pager script every TRS page includes. */
export const CREATE_PAGE_HTML = `function createPageHTML(n,cur,name,ext){if(n<=1)return;var h='';for(var i=0;i<n;i++){var f=i==0?name+'.'+ext:name+'_'+i+'.'+ext;h+=i==cur?'<span>'+(i+1)+'</span>':'<a href="'+f+'">'+(i+1)+'</a>';}document.write(h);}`;

export interface TrsListPage {
  /** `index.html`, `index_1.html`, … */
  file: string;
  list: string;
  pager: string;
}

export function trsColumnPages(items: ListItem[], perPage: number): TrsListPage[] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  return Array.from({ length: pages }, (_, cur) => ({
    file: cur === 0 ? 'index.html' : `index_${cur}.html`,
    list: listHtml(items.slice(cur * perPage, (cur + 1) * perPage)),
    pager: `<div class="page"><script language="JavaScript">createPageHTML(${pages}, ${cur}, "index", "html");</script></div>`,
  }));
}

/** Serves a TRS column under `dir` (the folder URL serves page 1 too). */
export function trsColumn(host: SampleHost, dir: string, items: ListItem[], perPage: number, page: (list: string, pager: string) => string): void {
  for (const p of trsColumnPages(items, perPage)) {
    const html = page(p.list, p.pager);
    host.html(`${dir}${p.file}`, html);
    if (p.file === 'index.html') host.html(dir, html);
  }
}
