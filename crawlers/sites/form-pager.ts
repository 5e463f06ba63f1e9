/**
 * Pagers that are forms, not links (issue 8): a static `<form method="post">` per pager button
 * (`pageNo=2` in a hidden field, a submit 下一页), and ASP.NET WebForms' `__doPostBack('GridView1',
 * 'Page$2')` links, which submit the page's form with `__EVENTTARGET` / `__EVENTARGUMENT` and the
 * page's `__VIEWSTATE` / `__EVENTVALIDATION`. Both become POST requests of the same list, read
 * without a browser. Only forward moves are taken (下一页, 尾页, page numbers from 2): the page a
 * list is reached on is its first, and going back would fetch it again.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { normaliseUrl } from '../url.ts';
import type { Listing, ListPage, ListRequest } from './listing.ts';

/** Forward pager labels: next, last, a page number (from 2), `...` (the next group of numbers). */
const FORWARD = /^(?:下一?页|下页|后页|尾页|末页|最后一?页|next|last|>{1,2}|»|›|\.{3}|…)$/i;
const NUMBER = /^\d{1,4}$/;
const WORDY = /^(?:下一?页|下页|后页|尾页|末页|最后一?页|next|last|>{1,2}|»|›)$/i;
/** `__doPostBack('target','argument')`, quotes as written or as entities already decoded by the parser. */
const POSTBACK = /__doPostBack\(\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\)/;

const FORM_TYPE = 'application/x-www-form-urlencoded';

type El = AnyNode & { attribs: Record<string, string | undefined>; name: string };

/** The label a pager control shows: its text, or a submit button's value. */
const labelOf = ($: CheerioAPI, el: El): string => (el.name === 'input' ? (el.attribs.value ?? '') : $(el).text()).replace(/\s+/g, '').trim();

const forward = (label: string) => FORWARD.test(label) || (NUMBER.test(label) && Number(label) >= 2);

/** The fields a form submits as they stand: named inputs (not buttons, unchecked boxes), selects, textareas. */
function formFields($: CheerioAPI, form: AnyNode): [string, string][] {
  const out: [string, string][] = [];
  $(form).find('input[name], select[name], textarea[name]').each((_, node) => {
    const el = node as El;
    const name = el.attribs.name!;
    if (el.name === 'select') {
      const opt = $(el).find('option[selected]').first();
      out.push([name, (opt.length ? opt : $(el).find('option').first()).attr('value') ?? '']);
      return;
    }
    if (el.name === 'textarea') {
      out.push([name, $(el).text()]);
      return;
    }
    const type = (el.attribs.type ?? 'text').toLowerCase();
    if (/^(?:submit|button|image|reset|file)$/.test(type)) return;
    if (/^(?:checkbox|radio)$/.test(type) && el.attribs.checked === undefined) return;
    out.push([name, el.attribs.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
  });
  return out;
}

const encode = (fields: [string, string][]) => new URLSearchParams(fields).toString();

function actionOf($: CheerioAPI, form: AnyNode, base: string): string | null {
  const action = ($(form).attr('action') ?? '').trim();
  return action ? normaliseUrl(action, base) : base;
}

/** POST requests for the forward pages of a list whose pager is forms or `__doPostBack`. */
export function formPagerListing(page: ListPage): Listing {
  const { $ } = page;
  const baseHref = $('base[href]').attr('href');
  const base = (baseHref && normaliseUrl(baseHref, page.url)) || page.url;
  const requests: ListRequest[] = [];
  const headers = { 'Content-Type': FORM_TYPE, Referer: page.url };

  // Static forms, one per pager button.
  $('form').each((_, form) => {
    if (($(form).attr('method') ?? '').toLowerCase() !== 'post') return;
    const submits = $(form).find('input[type=submit], input[type=image], button').toArray() as El[];
    const pager = submits.filter((s) => forward(labelOf($, s)));
    if (!pager.length) return;
    const url = actionOf($, form, base);
    if (!url) return;
    const fields = formFields($, form);
    for (const s of pager) {
      const named = s.attribs.name ? [[s.attribs.name, s.attribs.value ?? ''] as [string, string]] : [];
      const body = encode([...fields, ...named]);
      requests.push({ url, method: 'POST', body, headers, kind: 'page', key: `form ${url} ${body}` });
    }
  });

  // ASP.NET postbacks: the form around the link (or the page's form, which __doPostBack submits).
  const postbacks: { form: AnyNode; target: string; arg: string; label: string }[] = [];
  $('a[href*="__doPostBack"], [onclick*="__doPostBack"]').each((_, node) => {
    const el = node as El;
    const m = POSTBACK.exec(el.attribs.href ?? '') ?? POSTBACK.exec(el.attribs.onclick ?? '');
    if (!m) return;
    const label = labelOf($, el);
    const numbered = /^Page\$(\d+)$/i.exec(m[2]!);
    if (!(forward(label) || (numbered && Number(numbered[1]) >= 2) || /^Page\$(?:Next|Last)$/i.test(m[2]!))) return;
    if (/^Page\$(?:First|Prev|1)$/i.test(m[2]!)) return;
    const form = $(el).closest('form').get(0) ?? $('form').get(0);
    if (form) postbacks.push({ form, target: m[1]!, arg: m[2]!, label });
  });
  // With page numbers shown, 下一页 / 尾页 only repeat one of them.
  const numbers = postbacks.some((p) => NUMBER.test(p.label) || /^Page\$\d+$/i.test(p.arg));
  for (const p of postbacks) {
    if (numbers && (WORDY.test(p.label) || /^Page\$(?:Next|Last)$/i.test(p.arg))) continue;
    const url = actionOf($, p.form, base);
    if (!url) continue;
    const fields = formFields($, p.form).filter(([k]) => k !== '__EVENTTARGET' && k !== '__EVENTARGUMENT');
    // The state fields differ from page to page; the page asked for is the target and argument.
    requests.push({ url, method: 'POST', body: encode([['__EVENTTARGET', p.target], ['__EVENTARGUMENT', p.arg], ...fields]), headers, kind: 'page', key: `postback ${url} ${p.target} ${p.arg}` });
  }
  return { entries: [], requests };
}
