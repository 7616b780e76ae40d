// The floor: what the hosted page shows once loaded, as static HTML with the
// same stylesheet and no JavaScript or wasm. Nothing the page could do
// loads faster than this from the same server.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launchWithPort, within } from './chromium.mjs';
import { compress } from './sizes.mjs';

export const FLOOR_FILE = 'floor.html';

/** index.html's <head> without scripts, module or wasm preloads, and comments. */
export function staticHead(indexHtml) {
  const head = indexHtml.match(/<head>([\s\S]*?)<\/head>/i);
  if (!head) throw new Error('index.html has no <head>');
  return head[1]
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** What the page renders into #app once the link is shown, and the document language. */
async function renderedApp(pageUrl) {
  const chrome = await launchWithPort();
  let browser;
  try {
    browser = await within(20_000, 'connecting to Chromium', chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`));
    const context = browser.contexts()[0];
    const page = await context.newPage();
    await page.goto(pageUrl, { timeout: 30_000 });
    await page.locator('.paylink[data-state="choosing-method"]').waitFor({ timeout: 30_000 });
    return await page.evaluate(() => ({
      lang: document.documentElement.lang,
      markup: document.getElementById('app').innerHTML,
      text: document.getElementById('app').innerText,
    }));
  } finally {
    await browser?.close().catch(() => {});
    chrome.kill();
  }
}

/** The visible text of a page's #app, in the same browser settings. */
async function visibleText(url) {
  const chrome = await launchWithPort();
  let browser;
  try {
    browser = await within(20_000, 'connecting to Chromium', chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`));
    const page = await browser.contexts()[0].newPage();
    await page.goto(url, { timeout: 30_000 });
    return await page.evaluate(() => document.getElementById('app').innerText);
  } finally {
    await browser?.close().catch(() => {});
    chrome.kill();
  }
}

/**
 * Renders `pagePath` in Chromium and writes `floor.html` (with .br and .gz,
 * as the build does for every HTML file) into `dist`, the directory the
 * sandbox serves. Checks the sandbox serves it, compressed, with its CSS.
 */
export async function makeFloor(baseUrl, dist, pagePath) {
  const rendered = await renderedApp(`${baseUrl}${pagePath}`);
  const markup = rendered.markup.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const head = staticHead(readFileSync(join(dist, 'index.html'), 'utf8'));
  const html = `<!DOCTYPE html>\n<html lang="${rendered.lang || 'es-CO'}">\n<head>\n${head}\n</head>\n<body>\n  <div id="app">${markup}</div>\n</body>\n</html>\n`;
  if (/<script\b|modulepreload|\.wasm\b/i.test(html)) throw new Error('the floor still loads code');
  const path = join(dist, FLOOR_FILE);
  const data = Buffer.from(html);
  const packed = compress(data);
  writeFileSync(path, data);
  writeFileSync(`${path}.br`, packed.brotli);
  writeFileSync(`${path}.gz`, packed.gzip);

  // Served as a production host would, with the page's own stylesheet.
  const served = await fetch(`${baseUrl}/${FLOOR_FILE}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
  const body = await served.text();
  if (served.status !== 200 || !served.headers.get('content-type')?.startsWith('text/html')) {
    throw new Error(`/${FLOOR_FILE}: ${served.status} ${served.headers.get('content-type')}`);
  }
  const css = body.match(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/)?.[1];
  const cssAnswer = css && (await fetch(new URL(css, baseUrl)));
  if (!cssAnswer || cssAnswer.status !== 200 || !cssAnswer.headers.get('content-type')?.startsWith('text/css')) {
    throw new Error(`/${FLOOR_FILE} does not load its stylesheet (${css})`);
  }
  const floorText = await visibleText(`${baseUrl}/${FLOOR_FILE}`);
  return {
    url: `${baseUrl}/${FLOOR_FILE}`,
    file: FLOOR_FILE,
    html,
    raw: data.length,
    brotli: packed.brotli.length,
    gzip: packed.gzip.length,
    content_encoding: served.headers.get('content-encoding'),
    stylesheet: css,
    same_text_as_page: floorText.trim() === rendered.text.trim(),
  };
}
