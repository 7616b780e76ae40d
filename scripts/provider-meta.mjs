// Writes the provider a bundle was built for into its index.html's
// `paylink-provider` meta, which the inline prefetch reads to pick the API
// path: `node scripts/provider-meta.mjs dist-belvo belvo`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, provider] = process.argv.slice(2);
if (!dir || !['colurs', 'belvo'].includes(provider)) {
  console.error('usage: node scripts/provider-meta.mjs <dist dir> colurs|belvo');
  process.exit(2);
}
const path = join(dir, 'index.html');
const html = readFileSync(path, 'utf8');
// Trunk minifies release HTML: attributes in any order, quoted or not.
const meta = /<meta\b(?=[^>]*\bname=["']?paylink-provider\b)[^>]*>/;
if (!meta.test(html)) {
  console.error(`provider-meta: ${path} has no paylink-provider meta`);
  process.exit(1);
}
writeFileSync(path, html.replace(meta, `<meta name="paylink-provider" content="${provider}">`));
