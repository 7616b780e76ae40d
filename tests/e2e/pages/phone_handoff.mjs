// "Continue on your phone" on the pay screen of a computer: the disclosure
// that opens it, the QR code (an image named by the URL it holds, written
// under it), and an independent reading of the code: jsQR on a screenshot,
// not the page's encoder.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { inAnyLanguage } from './texts.mjs';

/**
 * "Continuar en el celular": the summary of the offer's disclosure
 * (`<details>`), which opens and closes it. Playwright gives a summary no
 * role of its own (Chromium exposes it as a disclosure button): found by its text.
 */
export function handoffButton(page) {
  return page.getByText(inAnyLanguage('PhoneHandoff'));
}

/** The hint under the code. */
export function handoffHint(page) {
  return page.getByText(inAnyLanguage('PhoneHandoffHint'));
}

/** The drawn code: an image whose name is the URL it holds. */
export function handoffCode(page) {
  return page.getByRole('img', { name: /\/pay\// });
}

/** What the payer's phone camera reads in the code, or null when it reads nothing. */
export async function readHandoffCode(page) {
  const png = PNG.sync.read(await handoffCode(page).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** Every request the page makes for the QR code's files, from now on. */
export function watchQrFiles(page) {
  const requests = [];
  page.on('request', (request) => {
    if (/^\/qr(\.js|-[0-9a-f]+\.wasm)$/.test(new URL(request.url()).pathname)) requests.push(new URL(request.url()).pathname);
  });
  return requests;
}
