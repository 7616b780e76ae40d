// Lighthouse runs with its default (mobile) settings: simulated slow 4G and a
// 4x CPU slowdown, a phone-sized screen, cold cache. One fresh Chromium per run.
import lighthouse from 'lighthouse';
import { launchWithPort, within } from './chromium.mjs';

const RUN_LIMIT_MS = 120_000;

/** Transfer bytes by kind, from the network-requests audit. */
export function bytesByKind(items) {
  const bytes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  for (const item of items) {
    const url = item.url || '';
    const type = item.resourceType;
    const mime = item.mimeType || '';
    let kind = 'other';
    if (mime === 'application/wasm' || /\.wasm(?:$|\?)/.test(url)) kind = 'wasm';
    else if (type === 'Document') kind = 'html';
    else if (type === 'Stylesheet') kind = 'css';
    else if (type === 'Script') kind = 'js';
    bytes[kind] += item.transferSize || 0;
  }
  bytes.total = bytes.html + bytes.css + bytes.js + bytes.wasm + bytes.other;
  return bytes;
}

function metric(lhr, id) {
  const audit = lhr.audits[id];
  return typeof audit?.numericValue === 'number' ? audit.numericValue : null;
}

/** The element Lighthouse took as the largest contentful paint: its selector. */
function lcpElement(lhr) {
  const find = (details) => {
    for (const item of details?.items ?? []) {
      if (item?.node?.selector) return item.node.selector;
      const inner = item?.items ? find(item) : null;
      if (inner) return inner;
    }
    return null;
  };
  return find(lhr.audits['largest-contentful-paint-element']?.details);
}

/** When the page's main wasm finished loading, in ms from the navigation (null if none). */
function mainWasmEnd(requests) {
  const wasm = requests.find((r) => /_bg\.wasm(?:$|\?)/.test(r.url || ''));
  return typeof wasm?.networkEndTime === 'number' ? Math.round(wasm.networkEndTime) : null;
}

/**
 * One Lighthouse run of `url` in a fresh Chromium: the figures this bench
 * reports. `throttlingMethod` 'simulate' is Lighthouse's default (Lantern
 * models the slow phone from an unthrottled load); 'devtools' slows the
 * network and CPU for real while loading, so what a payer sees first counts.
 */
export async function lighthouseRun(url, { throttlingMethod = 'simulate' } = {}) {
  const chrome = await launchWithPort();
  try {
    const result = await within(RUN_LIMIT_MS, `Lighthouse on ${url}`, lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      throttlingMethod,
      maxWaitForLoad: 45_000,
    }));
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    return {
      fcp_ms: metric(lhr, 'first-contentful-paint'),
      lcp_ms: metric(lhr, 'largest-contentful-paint'),
      tbt_ms: metric(lhr, 'total-blocking-time'),
      cls: metric(lhr, 'cumulative-layout-shift'),
      tti_ms: metric(lhr, 'interactive'),
      speed_index_ms: metric(lhr, 'speed-index'),
      // Unthrottled, as this machine loaded the page: what the simulation
      // starts from. Lantern's LCP keeps every request that ended before the
      // observed LCP paint: so when the page's wasm ended (the largest one).
      observed: (({ observedFirstContentfulPaint: fcp, observedLargestContentfulPaint: lcp, observedLoad: load } = {}) => ({
        fcp_ms: fcp ?? null, lcp_ms: lcp ?? null, load_ms: load ?? null, wasm_end_ms: mainWasmEnd(requests),
      }))(lhr.audits.metrics?.details?.items?.[0]),
      lcp_element: lcpElement(lhr),
      performance_score: lhr.categories.performance?.score ?? null,
      bytes: bytesByKind(requests),
      // Where the main thread's time went (simulated at the CPU slowdown),
      // and its long tasks: what TBT and TTI are made of.
      main_thread_ms: Object.fromEntries((lhr.audits['mainthread-work-breakdown']?.details?.items ?? [])
        .map((item) => [item.group, Math.round(item.duration)])),
      long_tasks: (lhr.audits['long-tasks']?.details?.items ?? [])
        .map((t) => ({ url: t.url, start_ms: Math.round(t.startTime), duration_ms: Math.round(t.duration) })),
      requests: requests.map((r) => ({
        url: r.url, resourceType: r.resourceType, mimeType: r.mimeType, transferSize: r.transferSize,
      })),
      warnings: lhr.runWarnings ?? [],
      settings: {
        lighthouse_version: lhr.lighthouseVersion,
        form_factor: lhr.configSettings.formFactor,
        throttling_method: lhr.configSettings.throttlingMethod,
        throttling: lhr.configSettings.throttling,
        screen_emulation: lhr.configSettings.screenEmulation,
        benchmark_index: lhr.environment?.benchmarkIndex ?? null,
        user_agent: lhr.environment?.hostUserAgent ?? null,
      },
    };
  } finally {
    chrome.kill();
  }
}
