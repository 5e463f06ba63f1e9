/**
 * The attachment documents the sample sites host whose numbers are known: reports rendered from
 * generated records (render-report.ts) and printed to PDF by Chromium or converted to DOCX/DOC by
 * LibreOffice, once, by `npx tsx sample-web/build-assets.ts`. The files and their records
 * (`<name>.expected.json`) are committed under `sample-web/assets/generated/`, so serving them
 * needs neither program. Each document's agency and year are those of the site unit hosting it:
 * the extractor reads them from the document.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedRecord } from './types.ts';

export const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');
export const GENERATED_DIR = join(ASSETS_DIR, 'generated');
export const CORPUS_DIR = join(ASSETS_DIR, 'corpus');

export interface GeneratedDoc {
  name: string;
  agency: string;
  year: number;
  title: string;
  format: 'pdf' | 'docx' | 'doc';
  size?: 'small' | 'large';
}

export const GENERATED_DOCS: GeneratedDoc[] = [
  { name: 'qinghe-nyj-2023', agency: '清河县农业农村局', year: 2023, title: '清河县农业农村局2023年政府信息公开工作年度报告', format: 'pdf' },
  { name: 'qinghe-mzj-2023', agency: '清河县民政局', year: 2023, title: '清河县民政局2023年政府信息公开工作年度报告', format: 'docx' },
  { name: 'qinghe-zrzy-2023', agency: '清河县自然资源和规划局', year: 2023, title: '清河县自然资源和规划局2023年政府信息公开工作年度报告', format: 'pdf' },
  { name: 'qinghe-fgj-2023', agency: '清河县发展和改革局', year: 2023, title: '清河县发展和改革局2023年政府信息公开工作年度报告', format: 'pdf' },
  { name: 'pingshan-jyj-2023', agency: '平山市教育局', year: 2023, title: '平山市教育局2023年政府信息公开工作年度报告', format: 'pdf' },
  { name: 'nanshan-gov-2023', agency: '南山市人民政府', year: 2023, title: '南山市人民政府2023年政府信息公开工作年度报告', format: 'pdf', size: 'large' },
  { name: 'xinghe-2022', agency: '昇河镇人民政府', year: 2022, title: '昇河镇人民政府2022年政府信息公开工作年度报告', format: 'doc' },
  { name: 'huaian-qjp-2023', agency: '淮安市清江浦区人民政府', year: 2023, title: '淮安市清江浦区人民政府2023年政府信息公开工作年度报告', format: 'pdf', size: 'large' },
  // The unseen web (sample-web/unseen/).
  { name: 'liujiang-mzj-2023', agency: '柳江市民政局', year: 2023, title: '柳江市民政局2023年政府信息公开工作年度报告', format: 'docx' },
  { name: 'tongxi-gov-2022', agency: '桐溪区人民政府', year: 2022, title: '桐溪区人民政府2022年政府信息公开工作年度报告', format: 'pdf', size: 'large' },
  { name: 'tongxi-rsj-2023', agency: '桐溪区人力资源和社会保障局', year: 2023, title: '桐溪区人力资源和社会保障局2023年政府信息公开工作年度报告', format: 'docx' },
  { name: 'huaichuan-gov-2021', agency: '槐川县人民政府', year: 2021, title: '槐川县人民政府2021年政府信息公开工作年度报告', format: 'pdf', size: 'large' },
  { name: 'huaichuan-jtj-2023', agency: '槐川县交通运输局', year: 2023, title: '槐川县交通运输局2023年政府信息公开工作年度报告', format: 'doc' },
  { name: 'yutai-gov-2023', agency: '榆台县人民政府', year: 2023, title: '榆台县人民政府2023年政府信息公开工作年度报告', format: 'pdf', size: 'large' },
  { name: 'yutai-zjj-2023', agency: '榆台县住房和城乡建设局', year: 2023, title: '榆台县住房和城乡建设局2023年政府信息公开工作年度报告', format: 'docx' },
  { name: 'yutai-zrzy-2022', agency: '榆台县自然资源局', year: 2022, title: '榆台县自然资源局2022年政府信息公开工作年度报告', format: 'doc' },
  { name: 'yutai-slj-2023', agency: '榆台县水务局', year: 2023, title: '榆台县水务局2023年政府信息公开工作年度报告', format: 'pdf' },
];

export function generatedDoc(name: string): GeneratedDoc {
  const doc = GENERATED_DOCS.find((d) => d.name === name);
  if (!doc) throw new Error(`sample web: no generated document named ${name}`);
  return doc;
}

export const generatedPath = (name: string) => join(GENERATED_DIR, `${name}.${generatedDoc(name).format}`);
export const generatedGoldenPath = (name: string) => join(GENERATED_DIR, `${name}.expected.json`);

/** The bytes of a committed generated document. */
export function generatedBytes(name: string): Uint8Array {
  return readFileSync(generatedPath(name));
}

/** The record a generated document carries (as written by build-assets.ts). */
export function generatedRecord(name: string): ExpectedRecord {
  return JSON.parse(readFileSync(generatedGoldenPath(name), 'utf8')) as ExpectedRecord;
}

export const corpusPath = (file: string) => join(CORPUS_DIR, file);

export function corpusRecord(name: string): ExpectedRecord {
  return JSON.parse(readFileSync(corpusPath(`${name}.expected.json`), 'utf8')) as ExpectedRecord;
}
