// Size budgets of the built page: the bytes a payer's phone downloads before
// the page is interactive (brotli, as served), per asset and in total; and
// the raw bytes of public/embed.js, the script merchants' pages load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = new URL('../../dist', import.meta.url).pathname;
const budgets = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url)));

/** The first-load assets index.html references, by kind. */
export function firstLoadAssets(dist = DIST) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // Minified HTML may leave attribute values unquoted.
  const refs = [...html.matchAll(/(?:href|src)="?\/([^"\s>]+\.(?:css|js|wasm))/g)].map((m) => m[1]);
  const assets = [{ kind: 'html', file: 'index.html' }];
  for (const file of new Set(refs)) assets.push({ kind: file.split('.').pop(), file });
  return assets;
}

function brotliBytes(file) {
  const compressed = join(DIST, `${file}.br`);
  assert.ok(existsSync(compressed), `${file}.br is missing: the build precompresses every asset`);
  return statSync(compressed).size;
}

test('the page references its css, js and wasm', () => {
  const kinds = [...new Set(firstLoadAssets().map((a) => a.kind))].sort();
  assert.deepEqual(kinds, ['css', 'html', 'js', 'wasm']);
});

test('every first-load asset stays within its own budget', () => {
  for (const { kind, file } of firstLoadAssets()) {
    const bytes = brotliBytes(file);
    console.log(`${kind.padEnd(5)} ${String(bytes).padStart(7)} B brotli  (budget ${budgets.assets[kind]})  ${file}`);
    assert.ok(bytes <= budgets.assets[kind], `${file}: ${bytes} B > ${budgets.assets[kind]} B`);
  }
});

test('the first load stays within the total budget', () => {
  const total = firstLoadAssets().reduce((sum, { file }) => sum + brotliBytes(file), 0);
  console.log(`total ${total} B brotli (budget ${budgets.first_load_total})`);
  assert.ok(total <= budgets.first_load_total, `first load ${total} B > ${budgets.first_load_total} B`);
});

test('public/embed.js, as built (minified), stays within its raw budget', () => {
  const file = join(DIST, 'public/embed.js');
  assert.ok(existsSync(file), 'dist/public/embed.js is missing: the build copies public/');
  const bytes = statSync(file).size;
  console.log(`embed.js ${bytes} B raw (budget ${budgets.embed_js_minified})`);
  assert.ok(bytes <= budgets.embed_js_minified, `public/embed.js: ${bytes} B > ${budgets.embed_js_minified} B`);
});
