// The Colurs API of the sandbox, called as a merchant or another device would.
import { MERCHANT_ORIGIN } from './suite.mjs';

export const MERCHANT_HEADERS = {
  Authorization: 'Bearer sandbox-token',
  'x-api-key': 'sandbox-key',
  'Content-Type': 'application/json',
};

export const SEEDED = {
  pending: '00000000-0000-4000-8000-000000000001',
  general: '00000000-0000-4000-8000-000000000002',
  active: '00000000-0000-4000-8000-000000000003',
  paid: '00000000-0000-4000-8000-000000000004',
  expired: '00000000-0000-4000-8000-000000000005',
  cancelled: '00000000-0000-4000-8000-000000000006',
  nequiOnly: '00000000-0000-4000-8000-000000000007',
  usd: '00000000-0000-4000-8000-000000000008',
  breB: '00000000-0000-4000-8000-000000000009',
};

export async function createLink(baseUrl, body) {
  const response = await fetch(`${baseUrl}/api/payment_link/`, {
    method: 'POST',
    headers: MERCHANT_HEADERS,
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A fixed 50000.00 COP link (total 51190.00) with callback URLs under `MERCHANT_ORIGIN/orders/<tag>/`. */
export function payableLink(baseUrl, tag, extra = {}) {
  return createLink(baseUrl, {
    currency: 'COP',
    amount: 50000.0,
    is_general: false,
    description: `Pedido ${tag}`,
    fee_mode: 'payer',
    callback_urls: {
      success: `${MERCHANT_ORIGIN}/orders/${tag}/success`,
      cancel: `${MERCHANT_ORIGIN}/orders/${tag}/cancel`,
    },
    ...extra,
  });
}

/** `{ payments_created }` of a link, as the sandbox counts them. */
export async function linkStats(baseUrl, uuid) {
  const response = await fetch(`${baseUrl}/sandbox/stats/${uuid}`);
  if (!response.ok) throw new Error(`stats failed: ${response.status}`);
  return response.json();
}

/** A link as the page API serves it. */
export async function getLink(baseUrl, uuid) {
  const response = await fetch(`${baseUrl}/api/payment_link/${uuid}/`);
  if (!response.ok) throw new Error(`get link failed: ${response.status}`);
  return response.json();
}

/** Pays a link through the API, as another tab or device would. */
export async function payThroughApi(baseUrl, uuid, body, idempotencyKey = `out-of-band-${Math.random()}`) {
  const response = await fetch(`${baseUrl}/api/payment_link/${uuid}/pay/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`pay failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Presses a button of the sandbox bank page without a browser: approve, decline or abandon. */
export async function decideAtBank(baseUrl, moneyMovementId, action) {
  const response = await fetch(`${baseUrl}/sandbox/bank/${moneyMovementId}/${action}`, {
    method: 'POST',
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`bank ${action} failed: ${response.status}`);
  return response.headers.get('location');
}

/** A link's payments as the sandbox records them: `[{ money_movement_id, idempotency_key, method, status }]`. */
export async function linkPayments(baseUrl, uuid) {
  const response = await fetch(`${baseUrl}/sandbox/payments/${uuid}`);
  if (!response.ok) throw new Error(`payments failed: ${response.status}`);
  return (await response.json()).payments;
}
