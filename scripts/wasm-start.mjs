// Hands the wasm's fetch to index.html's inline script, in a release bundle:
//   node scripts/wasm-start.mjs <dist dir>
// scripts/build.sh runs it after split.mjs (the wasm is final then), before
// compress.mjs.
//
// Trunk's index.html preloads the wasm as soon as the head is parsed, and its
// loader passes the URL to init(), whose fetch has no integrity. Instead:
//   - the `paylink-wasm` meta gets the wasm's path and sha384; the inline
//     script fetches it with that integrity, when it decides to (once the
//     summary is painted on a fast network, at once on a slow one);
//   - Trunk's `<link rel=preload>` of the wasm goes (it would start the
//     download at once, and Chromium ignores its integrity);
//   - Trunk's loader passes the inline script's fetch, a Promise<Response>,
//     to init(), which accepts one.
// Every change is checked: an index.html that is not as Trunk writes it is an
// error, never a page left half rewritten.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2];
if (!dist || !existsSync(join(dist, 'index.html'))) {
  console.error('usage: node scripts/wasm-start.mjs <dist dir with index.html>');
  process.exit(2);
}
const fail = (why) => {
  console.error(`wasm-start: ${join(dist, 'index.html')}: ${why}`);
  process.exit(1);
};
const path = join(dist, 'index.html');
let html = readFileSync(path, 'utf8');

const call = /const wasm = await init\(\{ module_or_path: '(\/[\w-]+_bg\.wasm)' \}\);/;
const wasmPath = call.exec(html)?.[1] ?? fail("no Trunk loader calling init() with the wasm's path");
const file = join(dist, wasmPath.slice(1));
if (!existsSync(file)) fail(`the loader names ${wasmPath}, which is not in the bundle`);
const integrity = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

const preload = /<link\b(?=[^>]*\brel="?preload\b)(?=[^>]*\bhref="?([^"\s>]+))[^>]*>/g;
const wasmPreloads = [...html.matchAll(preload)].filter((m) => m[1] === wasmPath);
if (wasmPreloads.length !== 1) fail(`expected one preload of ${wasmPath}, found ${wasmPreloads.length}`);
html = html.replace(wasmPreloads[0][0], '');

const meta = /<meta\b(?=[^>]*\bname=["']?paylink-wasm\b)[^>]*>/;
if (!meta.test(html)) fail('no paylink-wasm meta');
html = html.replace(meta, `<meta name="paylink-wasm" content="${wasmPath} ${integrity}">`);
html = html.replace(call, 'const wasm = await init({ module_or_path: window.paylinkWasm });');

writeFileSync(path, html);
console.log(`wasm-start: ${wasmPath} fetched by the inline script, ${integrity.slice(0, 18)}…`);
