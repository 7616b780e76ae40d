// Raw, brotli and gzip bytes of the built bundle's assets, as the host serves
// them: the .br and .gz files the build writes next to each asset.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The same settings as scripts/compress.mjs, for a file the build did not compress. */
export function compress(data) {
  return {
    brotli: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzip: gzipSync(data, { level: 9 }),
  };
}

/** The css, js and wasm files index.html references (the first load), by kind. */
export function firstLoadFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // Minified HTML may leave attribute values unquoted; the wasm is named by
  // the paylink-wasm meta.
  const refs = [...html.matchAll(/(?:href|src|content)="?\/([^"\s>]+\.(css|js|wasm))/g)];
  const byKind = { css: [], js: [], wasm: [] };
  for (const [, file, kind] of refs) if (!byKind[kind].includes(file)) byKind[kind].push(file);
  return byKind;
}

function sizeOf(dist, file) {
  const path = join(dist, file);
  const raw = statSync(path).size;
  const sibling = (ext) => (existsSync(`${path}.${ext}`) ? statSync(`${path}.${ext}`).size : null);
  let brotli = sibling('br');
  let gzip = sibling('gz');
  let computed = false;
  if (brotli === null || gzip === null) {
    const packed = compress(readFileSync(path));
    brotli ??= packed.brotli.length;
    gzip ??= packed.gzip.length;
    computed = true;
  }
  return { file, raw, brotli, gzip, ...(computed ? { computed_here: true } : {}) };
}

/** Sizes of wasm, JS glue, CSS (every stylesheet), index.html, public/embed.js (null when absent), the split loader and the chunks. */
export function bundleSizes(dist) {
  const refs = firstLoadFiles(dist);
  const missing = ['css', 'js', 'wasm'].filter((kind) => refs[kind].length === 0);
  if (missing.length) throw new Error(`index.html references no ${missing.join(', ')} file`);
  const add = (list) => ({
    file: list.map((s) => s.file).join(' + '),
    raw: list.reduce((t, s) => t + s.raw, 0),
    brotli: list.reduce((t, s) => t + s.brotli, 0),
    gzip: list.reduce((t, s) => t + s.gzip, 0),
  });
  const cssFiles = refs.css.map((file) => sizeOf(dist, file));
  const sizes = {
    wasm: sizeOf(dist, refs.wasm[0]),
    js: sizeOf(dist, refs.js[0]),
    css: add(cssFiles),
    css_files: cssFiles,
    html: sizeOf(dist, 'index.html'),
    embed_js: existsSync(join(dist, 'public/embed.js')) ? sizeOf(dist, 'public/embed.js') : null,
    // The glue imports the split loader; the loader fetches the chunk of the
    // screens after Pay once the pay screen is painted (scripts/split.mjs).
    split_loader: refs.js[1] ? sizeOf(dist, refs.js[1]) : null,
    after_pay_chunks: readdirSync(dist).filter((f) => /^chunk-.*\.wasm$/.test(f)).sort().map((f) => sizeOf(dist, f)),
  };
  // Everything index.html makes the browser load, as tests/size counts it.
  const firstLoad = [sizes.html, ...cssFiles, ...refs.js.map((f) => sizeOf(dist, f)), ...refs.wasm.map((f) => sizeOf(dist, f))];
  sizes.first_load = { ...add(firstLoad), files: firstLoad.map((s) => s.file) };
  return sizes;
}

/**
 * A private copy of `dist` for a sandbox to serve: a bench measures one
 * bundle from start to end, and what it adds (floor.html) never lands in the
 * deployable dist/. Copied again if index.html names files the copy lacks.
 */
export async function snapshotDist(dist) {
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'paylink-bench-'));
    try {
      cpSync(dist, dir, { recursive: true });
      const refs = firstLoadFiles(dir);
      const files = [...refs.css, ...refs.js, ...refs.wasm];
      if (refs.css.length && refs.js.length && refs.wasm.length && files.every((f) => existsSync(join(dir, f)) && existsSync(join(dir, `${f}.br`)))) {
        return dir;
      }
    } catch {
      // dist/ changed while it was copied: try again.
    }
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  throw new Error(`${dist} holds no complete bundle: run \`make build\``);
}
