// The sandbox's test controls: fault rules (changed only with the
// `X-Sandbox-Control` header) and the CSP violation reports it received.
import { SANDBOX_CONTROL } from '../../support/sandbox.mjs';

export { SANDBOX_CONTROL };

/** Adds a fault rule (`POST /sandbox/faults`); resolves to the rule as stored. */
export async function addFault(baseUrl, rule) {
  const response = await fetch(`${baseUrl}/sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...SANDBOX_CONTROL },
    body: JSON.stringify(rule),
  });
  if (response.status !== 201) throw new Error(`add fault failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The fault rules still set, in order, with their `remaining` and `hits`. */
export async function listFaults(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/faults`);
  if (!response.ok) throw new Error(`list faults failed: ${response.status}`);
  return response.json();
}

/** Removes every fault rule. */
export async function clearFaults(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/faults`, { method: 'DELETE', headers: SANDBOX_CONTROL });
  if (response.status !== 204) throw new Error(`clear faults failed: ${response.status}`);
}

/** The CSP violation reports the sandbox received, in arrival order. */
export async function cspReports(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/csp-reports`);
  if (!response.ok) throw new Error(`csp reports failed: ${response.status}`);
  return response.json();
}

export async function clearCspReports(baseUrl) {
  const response = await fetch(`${baseUrl}/sandbox/csp-reports`, { method: 'DELETE' });
  if (response.status !== 204) throw new Error(`clear csp reports failed: ${response.status}`);
}
