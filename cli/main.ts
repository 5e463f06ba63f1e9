/**
 * The `nianbao` command line. Declares every subcommand and its options (commander), imports the
 * command's module only when it runs, and is the one place that prints errors and sets the exit
 * status: 0 success, 1 when some inputs failed (the rest were processed), 2 for a usage or
 * configuration error.
 */
import { Command, Option } from 'commander';
import { NianbaoError, ConfigError, UsageError } from '../errors.ts';

/** Options every command that touches configuration or data accepts. */
export interface CommonOptions {
  config?: string;
  dataDir?: string;
}

const program = new Command('nianbao')
  .description('Collect the yearly government information-disclosure reports (政府信息公开工作年度报告), extract their tables, load them into DuckDB.')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

const common = (cmd: Command) =>
  cmd
    .option('--config <file>', 'configuration file (.ts or .json, shape of pipeline.config.ts)')
    .option('--data-dir <dir>', 'data directory (raw store, records, database); overrides paths.dataDir');

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
  .action(async (inputs: string[], opts: { out?: string }) => {
    const mod = await import('./commands/extract.ts');
    process.exitCode = await mod.default({ inputs, ...opts });
  });

common(program.command('crawl'))
  .description('find yearly reports on the configured sites and store their documents in the raw store')
  .option('--site <id...>', 'only these site ids')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/crawl.ts')));

common(program.command('load'))
  .description('extract what the raw store holds and is not yet loaded, and load it into DuckDB')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/load.ts')));

common(program.command('reextract'))
  .description('re-extract every stored document with this parser version and reload (no crawling)')
  .option('--json', 'print a machine-readable summary')
  .action(action(() => import('./commands/reextract.ts')));

common(program.command('run'))
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
  .action(action(() => import('./commands/export.ts')));

common(program.command('query'))
  .description('run read-only SQL against the database and print a table')
  .argument('<sql>', 'the SQL (a SELECT, WITH, SHOW, DESCRIBE, SUMMARIZE or EXPLAIN)')
  .option('--json', 'print JSON rows instead of a table')
  .action(async (sql: string, opts: CommonOptions & { json?: boolean }) => {
    const mod = await import('./commands/query.ts');
    process.exitCode = await mod.default({ sql, ...opts });
  });

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
  if (err instanceof UsageError) {
    console.error(`nianbao: ${err.reason}`);
    process.exitCode = 2;
  } else if (err instanceof ConfigError) {
    console.error(`nianbao: ${err.message}`);
    process.exitCode = 2;
  } else if (err instanceof NianbaoError) {
    console.error(`nianbao: ${err.message}`);
    process.exitCode = 1;
  } else {
    console.error(`nianbao: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    console.error('This is a bug in nianbao; please report it with the command you ran.');
    process.exitCode = 70;
  }
}
