// Types of scripts/score.mjs's exports (the cell walk the accuracy bench shares with the scorer).
/** Every cell of a record: year, template, each number of tables 2-4, each check's ok. */
export function cells(record: unknown): Map<string, unknown>;
/** Two cells agree (numbers within 1e-6). */
export function same(a: unknown, b: unknown): boolean;
/** One record against its golden record; `actual` null when the document gave no record. */
export function scoreRecord(golden: unknown, actual: unknown): { right: number; total: number; wrong: string[]; extra: string[] };
