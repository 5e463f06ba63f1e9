/**
 * Issue 16 item 2: LibreOffice fetched a linked picture from any host while it converted a
 * document. The DOCX of the issue (mammoth rejects it: a truncated word/footnotes.xml; it links
 * `http://HOST/x.png` with TargetMode="External") and a DOC made from it (LibreOffice keeps the
 * link as INCLUDEPICTURE, and a DOC cannot be stripped) point at a local listener. A control run
 * of a bare LibreOffice shows the listener is reached when nothing stops it; then every way
 * nianbao converts — isolated, without isolation (stripping and the dead proxy), a DOC (isolation
 * alone), as a user who is not root — leaves the listener with nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractBytes } from '../../extract/index.ts';
import { networkIsolation, resetIsolationProbe } from '../../extract/readers/word/sandbox.ts';
import { isExternalRelationship, stripExternalRelationships } from '../../extract/readers/word/strip-external.ts';
import { compareRecord } from '../support/compare-record.ts';
import { docxWithExternalImage, GENERATED_DIR, unzipParts } from './support/hostile-docs.ts';
import { startListener, type Listener } from './support/listener.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOLDEN = JSON.parse(readFileSync(`${GENERATED_DIR}000-writer.expected.json`, 'utf8'));
const LO_TIMEOUT_MS = 600_000;

let listener: Listener;
let work: string;
let hostileDocx: Uint8Array;
let hostileDoc: Uint8Array;

/** Runs LibreOffice with `prefix` (isolation or none) on `input`, converting to `filter` in `outDir`. */
function soffice(prefix: string[], input: string, filter: string, outDir: string, profile: string): Promise<void> {
  const [cmd, ...args] = [...prefix, 'soffice', '--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', filter, '--outdir', outDir, input];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

beforeAll(async () => {
  listener = await startListener();
  work = mkdtempSync(join(tmpdir(), 'nianbao-hostile-lo-'));
  chmodSync(work, 0o755);
  hostileDocx = docxWithExternalImage(`${listener.origin}/x.png`);
  writeFileSync(join(work, 'hostile.docx'), hostileDocx);
  // The DOC is made by LibreOffice itself, isolated so that making it fetches nothing.
  const isolation = await networkIsolation();
  expect(isolation.isolated, isolation.how).toBe(true);
  await soffice(isolation.prefix, join(work, 'hostile.docx'), 'doc:MS Word 97', work, join(work, 'profile-make'));
  hostileDoc = new Uint8Array(readFileSync(join(work, 'hostile.doc')));
  expect(listener.received).toEqual([]);
}, LO_TIMEOUT_MS);

afterAll(async () => {
  await listener?.close();
  rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.NIANBAO_UNSHARE;
  resetIsolationProbe();
});

describe('the hostile documents', () => {
  it('the DOCX is the issue’s: mammoth rejects its footnotes, it links a picture on the listener', () => {
    const parts = unzipParts(hostileDocx);
    const rels = new TextDecoder().decode(parts.get('word/_rels/document.xml.rels'));
    expect(rels).toContain(`TargetMode="External" Target="${listener.origin}/x.png"`);
    expect(new TextDecoder().decode(parts.get('word/footnotes.xml'))).toMatch(/<w:t>tru$/);
  });

  it('control: a bare LibreOffice converting the DOC does request the picture from the listener', async () => {
    await soffice([], join(work, 'hostile.doc'), 'docx:MS Word 2007 XML', join(work, 'control'), join(work, 'profile-control'));
    expect(listener.received.length).toBeGreaterThan(0);
    expect(listener.received[0]).toMatch(/^(GET|OPTIONS|HEAD) \/x\.png HTTP\/1\.1/);
    listener.received.length = 0;
  }, LO_TIMEOUT_MS);
});

describe('nianbao converts them without a request leaving', () => {
  it('extract, isolated: the DOCX is read exactly, its link stripped, the listener receives nothing', async () => {
    const record = await extractBytes(hostileDocx, { uri: '000-writer.docx' });
    expect(listener.received).toEqual([]);
    expect(compareRecord(GOLDEN, record)).toEqual([]);
    expect(record.warnings).toContain(`LibreOffice: 1 external link(s) removed before conversion (${listener.origin}/x.png); never fetched`);
    expect(record.warnings.some((w) => /without network isolation/.test(w))).toBe(false);
  }, LO_TIMEOUT_MS);

  it('without a network namespace (unshare missing): stripping and the dead proxy hold, and the record says so', async () => {
    process.env.NIANBAO_UNSHARE = '/nonexistent/unshare';
    resetIsolationProbe();
    const record = await extractBytes(hostileDocx, { uri: '000-writer.docx' });
    expect(listener.received).toEqual([]);
    expect(compareRecord(GOLDEN, record)).toEqual([]);
    expect(record.warnings.find((w) => /^LibreOffice ran without network isolation \(\/nonexistent\/unshare/.test(w))).toMatch(/external links were stripped and its proxy points at a closed port/);
  }, LO_TIMEOUT_MS);

  it('without a network namespace, a DOC (which cannot be stripped) still fetches nothing: the profile’s dead proxy', async () => {
    process.env.NIANBAO_UNSHARE = '/nonexistent/unshare';
    resetIsolationProbe();
    const record = await extractBytes(hostileDoc, { uri: 'hostile.doc' });
    expect(listener.received).toEqual([]);
    expect(record.applications?.new_received).toEqual(GOLDEN.applications.new_received);
  }, LO_TIMEOUT_MS);

  it('a DOC, isolated: the namespace alone keeps the request in', async () => {
    const record = await extractBytes(hostileDoc, { uri: 'hostile.doc' });
    expect(listener.received).toEqual([]);
    expect(record.applications?.new_received).toEqual(GOLDEN.applications.new_received);
  }, LO_TIMEOUT_MS);

  it('as a user who is not root: `nianbao extract` isolates in a user namespace and reads the DOCX', async () => {
    // Root drops to nobody for this run; a test run that is not root already is not. The checkout
    // may sit under a folder nobody may not enter (`mktemp -d` makes 0700 folders, as `.ci/run`
    // does; /root is 0700), so root first binds the checkout onto a folder nobody can reach, in a
    // mount namespace of this run's own: nothing is copied and nothing outside the run sees it.
    const home = join(work, 'user-home');
    mkdirSync(home, { mode: 0o777 });
    chmodSync(home, 0o777);
    const root = process.getuid?.() === 0;
    const stage = join(work, 'checkout');
    if (root) mkdirSync(stage, { mode: 0o755 });
    const project = root ? stage : ROOT;
    const node = [process.execPath, '--import', 'tsx', join(project, 'cli/main.ts'), 'extract', join(work, 'hostile.docx')];
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node];
    const bindThenRun = 'mount --bind "$0" "$1" && cd "$1" && shift && exec "$@"';
    const command = root ? ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', bindThenRun, ROOT, stage, ...asNobody] : node;
    const r = spawnSync(command[0]!, command.slice(1), { cwd: root ? '/' : ROOT, env: { ...process.env, HOME: home, TMPDIR: home }, encoding: 'utf8', timeout: LO_TIMEOUT_MS });
    expect(r.stderr).toMatch(/1 extracted, 0 failed/);
    const record = JSON.parse(r.stdout.split('\n')[0]!) as { applications: { new_received: unknown }; warnings: string[] };
    expect(listener.received).toEqual([]);
    expect(record.applications.new_received).toEqual(GOLDEN.applications.new_received);
    expect(record.warnings.some((w) => /without network isolation/.test(w))).toBe(false);
  }, LO_TIMEOUT_MS);
});

describe('stripping external relationships', () => {
  it('recognises external targets however they are written', () => {
    expect(isExternalRelationship('<Relationship Id="a" TargetMode="External" Target="x.png"/>')).toBe(true);
    expect(isExternalRelationship("<Relationship Id='a' Target='x.png' TargetMode='external'/>")).toBe(true);
    expect(isExternalRelationship('<Relationship Id="a" TargetMode="&#69;xternal" Target="x.png"/>')).toBe(true);
    expect(isExternalRelationship('<Relationship Id="a" Target="http://h/x.png"/>')).toBe(true);
    expect(isExternalRelationship('<Relationship Id="a" Target="file:///etc/passwd"/>')).toBe(true);
    expect(isExternalRelationship('<Relationship Id="a" Target="\\\\host\\share\\x.png"/>')).toBe(true);
    expect(isExternalRelationship('<Relationship Id="a" Target="//host/x.png"/>')).toBe(true);
    expect(isExternalRelationship('<Relationship Id="a" Target="media/image1.png"/>')).toBe(false);
    expect(isExternalRelationship('<Relationship Id="a" Target="/word/styles.xml"/>')).toBe(false);
  });

  it('removes them from every .rels part and leaves every other part as it was', () => {
    const { bytes, removed } = stripExternalRelationships(hostileDocx);
    expect(removed).toEqual([`${listener.origin}/x.png`]);
    const before = unzipParts(hostileDocx);
    const after = unzipParts(bytes);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, data] of before) if (name !== 'word/_rels/document.xml.rels') expect(Buffer.from(after.get(name)!).equals(Buffer.from(data)), name).toBe(true);
    const rels = new TextDecoder().decode(after.get('word/_rels/document.xml.rels'));
    expect(rels).not.toContain(listener.origin);
    expect(rels).toContain('Target="footnotes.xml"');
    // Nothing external: the same bytes back.
    const clean = new Uint8Array(readFileSync(`${GENERATED_DIR}000-writer.docx`));
    expect(stripExternalRelationships(clean).bytes).toBe(clean);
  });
});
