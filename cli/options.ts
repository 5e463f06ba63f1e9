/**
 * Options several commands share, declared once so that every command parses them alike.
 */
import { InvalidArgumentError, Option } from 'commander';
import { parseAsOf } from '../load/status.ts';
import { UsageError } from '../errors.ts';

/** `--as-of DATE` (YYYY-MM-DD): the views' `as_of` variable for this command's session. */
export function asOfOption(): Option {
  return new Option('--as-of <date>', 'views as of this date (YYYY-MM-DD): reports published after it are not counted as reported or late').argParser(
    (value: string) => {
      try {
        return parseAsOf(value);
      } catch (err) {
        throw new InvalidArgumentError(err instanceof UsageError ? err.reason : String(err));
      }
    },
  );
}

/** A whole number ≥ `min` (commander reports the option name with the reason). */
export function positiveInteger(min = 1) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`a whole number ≥ ${min} is expected.`);
    return n;
  };
}
