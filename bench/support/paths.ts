import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found by walking up to package.json: the bench runs compiled from
 * dist/bench and under ts-jest from bench/, and child processes are always the compiled files.
 */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

/** A compiled file under dist/, e.g. distFile('src/main.js'). */
export function distFile(relative: string): string {
  const file = join(REPO_ROOT, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm run bench does it)`);
  return file;
}

export const GATEWAY_MAIN = 'src/main.js';
