// The floor: what the hosted page shows once loaded, as static HTML with the
// same stylesheet and no JavaScript or wasm. Nothing the page could do
// loads faster than this from the same server.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launchWithPort, within } from './chromium.mjs';
import { compress } from './sizes.mjs';

export const FLOOR_FILE = 'floor.html';

/**
 * What the page renders into #app once the link is shown, the document
 * language, and index.html's <head> as the browser parses it (minified HTML
 * may leave out the tags), without scripts, module preloads and the wasm's
 * preload or meta.
 */
async function renderedApp(pageUrl, indexHtml) {
  const chrome = await launchWithPort();
  let browser;
  try {
    browser = await within(20_000, 'connecting to Chromium', chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`));
    const context = browser.contexts()[0];
    const page = await context.newPage();
    await page.goto(pageUrl, { timeout: 30_000 });
    await page.locator('.paylink[data-state="choosing-method"]:not([aria-busy="true"])').waitFor({ timeout: 30_000 });
    return await page.evaluate((source) => {
      const parsed = new DOMParser().parseFromString(source, 'text/html');
      const head = [...parsed.head.children].filter((el) => el.localName !== 'script'
        && !(el.localName === 'link' && /(^|\s)(modulepreload|preload)(\s|$)/i.test(el.getAttribute('rel') || ''))
        && !(el.localName === 'meta' && el.getAttribute('name') === 'paylink-wasm'));
      return {
        lang: document.documentElement.lang,
        head: head.map((el) => `  ${el.outerHTML}`).join('\n'),
        stylesheets: head.filter((el) => el.localName === 'link' && /(^|\s)stylesheet(\s|$)/i.test(el.getAttribute('rel') || ''))
          .map((el) => el.getAttribute('href')),
        markup: document.getElementById('app').innerHTML,
        text: document.getElementById('app').innerText,
      };
    }, indexHtml);
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
  const rendered = await renderedApp(`${baseUrl}${pagePath}`, readFileSync(join(dist, 'index.html'), 'utf8'));
  const markup = rendered.markup.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const html = `<!DOCTYPE html>\n<html lang="${rendered.lang || 'es-CO'}">\n<head>\n${rendered.head}\n</head>\n<body>\n  <div id="app">${markup}</div>\n</body>\n</html>\n`;
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
  if (body !== html) throw new Error(`/${FLOOR_FILE} is not the file just written`);
  if (rendered.stylesheets.length === 0) throw new Error('index.html links no stylesheet');
  for (const css of rendered.stylesheets) {
    const answer = await fetch(new URL(css, baseUrl));
    if (answer.status !== 200 || !answer.headers.get('content-type')?.startsWith('text/css')) {
      throw new Error(`/${FLOOR_FILE} does not load its stylesheet ${css}: ${answer.status}`);
    }
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
    stylesheets: rendered.stylesheets,
    same_text_as_page: floorText.trim() === rendered.text.trim(),
  };
}
