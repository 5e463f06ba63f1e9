/**
 * Labels → handlers. The HTTP crawler routes `page`, `api`, `detail` and `document` requests; the
 * browser crawler has one handler, for `render`. Both crawlers share one error boundary: a failed
 * request is recorded (site summary, failures.jsonl, fetch log) and the crawl goes on.
 */
import { createBasicRouter, type Request } from '@crawlee/cheerio';
import type { CrawlContext } from './crawl-context.ts';
import type { CrawlData } from './crawl-data.ts';
import { handleCandidate } from './handlers/detail.ts';
import { handlePage } from './handlers/page.ts';
import { RobotsDisallowedError } from '../errors.ts';
import { BudgetExceededError } from './budget.ts';

export function createHttpRouter(ctx: CrawlContext) {
  const router = createBasicRouter();
  const site = (r: Request) => ctx.site(String((r.userData as CrawlData).siteId));
  router.addHandler('page', async ({ request }) => handlePage(ctx, site(request), request as Request<CrawlData>));
  router.addHandler('api', async ({ request }) => handlePage(ctx, site(request), request as Request<CrawlData>));
  router.addHandler('detail', async ({ request }) => handleCandidate(ctx, site(request), request as Request<CrawlData>));
  router.addHandler('document', async ({ request }) => handleCandidate(ctx, site(request), request as Request<CrawlData>));
  return router;
}

/**
 * The failedRequestHandler of both crawlers. A start URL that robots.txt forbids marks the site
 * 'robots'; every failure is recorded with its URL and reason.
 */
export function recordFailure(ctx: CrawlContext, request: Request, error: Error): void {
  // Requests cut short by an interrupted crawl did not fail; the next run fetches them.
  if (ctx.signal?.aborted) return;
  // Requests refused by the site's budget: the stop is said once in the site's summary.
  if (error instanceof BudgetExceededError) return;
  const data = request.userData as CrawlData;
  const site = ctx.site(String(data.siteId));
  const err = ctx.fail(site, request.url, error);
  if (data.start && err instanceof RobotsDisallowedError) site.status = 'robots';
}
