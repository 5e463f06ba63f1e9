/**
 * The benchmark convention: each `test/bench/<area>.bench.ts` exports `bench(): Promise<BenchRow[]>`;
 * `npm run bench` (run.ts) runs them in one process and prints one table. Figures are medians over
 * several runs; no test ever asserts a timing.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  /** What was measured: 'text extraction', 'crawl, politeness off'. */
  name: string;
  /** The figure (a median where timed). */
  value: number;
  /** Its unit: 'docs/s', 'pages/s', 'MB', 'ms', '%'. */
  unit: string;
  /** The aim from the issue, for the table (e.g. '≥ 1000'). */
  target?: string;
  /** How it was measured: runs, inputs. */
  note?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `fn` `runs` times after `warmup` untimed runs; returns each run's milliseconds. */
export async function timeRuns(fn: () => Promise<unknown> | unknown, runs = 5, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/** Peak resident set size of this process so far, in MB (Linux: VmHWM). */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to the current RSS
  }
  return process.memoryUsage().rss / 1024 / 1024;
}
