// Switching language mid-form: every text follows, nothing typed is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, PHONE } from '../../support/browser.mjs';
import { useSandboxAndBrowser } from '../support/suite.mjs';
import { SEEDED } from '../support/colurs.mjs';
import { languageSwitch } from '../pages/screen.mjs';
import { field, fieldError, methodChoice } from '../pages/pay_screen.mjs';

let sandbox;
let browser;
useSandboxAndBrowser((started) => ({ sandbox, browser } = started));

test('switching language mid-form keeps every typed value and translates the page', async () => {
  const page = await openPage(browser, PHONE, { locale: 'es-CO' });
  await page.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await methodChoice(page, 'PSE').click();
  await field(page, 'person_type').selectOption('N');
  await field(page, 'document_type').selectOption('CC');
  await field(page, 'document').fill('1018760936');
  await field(page, 'email').fill('ana@');
  await field(page, 'email').blur();
  await fieldError(page, 'email').filter({ hasText: 'Escribe un correo' }).waitFor();
  await field(page, 'phone').fill('300 123 4567');

  await languageSwitch(page).selectOption('pt-BR');
  await page.getByRole('group', { name: 'Escolha como pagar' }).waitFor();

  assert.equal(await page.locator('html').getAttribute('lang'), 'pt-BR');
  assert.equal(await page.title(), 'Pagar');
  assert.match(await fieldError(page, 'email').innerText(), /Digite um e-mail/);
  assert.equal(await field(page, 'document').inputValue(), '1018760936');
  assert.equal(await field(page, 'email').inputValue(), 'ana@');
  assert.equal(await field(page, 'phone').inputValue(), '300 123 4567');
  assert.equal(await field(page, 'person_type').inputValue(), 'N');
  assert.equal(await field(page, 'document_type').inputValue(), 'CC');
  assert.equal(await methodChoice(page, 'PSE').isChecked(), true);

  await languageSwitch(page).selectOption('en-US');
  await page.getByRole('group', { name: 'Choose how to pay' }).waitFor();
  assert.equal(await page.title(), 'Pay');
  assert.equal(await field(page, 'document').inputValue(), '1018760936');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the language comes from ?lang= before the browser, and from the link country last', async () => {
  const explicit = await openPage(browser, PHONE, { locale: 'es-CO' });
  await explicit.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}?lang=pt`);
  await explicit.getByRole('group', { name: 'Escolha como pagar' }).waitFor();
  assert.equal(await explicit.locator('html').getAttribute('lang'), 'pt-BR');
  await explicit.context().close();

  const fromBrowser = await openPage(browser, PHONE, { locale: 'en-GB' });
  await fromBrowser.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await fromBrowser.getByRole('group', { name: 'Choose how to pay' }).waitFor();
  await fromBrowser.context().close();

  const fromCountry = await openPage(browser, PHONE, { locale: 'fr-FR' });
  await fromCountry.goto(`${sandbox.baseUrl}/pay/${SEEDED.pending}`);
  await fromCountry.getByRole('group', { name: 'Elige cómo pagar' }).waitFor();
  assert.equal(await fromCountry.locator('html').getAttribute('lang'), 'es-CO');
  await fromCountry.context().close();
});
