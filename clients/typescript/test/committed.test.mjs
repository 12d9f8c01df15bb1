// The server's jar carries a committed copy of the compiled client (so it builds with a JDK only); it must be what
// the sources compile to today. Fix a failure with `npm run build` and commit the copy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appCopy, here, modules } from '../scripts/publish-to-app.mjs';

test('the compiled client committed in streaming-app is what the sources compile to', () => {
  const out = mkdtempSync(join(tmpdir(), 'llmstream-client-build-'));
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(here, '..'), '--outDir', out]);
    assert.deepEqual(modules(appCopy), modules(out), 'the same files');
    for (const name of modules(out)) {
      assert.equal(readFileSync(join(appCopy, name), 'utf8'), readFileSync(join(out, name), 'utf8'),
        `${name} is stale: run npm run build in clients/typescript and commit the copy`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
