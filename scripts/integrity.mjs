#!/usr/bin/env node
// The payment page's script inventory and its integrity check (PCI DSS 4.0
// requirements 6.4.3 and 11.6.1; docs/security.md explains both).
//
//   node scripts/integrity.mjs print [dist]
//     Every script and asset the built page loads: path, bytes, sha384
//     (base64, as in SRI) and why it is there; the sha256 of each inline
//     script and the Content-Security-Policy the page must be served with.
//     Exits 1 if dist/ is inconsistent (an integrity attribute that does not
//     match its file, a referenced file missing).
//
//   node scripts/integrity.mjs check <base-url> [dist] [--token TOKEN]
//                                    [--frame-ancestors 'SOURCES']
//     Fetches <base-url>/pay/<TOKEN> (default: a random uuid; any well-formed
//     token gets the same document) and every asset it references, in each
//     encoding the host offers (identity, gzip, br), and compares bytes and
//     security headers with what dist/ says they must be. `frame-ancestors`
//     must be what the deployment's own link lookup gives for TOKEN (the
//     link's `allowed_embed_origins`, or 'none' for an unknown link), or
//     exactly --frame-ancestors for a host that sends one list for every
//     link. Prints every difference and exits 1 if there is any, 2 if the
//     check could not run.
//
// Node 18 or later, and the sandbox's `page-facts` command, which reads the
// HTML and computes the policy (see pageFacts below).
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

// What docs/deploying.md prescribes, besides the policy computed from dist/.
export const EXPECTED_HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(), geolocation=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin-allow-popups',
};
// Directives a deployment may add to the policy without weakening it.
const OPTIONAL_DIRECTIVES = new Set(['report-uri', 'report-to', 'upgrade-insecure-requests']);
const ENCODINGS = ['identity', 'gzip', 'br'];
const TIMEOUT_MS = 15_000;
const HSTS_MIN_SECONDS = 31_536_000;

const sha = (algorithm, data) => createHash(algorithm).update(data).digest('base64');

// ---------------------------------------------------------------- HTML

/**
 * What the sandbox's page policy (sandbox/src/serving/page_policy.rs) reads in an
 * HTML document: its start tags (attributes decoded, the text of inline
 * scripts, the comment before each), the `'sha256-…'` source of each inline
 * script, and the Content-Security-Policy the page must be served with.
 * The policy is computed there alone, so the host checked here and the
 * sandbox every test runs against cannot drift apart. Runs
 * `paylink-sandbox page-facts`: the binary PAYLINK_SANDBOX names, or the
 * workspace's, built by cargo when its sources changed.
 */
export function pageFacts(html) {
  const known = factsOf.get(html);
  if (known) return known;
  const [command, args] = process.env.PAYLINK_SANDBOX
    ? [process.env.PAYLINK_SANDBOX, ['page-facts']]
    : ['cargo', ['run', '--quiet', '--manifest-path', WORKSPACE_MANIFEST, '-p', 'paylink-sandbox', '--', 'page-facts']];
  const run = spawnSync(command, args, { input: html, maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'inherit'] });
  if (run.error) throw new Error(`cannot run ${command} (set PAYLINK_SANDBOX to a built paylink-sandbox): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${run.status}`);
  const facts = JSON.parse(run.stdout.toString('utf8'));
  factsOf.set(html, facts);
  return facts;
}

const factsOf = new Map();
const WORKSPACE_MANIFEST = fileURLToPath(new URL('../Cargo.toml', import.meta.url));

function collapse(text) {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of each run of `//` comment lines in a script. */
function lineCommentBlocks(script) {
  const blocks = [];
  let current = null;
  for (const line of script.split(/\r\n?|\n/)) {
    const comment = /^\s*\/\/(.*)$/.exec(line);
    if (comment) {
      current ??= [];
      current.push(comment[1]);
    } else if (current) {
      blocks.push(current.join(' '));
      current = null;
    }
  }
  if (current) blocks.push(current.join(' '));
  return blocks;
}

function firstSentence(text) {
  const collapsed = collapse(text);
  const stop = collapsed.search(/[.;:](\s|$)/);
  return stop === -1 ? collapsed : collapsed.slice(0, stop);
}

// ---------------------------------------------------------------- the page

/** What index.html says: inline scripts, referenced assets, the API base,
 *  and the policy it must be served with. */
export function describePage(html) {
  const facts = pageFacts(html);
  const inline = [];
  const references = [];
  const dataUris = [];
  let provider = '';
  const refer = (url, why, integrity = null) => {
    const existing = references.find((r) => r.url === url);
    if (existing) {
      existing.why.push(why);
      existing.integrity ??= integrity;
    } else {
      references.push({ url, why: [why], integrity });
    }
  };
  for (const element of facts.elements) {
    const a = element.attributes;
    if (element.csp_hash) {
      const text = element.text ?? '';
      const isLoader = a.type === 'module' && /\bimport\s+init\b/.test(text);
      const why = isLoader
        ? "Trunk's loader: imports the JS glue, runs init() with the wasm (or the inline script's fetch of it)"
        : [element.comment, ...lineCommentBlocks(text)].map(firstSentence).filter(Boolean).join('; ') || 'inline script';
      inline.push({ type: a.type || 'classic', bytes: Buffer.byteLength(text), hash: element.csp_hash, why });
      for (const [, url] of text.matchAll(/['"]((?:\/|\.\/)[^'"\s]+\.(?:js|mjs|wasm))['"]/g)) {
        refer(url, url.endsWith('.wasm') ? 'fetched by init() in the JS glue' : 'imported by the inline loader');
      }
    } else if (element.name === 'script') {
      refer(a.src, `<script src>${a.type === 'module' ? ' (module)' : ''}`, a.integrity ?? null);
    } else if (element.name === 'link' && a.href !== undefined) {
      const rel = (a.rel || '').toLowerCase();
      const kind = rel === 'preload' ? `preload as=${a.as}` : rel;
      if (a.href.startsWith('data:')) {
        dataUris.push({ what: `<link rel=${rel}>`, uri: a.href });
      } else if (['stylesheet', 'modulepreload', 'preload', 'icon', 'manifest'].includes(rel)) {
        refer(a.href, `<link rel=${kind}>`, a.integrity ?? null);
      }
    } else if (element.name === 'meta' && (a.name || '').toLowerCase() === 'paylink-provider') {
      provider = a.content ?? '';
    } else if (element.name === 'meta' && (a.name || '').toLowerCase() === 'paylink-wasm' && a.content) {
      // "<path> <sha384>", written by scripts/wasm-start.mjs.
      const [url, integrity] = a.content.split(/\s+/);
      refer(url, 'fetched by the inline script with its sha384 (meta paylink-wasm)', integrity ?? null);
    }
  }
  return { inline, references, dataUris, apiBase: facts.api_base, provider, policy: facts.content_security_policy };
}

/** The Content-Security-Policy directives the page must be served with:
 *  the sandbox's, with the link's own `frame-ancestors`. */
export function expectedPolicy(page, frameAncestors = "'none'") {
  return page.policy.map(([name, value]) => [name, name === 'frame-ancestors' ? frameAncestors : value]);
}

export function policyText(directives) {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

function parsePolicy(text) {
  const directives = new Map();
  for (const part of (text ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/).filter(Boolean);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values.join(' '));
  }
  return directives;
}

/** The dist file a URL path names: the path itself, or without leading
 *  segments (a page deployed under a prefix). */
function distFile(dist, pathname) {
  const segments = decodeURIComponent(pathname).split('/').filter(Boolean);
  for (let skip = 0; skip < segments.length; skip += 1) {
    const candidate = join(dist, ...segments.slice(skip));
    if (relative(dist, candidate).startsWith('..')) return null;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file the page loads, found from index.html, the JS glue's imports
 *  and the stylesheet's url()s, with its bytes and hash. */
export function inventory(dist, pageUrl = 'http://dist.invalid/pay/token') {
  const html = readFileSync(join(dist, 'index.html'));
  const page = describePage(html.toString('utf8'));
  const assets = [];
  const queue = page.references.map((r) => ({ ...r, base: pageUrl }));
  while (queue.length) {
    const ref = queue.shift();
    const url = new URL(ref.url, ref.base);
    if (assets.some((a) => a.url.href === url.href)) continue;
    const file = distFile(dist, url.pathname);
    const data = file ? readFileSync(file) : null;
    const asset = { url, file, data, why: ref.why, integrity: ref.integrity };
    asset.sha384 = data ? sha('sha384', data) : null;
    assets.push(asset);
    if (!data) continue;
    if (/\.m?js$/.test(url.pathname)) {
      const text = data.toString('utf8');
      for (const [, spec] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
        if (spec.startsWith('.') || spec.startsWith('/')) queue.push({ url: spec, why: [`imported by ${url.pathname}`], base: url.href });
      }
    } else if (url.pathname.endsWith('.css')) {
      for (const [, , spec] of data.toString('utf8').matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
        if (!spec.startsWith('data:')) queue.push({ url: spec, why: [`url() in ${url.pathname}`], base: url.href });
      }
    }
  }
  const loaded = new Set(assets.map((a) => a.file).filter(Boolean));
  const others = distFiles(dist)
    .filter((file) => !loaded.has(file) && file !== join(dist, 'index.html') && !/\.(br|gz)$/.test(file))
    .map((file) => {
      const data = readFileSync(file);
      const url = new URL(`/${relative(dist, file).split(sep).join('/')}`, pageUrl);
      return { url, file, data, sha384: sha('sha384', data), why: ['in dist/ but not loaded by the page'], integrity: null };
    });
  return { html, page, assets, others };
}

/** HTML documents in dist/ besides the page: whatever the host serves them
 *  as, they would run on the payment origin (the designers' gallery, with
 *  its real-looking receipts, is built to dist-gallery/ for that reason). */
export function otherDocuments(others) {
  return others.filter((other) => /\.html?$/i.test(other.url.pathname)).map((other) => other.url.pathname);
}

function distFiles(dir) {
  // Hidden entries (a build's staging directory, .keep files) are not deployed.
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.')).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? distFiles(path) : entry.isFile() ? [path] : [];
  }).sort();
}

function integrityMatches(declared, data) {
  // An integrity attribute may list several hashes; one match is enough.
  return declared.split(/\s+/).filter(Boolean).some((token) => {
    const [algorithm, value] = [token.slice(0, token.indexOf('-')), token.slice(token.indexOf('-') + 1).split('?')[0]];
    return ['sha256', 'sha384', 'sha512'].includes(algorithm) && sha(algorithm, data) === value;
  });
}

// ---------------------------------------------------------------- print

function print(dist) {
  const { html, page, assets, others } = inventory(dist);
  const problems = [];
  console.log(`Page: ${join(dist, 'index.html')}  ${html.length} bytes  sha384-${sha('sha384', html)}`);
  console.log('\nInline scripts (allowed by hash in script-src):');
  page.inline.forEach((script, n) => {
    console.log(`  #${n + 1} ${script.type}, ${script.bytes} bytes  ${script.hash}`);
    console.log(`     why: ${script.why}`);
  });
  console.log('\nFiles the page loads (sha384, base64, of the bytes as served uncompressed):');
  for (const asset of assets) {
    const where = asset.file ? asset.file : 'MISSING from dist';
    console.log(`  ${asset.url.pathname}`);
    if (!asset.data) {
      problems.push(`${asset.url.pathname} is referenced but not in ${dist}`);
      console.log(`     ${where}`);
      continue;
    }
    console.log(`     ${asset.data.length} bytes  sha384-${asset.sha384}`);
    let sri = 'no integrity attribute';
    if (asset.integrity) {
      sri = integrityMatches(asset.integrity, asset.data) ? 'integrity attribute matches' : 'integrity attribute DOES NOT MATCH';
      if (!sri.endsWith('matches')) problems.push(`${asset.url.pathname}: integrity attribute does not match the file`);
      if (asset.why.some((why) => why.includes('as=fetch'))) sri += ' (Chromium does not enforce it on as=fetch: docs/security.md)';
    }
    console.log(`     why: ${asset.why.join('; ')}; ${sri}`);
  }
  for (const { what, uri } of page.dataUris) console.log(`  ${what} ${JSON.stringify(uri)}\n     why: a data: URI, no request (img-src data:)`);
  if (others.length) {
    console.log('\nOther files in dist (not loaded by the page; deployed and checked all the same):');
    for (const other of others) console.log(`  ${other.url.pathname}\n     ${other.data.length} bytes  sha384-${other.sha384}`);
  }
  for (const path of otherDocuments(others)) problems.push(`${path} is a second HTML document: nothing but the page may be deployed on the payment origin`);
  console.log(`\nAPI base (<meta name="paylink-api-base">): ${page.apiBase ? JSON.stringify(page.apiBase) : 'empty (the page origin)'}`);
  console.log('\nContent-Security-Policy (frame-ancestors per link: \'none\' or its allowed_embed_origins):');
  console.log(`  ${policyText(expectedPolicy(page))}`);
  console.log('\nscript-src hashes:');
  console.log(`  ${page.inline.map((s) => s.hash).join(' ')}`);
  console.log('\nThe line for the nginx server block of docs/deploying.md:');
  console.log(`    add_header Content-Security-Policy "${policyText(expectedPolicy(page))}" always;`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s) in ${dist}:`);
    for (const problem of problems) console.log(`  - ${problem}`);
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------- check

function get(url, encoding, headers = {}) {
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new Error(`unsupported URL ${url.href}`));
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers: { 'accept-encoding': encoding, 'user-agent': 'paylink-integrity-check', ...headers } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, rawHeaders: response.rawHeaders, raw: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.setTimeout(TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}

function decode(response) {
  const encoding = (response.headers['content-encoding'] || 'identity').toLowerCase();
  if (encoding === 'identity') return response.raw;
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(response.raw);
  if (encoding === 'br') return brotliDecompressSync(response.raw);
  if (encoding === 'deflate') return inflateSync(response.raw);
  throw new Error(`unknown Content-Encoding ${encoding}`);
}

/** A `frame-ancestors` value as a sorted list of its sources, so two
 *  values that allow the same origins compare equal. */
function ancestorSources(value) {
  return [...new Set((value ?? '').split(/\s+/).filter(Boolean))].sort();
}

/**
 * The `frame-ancestors` the page at `pageUrl` must be served with: what the
 * deployment's own link lookup says (`allowed_embed_origins` of the link,
 * `'none'` for none or an unknown link), asked where the page asks, by the
 * bundle's API base and provider. `{ value }`, or `{ unknown }` saying why
 * it could not be told.
 */
async function expectedFrameAncestors(page, pageUrl, token) {
  const path = page.provider === 'belvo' ? '/api/belvo/payment_links/' : '/api/payment_link/';
  const lookup = new URL(`${page.apiBase.replace(/\/$/, '')}${path}${encodeURIComponent(token)}/`, pageUrl);
  let response;
  try {
    response = await get(lookup, 'identity', { accept: 'application/json' });
  } catch (error) {
    return { unknown: `the link lookup ${lookup.href} failed: ${error.message}` };
  }
  if (response.status === 404) return { value: "'none'", from: lookup.href };
  if (response.status !== 200) return { unknown: `the link lookup ${lookup.href} answered ${response.status}` };
  let origins;
  try {
    origins = JSON.parse(decode(response).toString('utf8')).allowed_embed_origins ?? [];
  } catch {
    return { unknown: `the link lookup ${lookup.href} did not answer JSON` };
  }
  if (!Array.isArray(origins) || origins.some((origin) => typeof origin !== 'string' || /[\s;,]/.test(origin))) {
    return { unknown: `the link lookup ${lookup.href} gave allowed_embed_origins ${JSON.stringify(origins)}` };
  }
  return { value: origins.length ? origins.join(' ') : "'none'", from: lookup.href };
}

function checkPolicy(served, page, differences, where, expectedAncestors) {
  if (!served) {
    differences.push(`${where}: no Content-Security-Policy header`);
    return;
  }
  if (Array.isArray(served)) served = served.join(', ');
  const directives = parsePolicy(served);
  const frameAncestors = directives.get('frame-ancestors') ?? '';
  const framed = frameAncestors !== "'none'";
  const originList = /^(https:\/\/[a-z0-9.-]+(:\d+)?|http:\/\/(127\.0\.0\.1|localhost):\d+)( (https:\/\/[a-z0-9.-]+(:\d+)?|http:\/\/(127\.0\.0\.1|localhost):\d+))*$/;
  if (framed && !originList.test(frameAncestors)) {
    differences.push(`${where}: CSP frame-ancestors is ${JSON.stringify(frameAncestors)}, expected 'none' or exact origins`);
  }
  // Any exact origin passes the pattern: only the expected list tells an
  // injected one from the link's own.
  if (expectedAncestors.unknown) {
    differences.push(`${where}: CSP frame-ancestors is ${JSON.stringify(frameAncestors)} and could not be compared (${expectedAncestors.unknown}): review it`);
  } else if (ancestorSources(frameAncestors).join(' ') !== ancestorSources(expectedAncestors.value).join(' ')) {
    const allowed = ancestorSources(frameAncestors).filter((source) => !ancestorSources(expectedAncestors.value).includes(source));
    const extra = allowed.length && expectedAncestors.value !== "'none'" ? ` (not the link's: ${allowed.join(' ')})` : '';
    differences.push(`${where}: CSP frame-ancestors is "${frameAncestors}", expected "${expectedAncestors.value}" (${expectedAncestors.from})${extra}`);
  }
  for (const [name, value] of expectedPolicy(page, frameAncestors)) {
    const got = directives.get(name);
    if (got === undefined) differences.push(`${where}: CSP lacks ${name} (expected "${name} ${value}")`);
    else if (got !== value) differences.push(`${where}: CSP ${name} is "${got}", expected "${value}"`);
    directives.delete(name);
  }
  for (const [name, value] of directives) {
    if (!OPTIONAL_DIRECTIVES.has(name)) differences.push(`${where}: CSP has an unexpected directive "${name} ${value}"`);
  }
  return { framed };
}

async function check(baseUrl, dist, token, fixedAncestors) {
  const reference = inventory(dist);
  const differences = [];
  const pageUrl = new URL(`pay/${encodeURIComponent(token)}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  console.log(`Checking ${pageUrl.href} against ${dist}`);
  for (const path of otherDocuments(reference.others)) differences.push(`${path}: a second HTML document in ${dist}; nothing but the page may be deployed on the payment origin`);
  const expectedAncestors = fixedAncestors === null
    ? await expectedFrameAncestors(reference.page, pageUrl, token)
    : { value: fixedAncestors, from: '--frame-ancestors' };

  // The page, in every encoding.
  let servedHtml = null;
  for (const encoding of ENCODINGS) {
    const where = `${pageUrl.pathname} (${encoding})`;
    const response = await get(pageUrl, encoding);
    if (response.status !== 200) {
      differences.push(`${where}: status ${response.status}, expected 200`);
      continue;
    }
    const body = decode(response);
    servedHtml ??= body;
    if (!body.equals(reference.html)) {
      differences.push(`${where}: the document differs from ${join(dist, 'index.html')} (sha384-${sha('sha384', body)}, expected sha384-${sha('sha384', reference.html)})`);
    }
    if (encoding !== 'identity') continue;
    const h = response.headers;
    // Two policies are both enforced, and two of the others are ambiguous:
    // each must be sent once.
    for (const name of ['content-security-policy', 'x-frame-options', 'cache-control', ...Object.keys(EXPECTED_HEADERS)]) {
      const times = response.rawHeaders.filter((value, i) => i % 2 === 0 && value.toLowerCase() === name).length;
      if (times > 1) differences.push(`${pageUrl.pathname}: ${name} is sent ${times} times, expected once`);
    }
    const policy = checkPolicy(h['content-security-policy'], reference.page, differences, pageUrl.pathname, expectedAncestors);
    console.log(`frame-ancestors: ${parsePolicy(h['content-security-policy']).get('frame-ancestors') ?? '(none sent)'}; expected ${expectedAncestors.value ?? '(unknown)'} (${expectedAncestors.from ?? expectedAncestors.unknown})`);
    for (const [name, value] of Object.entries(EXPECTED_HEADERS)) {
      if (h[name] !== value) differences.push(`${pageUrl.pathname}: ${name} is ${JSON.stringify(h[name] ?? null)}, expected "${value}"`);
    }
    if (!/(^|,)\s*no-store\s*(,|$)/i.test(h['cache-control'] ?? '')) {
      differences.push(`${pageUrl.pathname}: cache-control is ${JSON.stringify(h['cache-control'] ?? null)}, expected no-store`);
    }
    if (policy && !policy.framed && (h['x-frame-options'] ?? '').toUpperCase() !== 'DENY') {
      differences.push(`${pageUrl.pathname}: x-frame-options is ${JSON.stringify(h['x-frame-options'] ?? null)}, expected "DENY" with frame-ancestors 'none'`);
    }
    if (policy?.framed && h['x-frame-options'] !== undefined) {
      differences.push(`${pageUrl.pathname}: x-frame-options is ${JSON.stringify(h['x-frame-options'])} while frame-ancestors lists origins: it would stop them framing the page`);
    }
    if (pageUrl.protocol === 'https:') {
      const maxAge = Number(/max-age=(\d+)/i.exec(h['strict-transport-security'] ?? '')?.[1] ?? 0);
      if (maxAge < HSTS_MIN_SECONDS) differences.push(`${pageUrl.pathname}: strict-transport-security is ${JSON.stringify(h['strict-transport-security'] ?? null)}, expected max-age of at least ${HSTS_MIN_SECONDS}`);
    }
    // The policy must also fit the document actually served.
    const served = describePage(body.toString('utf8'));
    const servedHashes = served.inline.map((s) => s.hash);
    const allowed = parsePolicy(h['content-security-policy']).get('script-src')?.split(' ') ?? [];
    for (const hash of servedHashes) {
      if (!allowed.includes(hash)) differences.push(`${pageUrl.pathname}: an inline script served (${hash}) is not allowed by the served CSP`);
    }
  }
  if (!servedHtml) return report(differences);

  // Every asset the served page references, and every one dist/ says it must.
  const served = inventory(dist, pageUrl.href);
  const servedRefs = describePage(servedHtml.toString('utf8')).references.map((r) => new URL(r.url, pageUrl).href);
  for (const href of servedRefs) {
    if (!reference.assets.some((a) => new URL(a.url.pathname, pageUrl).href === href)) {
      differences.push(`${new URL(href).pathname}: referenced by the served page but not by ${join(dist, 'index.html')}`);
    }
  }
  let checked = 0;
  for (const asset of [...served.assets, ...served.others]) {
    if (!asset.data) {
      differences.push(`${asset.url.pathname}: referenced by ${join(dist, 'index.html')} but missing from ${dist}`);
      continue;
    }
    for (const encoding of ENCODINGS) {
      const where = `${asset.url.pathname} (${encoding})`;
      const response = await get(asset.url, encoding);
      if (response.status !== 200) {
        differences.push(`${where}: status ${response.status}, expected 200`);
        continue;
      }
      const body = decode(response);
      const got = sha('sha384', body);
      if (got !== asset.sha384) differences.push(`${where}: sha384-${got}, expected sha384-${asset.sha384} (${body.length} bytes, expected ${asset.data.length})`);
      if (response.headers['x-content-type-options'] !== 'nosniff') differences.push(`${where}: x-content-type-options is ${JSON.stringify(response.headers['x-content-type-options'] ?? null)}, expected "nosniff"`);
      const type = (response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const expectedTypes = expectedContentTypes(asset.url.pathname);
      if (expectedTypes && !expectedTypes.includes(type)) differences.push(`${where}: content-type is ${JSON.stringify(type)}, expected "${expectedTypes[0]}"`);
      checked += 1;
    }
  }
  console.log(`Page: ${ENCODINGS.length} encodings; files: ${served.assets.length} loaded by the page, ${served.others.length} other; ${checked} answers compared.`);
  return report(differences);
}

/** With nosniff a browser runs only what is labelled as what it is; the
 *  wasm must be application/wasm for streaming compilation. */
function expectedContentTypes(pathname) {
  if (/\.m?js$/.test(pathname)) return ['text/javascript', 'application/javascript', 'application/x-javascript'];
  if (pathname.endsWith('.wasm')) return ['application/wasm'];
  if (pathname.endsWith('.css')) return ['text/css'];
  return null;
}

function report(differences) {
  if (!differences.length) {
    console.log('OK: the deployment serves exactly dist/ with the expected security headers.');
    return 0;
  }
  console.log(`${differences.length} difference(s):`);
  for (const difference of differences) console.log(`  - ${difference}`);
  return 1;
}

// ---------------------------------------------------------------- main

const USAGE = `usage:
  node scripts/integrity.mjs print [dist]
  node scripts/integrity.mjs check <base-url> [dist] [--token TOKEN] [--frame-ancestors 'SOURCES']`;

/** Removes `--name VALUE` from args; the value, or null when absent. */
function takeOption(args, name) {
  const at = args.indexOf(name);
  if (at === -1) return null;
  const value = args[at + 1];
  args.splice(at, 2);
  if (!value) throw new UsageError(`${name} needs a value`);
  return value;
}

async function main(argv) {
  const args = [...argv];
  const token = takeOption(args, '--token') ?? randomUUID();
  const fixedAncestors = takeOption(args, '--frame-ancestors');
  const [command, ...rest] = args;
  if (command === 'print' && rest.length <= 1) return print(distDir(rest[0]));
  if (command === 'check' && rest.length >= 1 && rest.length <= 2) {
    if (!/^https?:\/\//.test(rest[0])) throw new UsageError(`not an http(s) URL: ${rest[0]}`);
    return check(rest[0], distDir(rest[1]), token, fixedAncestors);
  }
  throw new UsageError(USAGE);
}

class UsageError extends Error {}

function distDir(dir = 'dist') {
  if (!existsSync(join(dir, 'index.html'))) throw new UsageError(`no index.html in ${dir}: build the page first (make build)`);
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('integrity.mjs')) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error) => {
      console.error(error instanceof UsageError ? error.message : `integrity check could not run: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
