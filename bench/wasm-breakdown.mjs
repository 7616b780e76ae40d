// Where the wasm's bytes come from, and what wasm-opt -Oz takes off, from the
// last release build's wasm-bindgen output of the Colurs page's main module
// (scripts/split.mjs leaves it in target/split/dist/bindgen/, before wasm-opt):
//
//   make build && node bench/wasm-breakdown.mjs [path/to/paylink_bg.wasm]
//
// Function sizes are those before wasm-opt, grouped by the crate in each
// function's name: wasm-opt inlines and merges, so the shares are a guide
// to what the bundle is made of, not bytes each crate adds to the output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compress } from './sizes.mjs';
import { fmt, table } from './stats.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BINDGEN = join(ROOT, 'target/split/dist/bindgen');
const INPUT = process.argv[2]
  || join(BINDGEN, readdirSync(BINDGEN).find((name) => name.endsWith('_bg.wasm')) ?? 'paylink_bg.wasm');
const WASM_OPT = join(ROOT, 'node_modules/.bin/wasm-opt');

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, pos];
    shift += 7;
  }
}

function readName(bytes, at) {
  const [len, pos] = leb(bytes, at);
  return [bytes.subarray(pos, pos + len).toString('utf8'), pos + len];
}

/** Sections by name, the body size of each defined function, and function names. */
function parse(bytes) {
  const sections = {};
  const bodies = [];
  const names = new Map();
  let imported = 0;
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    const end = start + size;
    let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
      'element', 'code', 'data', 'datacount', 'tag'][id] ?? `section ${id}`;
    if (id === 0) name = `custom: ${readName(bytes, start)[0]}`;
    sections[name] = (sections[name] ?? 0) + (end - pos);
    if (id === 2) {
      let [count, p] = leb(bytes, start);
      for (; count > 0; count -= 1) {
        [, p] = readName(bytes, p);
        [, p] = readName(bytes, p);
        const kind = bytes[p++];
        if (kind === 0) { imported += 1; [, p] = leb(bytes, p); }
        else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) { p += 2; }
        else { p += 2; [, p] = leb(bytes, p); }
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, start);
      for (; count > 0; count -= 1) {
        const [bodySize, bodyStart] = leb(bytes, p);
        bodies.push(bodySize + (bodyStart - p));
        p = bodyStart + bodySize;
      }
    } else if (id === 0 && readName(bytes, start)[0] === 'name') {
      let p = readName(bytes, start)[1];
      while (p < end) {
        const sub = bytes[p];
        const [subSize, subStart] = leb(bytes, p + 1);
        if (sub === 1) {
          let [count, q] = leb(bytes, subStart);
          for (; count > 0; count -= 1) {
            let index;
            let fname;
            [index, q] = leb(bytes, q);
            [fname, q] = readName(bytes, q);
            names.set(index, fname);
          }
        }
        p = subStart + subSize;
      }
    }
    pos = end;
  }
  return { sections, bodies, names, imported };
}

/** The crate a (demangled or mangled) function name belongs to. */
export function crateOf(name) {
  let text = name;
  const mangled = /^_ZN(\d+)/.exec(text);
  if (mangled) text = text.slice(3 + mangled[1].length, 3 + mangled[1].length + Number(mangled[1]));
  text = text.replace(/\$LT\$/g, '<').replace(/\$u20\$/g, ' ').replace(/\.\./g, '::');
  // `crate[hash]::path`, `<crate[hash]::Type as …>::f` (the type's crate) or,
  // for a type without a crate (`<&str as …>`, `<_ as …>`), the trait's.
  text = text.replace(/^<+/, '').replace(/^(?:&(?:mut )?|dyn |\*(?:const|mut) |\[|\()+/, '');
  const path = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(text);
  if (path) return path[1];
  const trait = / as ([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(text);
  if (trait) return trait[1];
  return '(other)';
}

function wasmOpt(args) {
  execFileSync(WASM_OPT, args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
}

const bytes = readFileSync(INPUT);
const { sections, bodies, names, imported } = parse(bytes);
const byCrate = new Map();
bodies.forEach((size, i) => {
  const crate = crateOf(names.get(imported + i) ?? '');
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
});
const code = bodies.reduce((a, b) => a + b, 0);
const byModule = new Map();
bodies.forEach((size, i) => {
  const name = names.get(imported + i) ?? '';
  if (crateOf(name) !== 'paylink') return;
  const module = /paylink(?:\[[0-9a-f]+\])?::([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?/.exec(name);
  const key = module ? (module[2] && /^[a-z]/.test(module[2]) ? `${module[1]}::${module[2]}` : module[1]) : '(crate root)';
  byModule.set(key, (byModule.get(key) ?? 0) + size);
});

const work = mkdtempSync(join(tmpdir(), 'paylink-wasm-'));
try {
  const stripped = join(work, 'stripped.wasm');
  const optimised = join(work, 'oz.wasm');
  wasmOpt([INPUT, '--strip-debug', '--strip-producers', '-o', stripped]);
  wasmOpt([INPUT, '-Oz', '--strip-debug', '--strip-producers', '-o', optimised]);
  const size = (path) => {
    const data = readFileSync(path);
    const packed = compress(data);
    return { raw: data.length, brotli: packed.brotli.length, gzip: packed.gzip.length };
  };
  const before = size(stripped);
  const after = size(optimised);
  const built = readdirSync(join(ROOT, 'dist')).find((f) => f.endsWith('_bg.wasm'));
  const shipped = built ? size(join(ROOT, 'dist', built)) : null;

  process.stdout.write(`${INPUT}\n\nwasm-opt -Oz (binaryen in node_modules), debug info stripped on both sides\n`);
  process.stdout.write(`${table([
    ['', 'raw B', 'brotli B', 'gzip B'],
    ['before wasm-opt', fmt(before.raw), fmt(before.brotli), fmt(before.gzip)],
    ['after wasm-opt -Oz', fmt(after.raw), fmt(after.brotli), fmt(after.gzip)],
    ...(shipped ? [[`dist/${built}`, fmt(shipped.raw), fmt(shipped.brotli), fmt(shipped.gzip)]] : []),
  ], ['left'])}\n`);

  if (shipped && Math.abs(shipped.raw - after.raw) > after.raw / 100) {
    process.stdout.write(`note: dist/${built} is not this file after wasm-opt: another build wrote ${INPUT} since\n`);
  }
  process.stdout.write('\nSections before wasm-opt (bytes)\n');
  const sectionRows = Object.entries(sections).sort((a, b) => b[1] - a[1]).map(([n, s]) => [n, fmt(s)]);
  process.stdout.write(`${table([['section', 'bytes'], ...sectionRows], ['left'])}\n`);

  process.stdout.write(`\nFunction bodies before wasm-opt by crate (${fmt(bodies.length)} functions, ${fmt(code)} B; names: ${names.size ? 'yes' : 'none'})\n`);
  const crateRows = [...byCrate.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)
    .map(([crate, s]) => [crate, fmt(s), `${fmt((100 * s) / code, 1)}%`]);
  process.stdout.write(`${table([['crate', 'bytes', 'share'], ...crateRows], ['left'])}\n`);
  const own = byCrate.get('paylink') ?? 0;
  process.stdout.write(`\npaylink's own functions by module (${fmt(own)} B)\n`);
  const moduleRows = [...byModule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
    .map(([module, s]) => [module, fmt(s), `${fmt((100 * s) / code, 1)}%`]);
  process.stdout.write(`${table([['module', 'bytes', 'share of all'], ...moduleRows], ['left'])}\n`);

  const largest = bodies.map((size, i) => [size, names.get(imported + i) ?? `function ${imported + i}`])
    .sort((a, b) => b[0] - a[0]).slice(0, Number(process.env.TOP_FUNCTIONS ?? 25));
  process.stdout.write(`\nLargest functions before wasm-opt\n`);
  process.stdout.write(`${table([['bytes', 'function'], ...largest.map(([s, n]) => [fmt(s), n.slice(0, 110)])], ['right', 'left'])}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
