// Copies the compiled client (dist/*.js) to the app's static files, where the demo page loads it from the jar.
// The copy is committed so that the server builds with a JDK only; test/committed.test.mjs fails when it is stale.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const appCopy = join(here, '..', '..', '..', 'streaming-app', 'src', 'main', 'resources', 'io', 'llmstream', 'app', 'web', 'client');

/** The compiled files the page needs: the modules, without type declarations. */
export function modules(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.js')).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(here, '..', 'dist');
  rmSync(appCopy, { recursive: true, force: true });
  mkdirSync(appCopy, { recursive: true });
  for (const name of modules(dist)) copyFileSync(join(dist, name), join(appCopy, name));
  console.log(`copied ${modules(dist).join(', ')} to ${appCopy}`);
}
