// The sandbox's bank page (Bancolombia, PSE, Nequi): what is being paid and
// the buttons that decide it. It speaks Spanish only.
import { valueOf } from './screen.mjs';

const ACTIONS = { approve: 'Aprobar', decline: 'Rechazar', abandon: 'Abandonar' };
const LINES = {
  merchant: 'Comercio', amount: 'Valor', method: 'Medio de pago', bank: 'Banco', reference: 'Referencia', status: 'Estado',
};

/** The button for `approve`, `decline` or `abandon`. */
export function bankButton(page, action) {
  return page.getByRole('button', { name: ACTIONS[action], exact: true });
}

/** A line of the bank page: `merchant`, `amount`, `method`, `bank`, `reference` or `status`. */
export function bankValue(page, line) {
  return valueOf(page, LINES[line]);
}

