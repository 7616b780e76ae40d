// The Belvo API of the sandbox, called as a merchant or another tab would.
import { MERCHANT_HEADERS } from './colurs.mjs';
import { MERCHANT_ORIGIN } from './suite.mjs';

/** The Belvo demo links of the sandbox, by their access tokens. */
export const BELVO = {
  pse: 'belvoPseIndividual0000000000000000000000001',
  pixIndividual: 'belvoPixIndividual0000000000000000000000002',
  pixBusiness: 'belvoPixBusiness000000000000000000000000003',
  pixBusinessAlnum: 'belvoPixBusinessAlnum0000000000000000000004',
  pixExpired: 'belvoPixExpired0000000000000000000000000005',
  pixQr: 'belvoPixQrIndividual00000000000000000000006',
};

/** A Belvo link as the page reads it, by its access token. */
export async function getBelvoLink(baseUrl, accessToken) {
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/${accessToken}/`);
  if (!response.ok) throw new Error(`get Belvo link failed: ${response.status}`);
  return response.json();
}

/**
 * A new Belvo link like the demo link `accessToken` (same customer, method,
 * amount, description and merchant), with callback URLs under
 * `MERCHANT_ORIGIN/belvo/<tag>/`, so a test can pay it without using up the demo link.
 */
export async function copyBelvoLink(baseUrl, accessToken, tag, extra = {}) {
  const seed = await getBelvoLink(baseUrl, accessToken);
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/`, {
    method: 'POST',
    headers: MERCHANT_HEADERS,
    body: JSON.stringify({
      amount: seed.amount,
      description: seed.description,
      customer: seed.customer.id,
      allowed_payment_method_types: seed.allowed_payment_method_types,
      payment_method_details: seed.payment_method_details,
      callback_urls: {
        success: `${MERCHANT_ORIGIN}/belvo/${tag}/success`,
        cancel: `${MERCHANT_ORIGIN}/belvo/${tag}/cancel`,
      },
      merchant: seed.merchant,
      ...extra,
    }),
  });
  if (response.status !== 201) throw new Error(`create Belvo link failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Creates a payment intent for a Belvo link through the API, as another tab would. */
export async function createBelvoIntent(baseUrl, accessToken, choice, idempotencyKey = `out-of-band-${Math.random()}`) {
  const seed = await getBelvoLink(baseUrl, accessToken);
  const [method] = seed.allowed_payment_method_types;
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/${accessToken}/payment_intents/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({
      allowed_payment_method_types: [method],
      payment_method_details: { [method]: { callback_url: `${baseUrl}/pay/${accessToken}`, ...choice } },
      confirm: true,
    }),
  });
  if (response.status !== 201) throw new Error(`create intent failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A Belvo payment intent as the page polls it. */
export async function getBelvoIntent(baseUrl, accessToken, intentId) {
  const response = await fetch(`${baseUrl}/api/belvo/payment_links/${accessToken}/payment_intents/${intentId}/`);
  if (!response.ok) throw new Error(`get intent failed: ${response.status}`);
  return response.json();
}
