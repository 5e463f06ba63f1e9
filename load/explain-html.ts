/** Placeholder replaced below. */
import type { Explained } from './explain.ts';
export async function writeExplainHtml(_e: Explained, _file: string): Promise<number> {
  throw new Error('explain --html: not built yet');
}
