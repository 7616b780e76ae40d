// The pay-by-code screen (Bre-B, Pix QR): what it shows a payer, the QR code
// read as a phone camera would (jsQR on a screenshot, not the page's
// encoder), and the code's fields read with this file's own EMV reader and
// CRC, apart from the sandbox's.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect } from '../support/expect.mjs';
import { withPayPage } from '../support/suite.mjs';
import { PHONE } from '../../support/browser.mjs';
import { inAnyLanguage } from './texts.mjs';

/** "Paga desde la app de tu banco". */
export function codeHeading(page) {
  return page.getByRole('heading', { name: inAnyLanguage('CodeTitle') });
}

/** The drawn QR code: an image named as the payment's code. */
export function codeQr(page) {
  return page.getByRole('img', { name: inAnyLanguage('CodeQr') });
}

/** The code's text, the QR's text alternative, named "Código para pegar". */
export function codeText(page) {
  return page.getByLabel(inAnyLanguage('CodeText'));
}

export function copyCodeButton(page) {
  return page.getByRole('button', { name: inAnyLanguage('CopyCode') });
}

export function copyKeyButton(page) {
  return page.getByRole('button', { name: inAnyLanguage('CopyKey') });
}

/** The time left to pay the code. */
export function codeCountdown(page) {
  return page.getByRole('timer');
}

/** "Obtener un código nuevo" on the screen of a code that ended unpaid. */
export function newCodeButton(page) {
  return page.getByRole('button', { name: inAnyLanguage('GetNewCode') });
}

/** What a phone camera reads in the drawn code, or null when it reads nothing. */
export async function scanCode(page) {
  const png = PNG.sync.read(await codeQr(page).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as EMV QR codes use it. */
export function crc16(text) {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * An EMV QR payload's fields by ID, templates (26–51, 62, 80–99) read as
 * nested objects; throws when a length runs past the end.
 */
export function readEmv(payload) {
  const fields = {};
  let at = 0;
  while (at < payload.length) {
    const id = payload.slice(at, at + 2);
    const length = Number(payload.slice(at + 2, at + 4));
    const value = payload.slice(at + 4, at + 4 + length);
    if (!/^\d{2}$/.test(id) || Number.isNaN(length) || value.length !== length) {
      throw new Error(`not an EMV field at ${at}: ${payload.slice(at)}`);
    }
    const n = Number(id);
    fields[id] = (n >= 26 && n <= 51) || n === 62 || n >= 80 ? readEmv(value) : value;
    at += 4 + length;
  }
  return fields;
}

/** Whether the payload ends in `6304` and the CRC of everything before its four digits. */
export function crcHolds(payload) {
  const body = payload.slice(0, -4);
  return body.endsWith('6304') && crc16(body) === payload.slice(-4);
}

/** Presses a button of the sandbox's bank app for a code: approve, decline or expire. */
export async function decideInBankApp(baseUrl, code, action) {
  const response = await fetch(`${baseUrl}/sandbox/bank-app/${encodeURIComponent(code)}/${action}`, {
    method: 'POST',
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`bank app ${action} failed: ${response.status}`);
}

/** The sandbox's bank app on a phone: the pasted code found, then paid. */
export async function payInBankApp(browser, baseUrl, pasted) {
  await withPayPage(browser, PHONE, async (app) => {
    await app.goto(`${baseUrl}/sandbox/bank-app`);
    await app.getByLabel(/Código copiado/).fill(pasted);
    await app.getByRole('button', { name: 'Buscar' }).click();
    await app.getByRole('button', { name: 'Pagar' }).click();
    // Answered: the code can no longer be paid.
    await expect(app.getByTestId('bank-app-ended')).toBeVisible();
  });
}
