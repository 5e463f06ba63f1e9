/**
 * What an archetype module gets to build its site: its hosts (already listening, so every URL is
 * known), the phase, and the collectors of the manifest (expected reports, near misses, traps).
 * Also the records a hosted report carries: generated, a committed generated document's, or a
 * corpus golden's numbers under the hosting unit's name and year.
 */
import type { SampleHost } from './host.ts';
import { corpusPath, corpusRecord, generatedGoldenPath, generatedRecord } from './generated-docs.ts';
import { generateRecord, type GenerateOptions } from './record-generator.ts';
import type { ExpectedRecord, ExpectedReport, SampleSite, SampleWebTraps } from './types.ts';

export interface BuildOptions {
  faults: boolean;
  dripMs: number;
  /** The size limit written into the config; the oversized attachment exceeds it. */
  maxDocumentBytes: number;
}

export type ExpectInput = Omit<ExpectedReport, 'siteId' | 'version' | 'current' | 'numbersIn'> & {
  version?: number;
  current?: boolean;
  numbersIn?: string;
};

/** A manifest's traps with nothing in them. */
export const emptyTraps = (): SampleWebTraps => ({
  forbiddenUrls: [], robotsBlockedHosts: [], challengeHosts: [], flaky: [], oversizedUrls: [],
  dripUrl: '', stallUrl: '', notFoundUrls: [], softNotFoundUrls: [],
});

export class SiteBuild {
  readonly expected: ExpectedReport[] = [];
  readonly nearMisses: string[] = [];
  readonly traps: SampleWebTraps = emptyTraps();

  constructor(
    readonly siteId: string,
    readonly hosts: Record<string, SampleHost>,
    readonly phase: 1 | 2,
    readonly opts: BuildOptions,
  ) {}

  host(label: string): SampleHost {
    const h = this.hosts[label];
    if (!h) throw new Error(`sample web: site ${this.siteId} has no host ${label}`);
    return h;
  }

  /** Records a report a perfect crawl finds. The record's identity is set to the hosted one. */
  expect(r: ExpectInput): ExpectedReport {
    const numbersIn = r.numbersIn ?? r.detailUrl;
    const e: ExpectedReport = {
      ...r,
      siteId: this.siteId,
      version: r.version ?? 1,
      current: r.current ?? true,
      numbersIn,
      record: { ...r.record, title: r.title.replace(/\s*\n\s*/g, ''), agency: r.agency, year: r.year, source: { ...r.record.source, uri: numbersIn } },
    };
    this.expected.push(e);
    return e;
  }

  nearMiss(title: string): void {
    this.nearMisses.push(title);
  }
}

/** An archetype module: the hosts it needs and how to fill them for a phase. */
export interface SiteDefinition {
  id: string;
  /** Host labels; the first is the main host. */
  hosts: string[];
  /** Hosts linked from the site that are not allowed (mirror copies). */
  foreignHosts?: string[];
  build(b: SiteBuild): SampleSite;
}

type Identity = { agency: string; year: number; title: string; uri?: string; format?: ExpectedRecord['source']['format'] };

/** Generated numbers for a hosted HTML report. */
export function generated(seed: string, id: Identity, size?: GenerateOptions['size']): ExpectedRecord {
  return generateRecord(seed, { agency: id.agency, year: id.year, title: id.title, uri: id.uri ?? '', format: id.format ?? 'html', size });
}

/** A corpus golden's numbers under another unit's name and year (its golden path goes in `golden`). */
export function fromGolden(name: string, id: Identity): { record: ExpectedRecord; golden: string } {
  const g = corpusRecord(name);
  return {
    record: { ...g, title: id.title, agency: id.agency, year: id.year, source: { uri: id.uri ?? '', format: id.format ?? 'html' }, warnings: [] },
    golden: corpusPath(`${name}.expected.json`),
  };
}

/** A corpus document hosted as itself (hongze PDFs, the shuyang page): its golden unchanged. */
export function corpusGolden(name: string): { record: ExpectedRecord; golden: string } {
  return { record: corpusRecord(name), golden: corpusPath(`${name}.expected.json`) };
}

/** A committed generated document's record. */
export function generatedGolden(name: string): { record: ExpectedRecord; golden: string } {
  return { record: generatedRecord(name), golden: generatedGoldenPath(name) };
}

/** TRS detail page names: `t20240118_4417023.html` from a date and a serial. */
export function trsName(date: string, serial: number): string {
  return `t${date.replace(/-/g, '')}_${serial}.html`;
}

/** `202401` from `2024-01-18`. */
export const yyyymm = (date: string) => date.slice(0, 7).replace('-', '');
