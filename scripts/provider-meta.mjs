// Writes the provider a bundle was built for into its index.html: the
// `paylink-provider` meta, and the `paylink-link-path` meta the inline
// prefetch reads (the Rust provider's path, printed by
// examples/provider_meta.rs; scripts/build.sh passes it on):
// `node scripts/provider-meta.mjs dist-belvo belvo '/api/belvo/payment_links/{token}/'`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, provider, linkPath] = process.argv.slice(2);
// A path under the API base with one {token}: nothing that could leave the attribute.
if (!dir || !['colurs', 'belvo'].includes(provider) || !/^\/[\w/.-]*\{token\}[\w/.-]*$/.test(linkPath ?? '')) {
  console.error("usage: node scripts/provider-meta.mjs <dist dir> colurs|belvo '/path/{token}/'");
  process.exit(2);
}
const path = join(dir, 'index.html');
let html = readFileSync(path, 'utf8');
for (const [name, content] of [['paylink-provider', provider], ['paylink-link-path', linkPath]]) {
  // Trunk minifies release HTML: attributes in any order, quoted or not.
  const meta = new RegExp(`<meta\\b(?=[^>]*\\bname=["']?${name}\\b)[^>]*>`);
  if (!meta.test(html)) {
    console.error(`provider-meta: ${path} has no ${name} meta`);
    process.exit(1);
  }
  html = html.replace(meta, `<meta name="${name}" content="${content}">`);
}
writeFileSync(path, html);
