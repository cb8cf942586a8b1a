import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The absolute path of a file shipped in the project (config/…, test/fixtures/…). Code runs both from
 * src/ (jest) and from dist/src/ (the build), so the root is found by walking up to package.json.
 */
export function projectFile(...segments: string[]): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return join(dir, ...segments);
}
