// Splits a release bundle's wasm at its split points (src/ui/after_pay.rs,
// Cargo feature `split`) and puts the parts in place of Trunk's one module:
//   node scripts/split.mjs <cargo's paylink.wasm> <dist dir>
// scripts/build.sh runs it right after each bundle's `trunk build`, before
// minify.mjs and compress.mjs.
//
// Why a script: Trunk 0.21 runs cargo, wasm-bindgen and wasm-opt in one go
// and has no split step, so its wasm still imports the placeholder module the
// split points name and cannot start. This redoes its last two steps in the
// order cargo-leptos uses: wasm-split-cli (crate wasm_split_cli_support,
// installed by scripts/setup.sh) on cargo's output (linked with
// --emit-relocs, so the tool can move code), then wasm-bindgen with
// --keep-lld-exports on the main module (the chunks import what they share
// with it through those exports), then wasm-opt on every module, with the
// parameters index.html gives Trunk.
//
// What it leaves in the bundle:
//   - Trunk's JS glue and wasm, same names, new contents: the main module,
//     whose glue imports the split loader;
//   - the split loader, split-<hash>.js, with a modulepreload link and its
//     integrity in index.html (the glue imports it before the page starts);
//   - each chunk as <name>-<hash>.wasm, fetched by the loader with its
//     sha384 as the fetch's `integrity`, so a chunk is held to SRI as the
//     glue and the main wasm are (docs/security.md).
// File names keep Trunk's hash, as minify.mjs keeps it: it follows cargo's
// output, which the split follows deterministically (pinned tools).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const [rawWasm, distArg] = process.argv.slice(2);
if (!rawWasm || !distArg) {
  console.error('usage: node scripts/split.mjs <paylink.wasm> <dist dir>');
  process.exit(2);
}
const dist = resolve(distArg);
const root = resolve(new URL('..', import.meta.url).pathname);
const work = join(root, 'target', 'split', basename(dist));
const cargoBin = join(process.env.CARGO_HOME || join(process.env.HOME, '.cargo'), 'bin');
const tool = (name) => (existsSync(join(cargoBin, name)) ? join(cargoBin, name) : name);
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');

const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
const hash16 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

const indexFile = join(dist, 'index.html');
let html = readFileSync(indexFile, 'utf8');
const stem = /\/(paylink-[0-9a-f]+)\.js\b/.exec(html)?.[1];
if (!stem || !existsSync(join(dist, `${stem}.js`)) || !existsSync(join(dist, `${stem}_bg.wasm`))) {
  console.error(`split: ${indexFile} names no Trunk glue and wasm (paylink-<hash>.js, _bg.wasm)`);
  process.exit(2);
}
// The wasm-opt parameters Trunk was given (index.html in the source tree).
const source = readFileSync(join(root, 'index.html'), 'utf8');
const level = /data-wasm-opt="([^"]+)"/.exec(source)?.[1] ?? 'z';
const params = (/data-wasm-opt-params="([^"]*)"/.exec(source)?.[1] ?? '').split(/\s+/).filter(Boolean);
const optimise = (input, output) => run(wasmOpt, [`--output=${output}`, `-O${level}`, input, ...params]);

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'bindgen'), { recursive: true });
run(tool('wasm-split-cli'), ['--target', 'web', '--out-name', stem, rawWasm, work]);
const splitJs = readFileSync(join(work, '__wasm_split.js'), 'utf8');
const chunks = readdirSync(work).filter((name) => name.endsWith('.wasm') && name !== `${stem}.wasm`);
if (chunks.length === 0) {
  console.error(`split: ${rawWasm} has no split points: was it built with the feature \`split\`?`);
  process.exit(1);
}
run(tool('wasm-bindgen'), [
  '--target', 'web', '--keep-lld-exports', '--no-typescript',
  '--out-dir', join(work, 'bindgen'), '--out-name', stem, join(work, `${stem}.wasm`),
]);

// Old chunks and loaders of an earlier build of this bundle.
for (const old of readdirSync(dist).filter((f) => /^(split-[0-9a-f]{16}\.js|chunk-[a-z0-9-]+-[0-9a-f]{16}\.wasm)(\.br|\.gz)?$/.test(f))) {
  rmSync(join(dist, old));
}

// The chunks: optimised, named by their contents, fetched with their hash.
let loader = splitJs;
for (const chunk of chunks) {
  const optimised = join(work, `opt-${chunk}`);
  optimise(join(work, chunk), optimised);
  const data = readFileSync(optimised);
  const name = `chunk-${chunk.replace(/\.wasm$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${hash16(data)}.wasm`;
  writeFileSync(join(dist, name), data);
  const literal = `new URL("./${chunk}", import.meta.url)`;
  if (!loader.includes(`fetch(${literal})`)) throw new Error(`split: the loader does not fetch ${chunk} as expected`);
  loader = loader.replace(`fetch(${literal})`, `fetch(new URL("./${name}", import.meta.url), { integrity: "${sri(data)}" })`);
  console.log(`split: ${name}  ${data.length} B`);
}
const loaderName = `split-${hash16(loader)}.js`;
writeFileSync(join(dist, loaderName), loader);

// The main module and its glue, which imports the loader by its new name.
const glue = readFileSync(join(work, 'bindgen', `${stem}.js`), 'utf8');
// Only the module specifier: the imports object keeps the wasm's own module name.
const specifier = /(\bfrom\s*)(['"])\.\/__wasm_split\.js\2/g;
if ((glue.match(specifier) ?? []).length !== 1) throw new Error('split: the glue does not import ./__wasm_split.js once');
writeFileSync(join(dist, `${stem}.js`), glue.replace(specifier, `$1$2./${loaderName}$2`));
optimise(join(work, 'bindgen', `${stem}_bg.wasm`), join(dist, `${stem}_bg.wasm`));
for (const file of [`${stem}.js`, `${stem}_bg.wasm`]) {
  console.log(`split: ${file}  ${readFileSync(join(dist, file)).length} B`);
}

// index.html: the integrity of what changed, and the loader preloaded next to the glue.
const integrityOf = (file) => sri(readFileSync(join(dist, file)));
let fixed = 0;
html = html.replace(/<link\b[^>]*>/gi, (tag) => {
  const href = /\shref="?\/([^"\s>]+)"?/.exec(tag)?.[1];
  if (href !== `${stem}.js` && href !== `${stem}_bg.wasm`) return tag;
  if (!/\sintegrity=/.test(tag)) throw new Error(`split: ${tag} has no integrity`);
  fixed += 1;
  const updated = tag.replace(/(\sintegrity=)("[^"]*"|[^\s>]+)/, `$1"${integrityOf(href)}"`);
  if (href !== `${stem}.js`) return updated;
  return `${updated}<link rel="modulepreload" href="/${loaderName}" crossorigin="anonymous" integrity="${integrityOf(loaderName)}">`;
});
if (fixed !== 2) throw new Error(`split: expected the glue's and the wasm's preload links in ${indexFile}, found ${fixed}`);
writeFileSync(indexFile, html);
