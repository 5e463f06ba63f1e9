/**
 * The `nianbao` command line. Declares every subcommand and its options (commander), imports the
 * command's module only when it runs, and is the one place that prints errors and sets the exit
 * status (errors.ts EXIT): 0 success; 1 some inputs failed (the rest were processed); 2 usage or
 * configuration error (commander's own errors included: unknown command or option, bad choice,
 * missing argument); 3 data directory locked or unwritable; 4 nothing could be crawled; 70
 * internal error; 130 interrupted.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, NianbaoError, ConfigError, UsageError, exitStatusOf } from '../errors.ts';
import './epipe.ts';
import { asOfOption, positiveInteger } from './options.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Options every command that touches configuration or data accepts. */
export interface CommonOptions {
  config?: string;
  dataDir?: string;
}

/** Options of the commands that write the data directory (crawl, load, run, reextract). */
export interface WriterOptions extends CommonOptions {
  /** Wait for another writer's lock instead of exiting with status 3. */
  wait?: boolean;
  /** Create the data directory when it does not exist (crawl and run always may). */
  init?: boolean;
}

const program = new Command('nianbao')
  .version(VERSION, '-V, --version', 'print the version of nianbao')
  .description('Collect the yearly government information-disclosure reports (政府信息公开工作年度报告), extract their tables, load them into DuckDB.')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false })
  // commander's errors (unknown command or option, bad choice, missing argument) are thrown, not
  // exited on, so that this file sets their status (2); inherited by every subcommand below
  .exitOverride();

const common = (cmd: Command) =>
  cmd
    .option('--config <file>', 'configuration file (.ts or .json, shape of pipeline.config.ts)')
    .option('--data-dir <dir>', 'data directory (raw store, records, database); overrides paths.dataDir');

/** Options of the commands that take the data directory's lock. */
const writer = (cmd: Command, creates: boolean) =>
  common(cmd)
    .option('--wait', 'when another crawl/load/run/reextract holds the data directory, wait for it instead of exiting with status 3')
    .option('--init', creates ? 'create the data directory (crawl and run create it anyway)' : 'create the data directory when it does not exist');

/** `--db-wait` of the commands that write the database. */
const dbWait = (cmd: Command) =>
  cmd.option('--db-wait <seconds>', 'how long to retry when another process (a reader too) holds the DuckDB file', parseSeconds, 120);

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError('a number of seconds ≥ 0 is expected.');
  }
  return n;
}

/** `--jobs N`: documents read at once, each in a worker thread (default: the configuration's `extract.jobs`, one per core). */
function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--jobs: ${JSON.stringify(value)} is not a whole number ≥ 1`);
  return n;
}

const jobs = (cmd: Command) => cmd.option('--jobs <n>', 'documents read at once, each in a worker thread (default: extract.jobs of the configuration, 0 = one per core)', parseJobs);

/** Runs a command module's default export and turns its result into the exit status. */
function action<T>(load: () => Promise<{ default: (opts: T) => Promise<number> }>) {
  return async (opts: T) => {
    const mod = await load();
    process.exitCode = await mod.default(opts);
  };
}

program
  .command('extract')
  .description('extract one record per document (text, HTML, PDF, DOCX, DOC, WPS); a directory means every document in it')
  .argument('<inputs...>', 'files or directories')
  .option('--out <dir>', 'write <dir>/<name>.json per document instead of JSON lines on stdout')
  .option('--config <file>', 'configuration file: its extract section (jobs, workerHeapMb, documentTimeoutMs)')
  .option('--jobs <n>', 'documents read at once, each in a worker thread (default: one per core)', parseJobs)
  .action(async (inputs: string[], opts: { out?: string; config?: string; jobs?: number }) => {
    const mod = await import('./commands/extract.ts');
    process.exitCode = await mod.default({ inputs, ...opts });
  });

writer(program.command('crawl'), true)
  .description('find yearly reports on the configured sites and store their documents in the raw store')
  .option('--site <id...>', 'only these site ids')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/crawl.ts')));

jobs(dbWait(writer(program.command('load'), false)))
  .description('extract what the raw store holds and is not yet loaded, and load it into DuckDB')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/load.ts')));

jobs(dbWait(writer(program.command('reextract'), false)))
  .description('re-extract every stored document with this parser version and reload (no crawling)')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/reextract.ts')));

jobs(dbWait(writer(program.command('run'), true)))
  .description('crawl → extract → load in one go (what the nightly cron runs)')
  .option('--site <id...>', 'only these site ids')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/run.ts')));

common(program.command('status'))
  .description('coverage by year and level, missing and late reports, failed checks')
  .option('--as-of <date>', 'compute lateness and missing reports as of this date (YYYY-MM-DD)')
  .option('--json', 'print machine-readable output')
  .action(action(() => import('./commands/status.ts')));

common(program.command('export'))
  .description('write every view and table as Parquet or CSV files')
  .addOption(new Option('--format <format>', 'file format').choices(['parquet', 'csv']).default('parquet'))
  .requiredOption('--out <dir>', 'output directory')
  .option('--as-of <date>', 'views as of this date (YYYY-MM-DD): reports published after it are not counted as reported or late')
  .addOption(new Option('--excel', 'CSV that Excel opens with Chinese text intact (UTF-8 with a byte-order mark); implies --format csv').implies({ format: 'csv' }))
  .addOption(new Option('--labels <language>', 'column headers in this language instead of the column names').choices(['zh']))
  .action(action(() => import('./commands/export.ts')));

common(program.command('query'))
  .description('run SQL against the database, read-only and sandboxed (no file written or read, nothing fetched), and print every statement\'s result')
  .argument('[sql]', 'the SQL: one or more statements separated by ; (- reads it from stdin)')
  .option('-f, --file <file>', 'read the SQL from this file (- for stdin)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'tsv', 'json', 'markdown', 'line']))
  .option('--json', 'the same as --format json (one JSON object per row)')
  .option('--max-width <n>', 'cut a table to this many columns (default: the terminal\'s width; not cut when not a terminal)', positiveInteger(10))
  .option('--allow-files <dir>', 'let the SQL read and write files under this directory (never the data directory)')
  .addOption(asOfOption())
  .action(async (sql: string | undefined, opts: CommonOptions & Record<string, unknown>) => {
    const mod = await import('./commands/query.ts');
    process.exitCode = await mod.default({ sql, ...opts });
  });

common(program.command('site'))
  .description('generate a static Chinese website from the warehouse (coverage, agencies, reports, rankings, search)')
  .requiredOption('--out <dir>', 'output directory (a plain folder: open index.html or put it on any static host)')
  .option('--as-of <date>', 'compute lateness and missing reports as of this date (YYYY-MM-DD; default today)')
  .option('--no-archive', 'do not copy the raw store\'s documents into the site')
  .action(action(() => import('./commands/site.ts')));

common(program.command('explain'))
  .description('a report\'s figures as the template lays them out, each with where it was read (page and box, table cell, line), the source URL and the stored document')
  .argument('<report...>', 'a report id, or an agency and a year (洪泽区人民政府 2024)')
  .option('--json', 'print JSON instead of text')
  .option('--html <file>', 'also write an HTML page with the PDF pages and every cell\'s box drawn')
  .action(async (target: string[], opts: CommonOptions & { json?: boolean; html?: string }) => {
    const mod = await import('./commands/explain.ts');
    process.exitCode = await mod.default({ target, ...opts });
  });

program
  .command('demo')
  .description('start the sample web on 127.0.0.1, run the whole pipeline on it into data/demo/, print the answers (npm start)')
  .option('--data-dir <dir>', 'where the demo writes', 'data/demo')
  .action(action(() => import('./commands/demo.ts')));

program
  .command('serve-fixtures')
  .description('serve the fixture web (the sample government sites) on 127.0.0.1 until interrupted')
  .option('--port <n>', 'port (0 = any free port)', '0')
  .option('--synthetic <n>', 'also serve N generated sites', '0')
  .option('--unseen', 'serve the unseen web instead (sample-web/unseen/: SPA, ASP.NET postback, download endpoints, <select> years)')
  .action(action(() => import('./commands/serve-fixtures.ts')));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}

/** Prints a command's error (commander has printed its own) and returns the exit status. */
function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end well; help shown because no command was given is a usage error
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || (err.code === 'commander.help' && err.exitCode === 0)) return EXIT.ok;
    return EXIT.usage;
  }
  const status = exitStatusOf(err);
  if (status === EXIT.internal) {
    console.error(`nianbao: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    console.error('This is a bug in nianbao; please report it with the command you ran.');
  } else if (err instanceof NianbaoError) {
    console.error(`nianbao: ${err.kind === 'usage' ? err.reason : err.message}`);
  }
  return status;
}
