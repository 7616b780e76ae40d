// Size budgets of the built page: the bytes a payer's phone downloads before
// the page is interactive (brotli, as served), per asset and in total; and
// the raw bytes of public/embed.js, the script merchants' pages load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
// One bundle per provider (scripts/build.sh); a deployment ships one, so each is held to the budget.
const BUNDLES = [['Colurs', DIST], ['Belvo', join(ROOT, 'dist-belvo')]];
const budgets = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url)));

/** The first-load assets index.html references, by kind. */
export function firstLoadAssets(dist = DIST) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // Minified HTML may leave attribute values unquoted; the wasm is named by
  // the paylink-wasm meta, which the inline script fetches it from.
  const refs = [...html.matchAll(/(?:href|src|content)="?\/([^"\s>]+\.(?:css|js|wasm))/g)].map((m) => m[1]);
  const assets = [{ kind: 'html', file: 'index.html' }];
  for (const file of new Set(refs)) assets.push({ kind: file.split('.').pop(), file });
  return assets;
}

function brotliBytes(file, dist = DIST) {
  const compressed = join(dist, `${file}.br`);
  assert.ok(existsSync(compressed), `${file}.br is missing: the build precompresses every asset`);
  return statSync(compressed).size;
}

for (const [provider, dist] of BUNDLES) {
  test(`the ${provider} page references its css, js and wasm`, () => {
    const kinds = [...new Set(firstLoadAssets(dist).map((a) => a.kind))].sort();
    assert.deepEqual(kinds, ['css', 'html', 'js', 'wasm']);
  });

  test(`every first-load asset of the ${provider} page stays within its own budget`, () => {
    for (const { kind, file } of firstLoadAssets(dist)) {
      const bytes = brotliBytes(file, dist);
      console.log(`${provider} ${kind.padEnd(5)} ${String(bytes).padStart(7)} B brotli  (budget ${budgets.assets[kind]})  ${file}`);
      assert.ok(bytes <= budgets.assets[kind], `${file}: ${bytes} B > ${budgets.assets[kind]} B`);
    }
  });

  test(`the first load of the ${provider} page stays within the total budget`, () => {
    const total = firstLoadAssets(dist).reduce((sum, { file }) => sum + brotliBytes(file, dist), 0);
    console.log(`${provider} total ${total} B brotli (budget ${budgets.first_load_total})`);
    assert.ok(total <= budgets.first_load_total, `first load ${total} B > ${budgets.first_load_total} B`);
  });
}

/** The files of "continue on your phone" (scripts/qr-module.mjs): the loader and the encoder. */
export function qrFiles(dist = DIST) {
  return readdirSync(dist).filter((file) => file === 'qr.js' || /^qr-[0-9a-f]{16}\.wasm$/.test(file)).sort();
}

for (const [provider, dist] of BUNDLES) {
  test(`the ${provider} page's QR code is outside its first load, within its own budget`, () => {
    const files = qrFiles(dist);
    assert.equal(files.length, 2, `expected qr.js and one qr-<hash>.wasm, found ${files}`);
    const firstLoad = firstLoadAssets(dist).map(({ file }) => file);
    for (const file of files) assert.ok(!firstLoad.includes(file), `${file} is loaded at first load`);
    const bytes = files.reduce((sum, file) => sum + brotliBytes(file, dist), 0);
    console.log(`${provider} qr (loader and wasm) ${bytes} B brotli, on demand (budget ${budgets.lazy.qr})`);
    assert.ok(bytes <= budgets.lazy.qr, `${files}: ${bytes} B > ${budgets.lazy.qr} B`);
  });
}

/** The screens after Pay (scripts/split.mjs): the chunks the split loader fetches, each with its integrity. */
export function afterPayChunks(dist = DIST) {
  const loader = firstLoadAssets(dist).find(({ file }) => /^split-[0-9a-f]{16}\.js$/.test(file));
  assert.ok(loader, 'index.html loads no split loader (split-<hash>.js)');
  const text = readFileSync(join(dist, loader.file), 'utf8');
  return [...text.matchAll(/new URL\("\.\/([^"]+\.wasm)",import\.meta\.url\),\{integrity:"(sha384-[^"]+)"\}/g)]
    .map(([, file, integrity]) => ({ file, integrity }));
}

for (const [provider, dist] of BUNDLES) {
  test(`the ${provider} page's screens after Pay are a chunk outside its first load, within its own budget`, () => {
    const chunks = afterPayChunks(dist);
    assert.ok(chunks.length >= 1, 'the split loader fetches no chunk with its integrity');
    const firstLoad = firstLoadAssets(dist).map(({ file }) => file);
    for (const { file } of chunks) {
      assert.ok(existsSync(join(dist, file)), `${file} is missing`);
      assert.ok(!firstLoad.includes(file), `${file} is loaded at first load`);
      const bytes = brotliBytes(file, dist);
      console.log(`${provider} chunk ${String(bytes).padStart(7)} B brotli, after the pay screen (budget ${budgets.lazy.after_pay_chunk})  ${file}`);
      assert.ok(bytes <= budgets.lazy.after_pay_chunk, `${file}: ${bytes} B > ${budgets.lazy.after_pay_chunk} B`);
    }
  });
}

test('public/embed.js, as built (minified), stays within its raw budget', () => {
  const file = join(DIST, 'public/embed.js');
  assert.ok(existsSync(file), 'dist/public/embed.js is missing: the build copies public/');
  const bytes = statSync(file).size;
  console.log(`embed.js ${bytes} B raw (budget ${budgets.embed_js_minified})`);
  assert.ok(bytes <= budgets.embed_js_minified, `public/embed.js: ${bytes} B > ${budgets.embed_js_minified} B`);
});
