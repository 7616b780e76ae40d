// Switching language mid-form: every text follows, nothing typed is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, SEEDED, byTestId, openPage, useSandboxAndBrowser,
} from './harness.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

test('switching language mid-form keeps every typed value and translates the page', async () => {
  const page = await openPage(browser, PHONE, { locale: 'es-CO' });
  await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await page.locator('[data-method="PSE"]').click();
  await byTestId(page, 'input-person_type').selectOption('N');
  await byTestId(page, 'input-document_type').selectOption('CC');
  await byTestId(page, 'input-document').fill('1018760936');
  await byTestId(page, 'input-email').fill('ana@');
  await byTestId(page, 'input-email').blur();
  await byTestId(page, 'error-email').filter({ hasText: 'Escribe un correo' }).waitFor();
  await byTestId(page, 'input-phone').fill('300 123 4567');

  await byTestId(page, 'lang-switch').selectOption('pt-BR');
  await page.locator('legend', { hasText: 'Escolha como pagar' }).waitFor();

  assert.equal(await page.locator('html').getAttribute('lang'), 'pt-BR');
  assert.equal(await page.title(), 'Pagar');
  assert.match(await byTestId(page, 'error-email').innerText(), /Digite um e-mail/);
  assert.equal(await byTestId(page, 'input-document').inputValue(), '1018760936');
  assert.equal(await byTestId(page, 'input-email').inputValue(), 'ana@');
  assert.equal(await byTestId(page, 'input-phone').inputValue(), '300 123 4567');
  assert.equal(await byTestId(page, 'input-person_type').inputValue(), 'N');
  assert.equal(await byTestId(page, 'input-document_type').inputValue(), 'CC');
  assert.equal(await page.locator('input.method__radio[value="PSE"]').isChecked(), true);

  await byTestId(page, 'lang-switch').selectOption('en-US');
  await page.locator('legend', { hasText: 'Choose how to pay' }).waitFor();
  assert.equal(await page.title(), 'Pay');
  assert.equal(await byTestId(page, 'input-document').inputValue(), '1018760936');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the language comes from ?lang= before the browser, and from the link country last', async () => {
  const explicit = await openPage(browser, PHONE, { locale: 'es-CO' });
  await explicit.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}?lang=pt`);
  await explicit.locator('legend', { hasText: 'Escolha como pagar' }).waitFor();
  assert.equal(await explicit.locator('html').getAttribute('lang'), 'pt-BR');
  await explicit.context().close();

  const fromBrowser = await openPage(browser, PHONE, { locale: 'en-GB' });
  await fromBrowser.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await fromBrowser.locator('legend', { hasText: 'Choose how to pay' }).waitFor();
  await fromBrowser.context().close();

  const fromCountry = await openPage(browser, PHONE, { locale: 'fr-FR' });
  await fromCountry.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await fromCountry.locator('legend', { hasText: 'Elige cómo pagar' }).waitFor();
  assert.equal(await fromCountry.locator('html').getAttribute('lang'), 'es-CO');
  await fromCountry.context().close();
});
