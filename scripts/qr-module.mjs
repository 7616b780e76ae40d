// Puts the page's QR codes into a bundle: the encoder (the
// qr/ crate's wasm, built and optimised by scripts/build.sh) as
// qr-<hash>.wasm, and its loader (qr/loader.mjs, minified, naming that file
// and its sha384) as qr.js:
//   node scripts/qr-module.mjs <qr.wasm> <dist dir>
// The page adds /qr.js only when a payer opens the offer or is shown a
// payment code (src/web/qr.rs): neither file is part of the first load. The wasm's name has a hash, so
// hosts cache it as they cache Trunk's files; the loader's has none (the
// page names it without reading anything first), so hosts revalidate it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const [wasmFile, dir] = process.argv.slice(2);
if (!wasmFile || !dir) {
  console.error('usage: node scripts/qr-module.mjs <qr.wasm> <dist dir>');
  process.exit(2);
}
const hashed = (data, ext) => `qr-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.${ext}`;
const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

for (const old of readdirSync(dir).filter((f) => /^qr(-[0-9a-f]+\.wasm|\.js)(\.br|\.gz)?$/.test(f))) rmSync(join(dir, old));
const wasm = readFileSync(wasmFile);
const wasmName = hashed(wasm, 'wasm');
writeFileSync(join(dir, wasmName), wasm);
const source = readFileSync(new URL('../qr/loader.mjs', import.meta.url), 'utf8')
  .replace('__QR_WASM__', `/${wasmName}`)
  .replace('__QR_WASM_INTEGRITY__', sri(wasm));
const loader = Buffer.from(transformSync(source, { minify: true, format: 'esm', target: 'es2022' }).code);
writeFileSync(join(dir, 'qr.js'), loader);
