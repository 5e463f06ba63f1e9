/**
 * `nianbao reextract`: re-read every stored document with this parser version and reload its
 * report, without crawling (after a parser improvement).
 */
import { loadCommand, type LoadCommandOptions } from './load.ts';

export default function reextract(opts: LoadCommandOptions): Promise<number> {
  return loadCommand(opts, true);
}
