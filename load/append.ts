/**
 * Typed appends that write NULL for null/undefined: the appender has no "value or null" call,
 * and every table has nullable columns.
 */
import { INTEGER, LIST, VARCHAR, type DuckDBAppender } from '@duckdb/node-api';

const INTEGER_LIST = LIST(INTEGER);
const VARCHAR_LIST = LIST(VARCHAR);

export const put = {
  str(a: DuckDBAppender, v: string | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendVarchar(v);
  },
  int(a: DuckDBAppender, v: number | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendInteger(v);
  },
  big(a: DuckDBAppender, v: number | bigint | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendBigInt(BigInt(v));
  },
  dbl(a: DuckDBAppender, v: number | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendDouble(v);
  },
  bool(a: DuckDBAppender, v: boolean | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendBoolean(v);
  },
  ints(a: DuckDBAppender, v: readonly number[] | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendList(v, INTEGER_LIST);
  },
  strs(a: DuckDBAppender, v: readonly string[] | null | undefined): void {
    if (v === null || v === undefined) a.appendNull();
    else a.appendList(v, VARCHAR_LIST);
  },
};
