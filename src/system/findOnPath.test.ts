import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findOnPath } from './findOnPath';

describe('findOnPath', () => {
  it('finds the first executable of that name, skipping non-executables and empty entries', () => {
    const a = mkdtempSync(join(tmpdir(), 'path-a-'));
    const b = mkdtempSync(join(tmpdir(), 'path-b-'));
    try {
      writeFileSync(join(a, 'tool'), '');
      writeFileSync(join(b, 'tool'), '#!/bin/sh\n');
      chmodSync(join(b, 'tool'), 0o755);
      expect(findOnPath('tool', ['', a, b].join(delimiter))).toBe(join(b, 'tool'));
      expect(findOnPath('missing-tool', [a, b].join(delimiter))).toBeNull();
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
