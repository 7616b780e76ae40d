// The pay screen: the summary of what is paid (merchant, description,
// amounts, expiry, who pays), the choice of method, the method's form and
// its Pay button.
import { expect } from '../support/expect.mjs';
import { heading, valueOf } from './screen.mjs';
import { escapeRegExp, inAnyLanguage, startingAs, t, TEXTS } from './texts.mjs';
import { confirmButton } from './review_screen.mjs';

// ---- Summary ------------------------------------------------------------

/** The link's description: the pay screen's heading. */
export const description = heading;

/** The merchant's name, next to "Pago a". */
export function merchantName(page) {
  return page.getByText(inAnyLanguage('PaymentTo')).locator('xpath=following-sibling::strong[1]');
}

const SUMMARY_LINES = { amount: 'Amount', fee: 'Fee', iva: 'Iva', total: 'Total' };

/** One amount of the summary: `amount`, `fee`, `iva` or `total` ("Total a pagar"). */
export function summaryValue(page, line) {
  return valueOf(page, inAnyLanguage(SUMMARY_LINES[line]));
}

/** "Vence …": when the link expires. */
export function expiry(page) {
  return page.getByText(startingAs('ExpiresAt')).locator('time');
}

/** The known customer a Belvo link pays as, next to "Pagando como". */
export function customerName(page) {
  return page.getByText(inAnyLanguage('PayingAs')).locator('xpath=following-sibling::strong[1]');
}

/**
 * Who pays a Belvo link: name, document and email. A section without a
 * name of its own, so found by its test id.
 */
export function payingAs(page) {
  return page.getByTestId('paying-as');
}

export function pseRegistrationNote(page) {
  return page.getByText(inAnyLanguage('PseRegistrationNote'));
}

/**
 * A notice above the form ("No encontramos ese pago…"): a status without a
 * name, next to the checkout's announcer that may say the same, so found by its test id.
 */
export function payNotice(page) {
  return page.getByTestId('pay-notice');
}

// ---- Methods ------------------------------------------------------------

const METHOD_NAMES = {
  BANCOLOMBIA: 'MethodBancolombia',
  PSE: 'MethodPse',
  NEQUI: 'MethodNequi',
  BRE_B: 'MethodBreB',
  PIX: 'MethodPix',
  PIX_QR: 'MethodPixQr',
};

/** The radio of a payment method, by its wire code, named as the payer reads it. */
export function methodChoice(page, method) {
  return page.getByRole('radio', { name: startingAs(METHOD_NAMES[method]) });
}

/** Every method radio the screen offers. */
export function methodChoices(page) {
  return page.getByRole('radio');
}

/** The open form's title: the chosen method's name. */
export function formTitle(page) {
  return page.getByRole('heading', { level: 2 });
}

/** Picks a payment method by its wire code and waits for its form. */
export async function chooseMethod(page, method) {
  await methodChoice(page, method).click();
  await formTitle(page).filter({ hasText: inAnyLanguage(METHOD_NAMES[method]) }).waitFor();
}

// ---- The form -----------------------------------------------------------

const FIELD_LABELS = {
  amount: ['FieldAmount'],
  person_type: ['FieldPersonType'],
  document_type: ['FieldDocumentType'],
  document: ['FieldDocument'],
  bank: ['FieldBank', 'FieldInstitution'],
  email: ['FieldEmail'],
  phone: ['FieldPhone', 'FieldNequiPhone'],
  payer_cpf: ['FieldPayerCpf'],
};

/**
 * A form field by its wire name (`email`, `document`, `bank`…), found by its
 * label. The bank is a combobox whose list bears the same label, so it is
 * found by its role too.
 */
export function field(page, name) {
  const label = inAnyLanguage(...FIELD_LABELS[name]);
  return name === 'bank' ? page.getByRole('combobox', { name: label }) : page.getByLabel(label);
}

/**
 * The message under a field. It names nothing itself (the field points to
 * it with aria-describedby), so it is found by its test id.
 */
export function fieldError(page, name) {
  return page.getByTestId(`error-${name}`);
}

/** The form's message about the whole attempt (a refused or lost pay): an alert without a name. */
export function submitError(page) {
  return page.getByTestId('submit-error');
}

/** "Pagar $ 51.190", "Pagar", or "Procesando…" while the pay request is out. */
export function payButton(page) {
  const names = ['PayAmount', 'Pay', 'Paying'].flatMap((key) => ['es', 'en', 'pt'].map((lang) => t(key, lang).split('{')[0]));
  return page.getByRole('button', { name: new RegExp(`^(?:${[...new Set(names)].map(escapeRegExp).join('|')})`) });
}

/** The box that narrows the bank list: the bank combobox itself, where the payer types. */
export function bankSearch(page) {
  return field(page, 'bank');
}

/** The bank combobox's list, named by the field's label; open or not. */
export function bankList(page) {
  return page.getByRole('listbox', { name: inAnyLanguage(...FIELD_LABELS.bank), includeHidden: true });
}

/** The options the bank list shows now (hidden ones too while it is closed). */
export function bankOptions(page) {
  return bankList(page).getByRole('option', { includeHidden: true });
}

/** Matches `BankMatches`, `BankMatchOne` or `NoBankMatches` in any language, any count. */
const BANK_COUNT = new RegExp(`^(?:${['BankMatches', 'BankMatchOne', 'NoBankMatches']
  .flatMap((key) => Object.keys(TEXTS).map((lang) => escapeRegExp(t(key, lang)).replace('\\{count\\}', '\\d+')))
  .join('|')})$`);

/** "12 bancos coinciden.": the polite status a screen reader hears as the list narrows. */
export function bankCount(page) {
  return page.getByRole('status').filter({ hasText: BANK_COUNT });
}

/** Opens the bank list with a tap on the box, unless it is open already. */
async function openBankList(page) {
  const box = field(page, 'bank');
  await box.waitFor({ timeout: 10_000 });
  if ((await box.getAttribute('aria-expanded')) !== 'true') await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
}

/** Picks the payer's bank (PSE) or institution (Pix) by the name shown, with a tap on it. */
export async function chooseInstitution(page, name) {
  await openBankList(page);
  await bankList(page).getByRole('option', { name, exact: true }).click();
  await expect(field(page, 'bank')).toHaveValue(name);
}

/** The option of the bank with the provider's `id`, by its element id (see `chooseBankById`). */
export function bankOption(page, id) {
  return bankList(page).locator(`[role="option"][id$="-${id}"]`);
}

/**
 * Picks a bank by the provider's id, as the fixtures name banks: the option
 * whose element id ends in it (the combobox's aria-activedescendant ids).
 */
export async function chooseBankById(page, id) {
  await openBankList(page);
  const option = bankOption(page, id);
  const name = (await option.innerText()).trim();
  await option.click();
  await expect(field(page, 'bank')).toHaveValue(name);
}

/** The names the bank list offers now. */
export function institutionNames(page) {
  return bankOptions(page).evaluateAll((all) => all.map((option) => option.textContent.trim()));
}

export async function fillBancolombia(page, {
  email = 'pagador@example.com', phone = '300 123 4567', documentType = 'CC', document = '1.234.567.890',
} = {}) {
  await field(page, 'email').fill(email);
  await field(page, 'phone').fill(phone);
  await field(page, 'document_type').selectOption(documentType);
  await field(page, 'document').fill(document);
}

export async function fillPse(page, {
  personType = 'N', documentType = 'CC', document = '1.234.567.890', bank = '1007',
  email = 'pagador@example.com', phone = '300 123 4567',
} = {}) {
  await field(page, 'person_type').selectOption(personType);
  await field(page, 'document_type').selectOption(documentType);
  await field(page, 'document').fill(document);
  await chooseBankById(page, bank);
  await field(page, 'email').fill(email);
  await field(page, 'phone').fill(phone);
}

export async function fillNequi(page, { phone = '3991111111', documentType = 'CC', document = '1234567890' } = {}) {
  await field(page, 'phone').fill(phone);
  await field(page, 'document_type').selectOption(documentType);
  await field(page, 'document').fill(document);
}

/**
 * Presses Pay, confirms the review first when `reviewed` (Pix via Open
 * Finance), and follows the page to the sandbox consent page; returns the
 * payment intent id.
 */
export async function payAndReachConsent(page, baseUrl, { reviewed = false } = {}) {
  await payButton(page).click();
  if (reviewed) await confirmButton(page).click();
  await page.waitForURL(new RegExp(`^${baseUrl}/sandbox/consent/[0-9a-f-]{36}$`));
  return new URL(page.url()).pathname.split('/').pop();
}
