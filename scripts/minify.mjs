// Minifies the release bundle's JavaScript in place, then fixes the integrity
// attributes that name it: `node scripts/minify.mjs dist` (make build runs it
// after both trunk builds, before compress.mjs).
//
// Why: Trunk's `minify = "on_release"` minifies HTML and CSS but ships the
// wasm-bindgen JS glue as wasm-bindgen writes it (comments, JSDoc, long names),
// and copies public/embed.js as it is. esbuild (pinned in package.json) only
// minifies here: no bundling, no tree shaking, no syntax lowering.
//
//   - `<dir>/*.js` of each bundle (and of every subdirectory with an
//     index.html): the glue, an ES module imported by
//     Trunk's inline loader (`import init, * as bindings`), so it stays ESM
//     and keeps every export, `default` included.
//   - `public/embed.js`: a classic script on merchants' pages; no format
//     change (its IIFE stays an IIFE, top-level names stay as they are).
//
// File names keep Trunk's content hash: it is a hash of the unminified glue,
// which the minified bytes follow deterministically (same glue, same esbuild).
// Every `integrity="sha…"` that names a rewritten file is recomputed with the
// same algorithm; one that did not match the file before is an error, never
// silently replaced. Inline scripts are untouched, so CSP hashes stay valid.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';

const dist = resolve(process.argv[2] || 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`minify: no index.html in ${dist}: build the page first`);
  process.exit(2);
}

const digest = (algorithm, data) => createHash(algorithm).update(data).digest('base64');

const bundles = [dist, ...readdirSync(dist)
  .filter((name) => !name.startsWith('.') && statSync(join(dist, name)).isDirectory())
  .map((name) => join(dist, name))
  .filter((dir) => existsSync(join(dir, 'index.html')))];

/** file -> { before, after } (Buffers) of every file rewritten. */
const rewritten = new Map();

function minify(file, options) {
  const before = readFileSync(file);
  const { code } = transformSync(before.toString('utf8'), { loader: 'js', minify: true, ...options });
  rewritten.set(file, { before, after: Buffer.from(code, 'utf8') });
}

for (const dir of bundles) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) {
    minify(join(dir, name), { format: 'esm' });
  }
}
const embed = join(dist, 'public', 'embed.js');
if (existsSync(embed)) minify(embed, {});

// ---------------------------------------------------------------- integrity

/** An attribute value as the browser reads it (Trunk may write `&#x2D;`). */
function decode(value) {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|quot|apos|lt|gt);/g, (_, ref) => {
    const named = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
    if (ref in named) return named[ref];
    return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
  });
}

const ATTRIBUTE = (name) => new RegExp(`(\\s${name}=)("[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i');
const unquote = (raw) => decode(/^["']/.test(raw) ? raw.slice(1, -1) : raw);

function fixIntegrity(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  let changed = 0;
  // Trunk's tags hold no `>` inside attribute values (URLs and base64 only).
  const out = html.replace(/<(?:link|script)\b[^>]*>/gi, (tag) => {
    const integrity = ATTRIBUTE('integrity').exec(tag);
    const url = ATTRIBUTE('href').exec(tag) ?? ATTRIBUTE('src').exec(tag);
    if (!integrity || !url) return tag;
    // Every bundle's URLs are absolute paths from dist/ (public_url / and /gallery/).
    const file = join(dist, new URL(unquote(url[2]), 'http://dist.invalid/').pathname);
    const entry = rewritten.get(file);
    if (!entry) return tag;
    const tokens = unquote(integrity[2]).split(/\s+/).filter(Boolean).map((token) => {
      const dash = token.indexOf('-');
      const algorithm = token.slice(0, dash);
      if (!['sha256', 'sha384', 'sha512'].includes(algorithm)) throw new Error(`${htmlFile}: unknown integrity "${token}" for ${file}`);
      if (token.slice(dash + 1) !== digest(algorithm, entry.before)) {
        throw new Error(`${htmlFile}: integrity "${token}" did not match ${file} before minifying`);
      }
      return `${algorithm}-${digest(algorithm, entry.after)}`;
    });
    changed += 1;
    const quote = tokens.length > 1 || /^"/.test(integrity[2]) ? '"' : /^'/.test(integrity[2]) ? "'" : '';
    return tag.replace(ATTRIBUTE('integrity'), `$1${quote}${tokens.join(' ')}${quote}`);
  });
  return { htmlFile, out, changed };
}

// Nothing is written until every integrity attribute has been checked.
const pages = bundles.map((dir) => fixIntegrity(join(dir, 'index.html')));
for (const [file, { before, after }] of rewritten) {
  writeFileSync(file, after);
  console.log(`minify: ${file.slice(dist.length + 1)}  ${before.length} -> ${after.length} B`);
}
for (const { htmlFile, out, changed } of pages) {
  writeFileSync(htmlFile, out);
  console.log(`minify: ${htmlFile.slice(dist.length + 1)}  ${changed} integrity attribute(s) recomputed`);
}
