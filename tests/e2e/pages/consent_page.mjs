// The sandbox's consent page of a Belvo payment: Spanish for PSE, Portuguese
// for Pix via Open Finance. Each name below matches both languages.

const BUTTONS = {
  'approve-query': /^(?:Aprobar \(respuesta en la query\)|Autorizar \(retorno na query\))$/,
  'approve-fragment': /^(?:Aprobar \(respuesta en el fragmento\)|Autorizar \(retorno no fragmento\))$/,
  reject: /^(?:Rechazar|Recusar)$/,
};
const LINES = {
  merchant: /^(?:Comercio|Recebedor)$/,
  amount: /^Valor$/,
  payer: /^Pagador$/,
  institution: /^(?:Banco|Instituição)$/,
  method: /^(?:Medio de pago|Forma de pagamento)$/,
  expiresAt: /^(?:Autorice antes de|Autorize até)$/,
  reference: /^(?:Referencia|Referência)$/,
  status: /^(?:Estado|Situação)$/,
};

/** `approve-query`, `approve-fragment` or `reject`. */
export function consentButton(page, action) {
  return page.getByRole('button', { name: BUTTONS[action] });
}

/** A line of the consent page: `merchant`, `amount`, `payer`, `institution`, `method`, `expiresAt`, `reference`, `status`. */
export function consentValue(page, line) {
  return page.getByText(LINES[line]).locator('xpath=following-sibling::dd[1]');
}

/** What an expired consent says. */
export function consentExpiredText(page) {
  return page.getByText(/^(?:El plazo para autorizar este pago terminó|O prazo para autorizar este pagamento terminou)/);
}

/** The way back to the page once the consent is answered or expired. */
export function consentReturn(page) {
  return page.getByRole('link', { name: /^(?:Volver|Voltar)$/ });
}
