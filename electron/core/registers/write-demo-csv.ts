/**
 * Writes resources/demo/residents.csv from the generator. Used by the demo-data test (`UPDATE_DEMO_CSV=1 npx vitest
 * run electron/core/registers/demo-data.test.ts` regenerates the file) and callable from a CLI command.
 * Without UPDATE_DEMO_CSV that test fails whenever the committed file and the generator differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_RESIDENTS_FILE, generateDemoResidentsCsv } from './demo-data';

/** The path of the demo file inside a resources folder. */
export function demoResidentsCsvPath(resourcesDir: string): string {
  return path.join(resourcesDir, DEMO_RESIDENTS_FILE);
}

/** Generates the demo register and writes it into resourcesDir/demo/residents.csv; returns the path. */
export function writeDemoResidentsCsv(resourcesDir: string): string {
  const file = demoResidentsCsvPath(resourcesDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, generateDemoResidentsCsv(), 'utf8');
  return file;
}
