// The QR code of "continue on your phone", drawn beside every offer's hint
// (src/ui/handoff.rs), now and whenever an offer opens again. It holds the
// page's own URL without its query or fragment: the page runs only at
// /pay/<token>, so that is the link's URL, with nothing the payer typed (in
// the gallery, the gallery's own). The page adds this module, as /qr.js,
// the first time a payer opens the offer (src/web/qr.rs); it fetches the
// encoder (the qr/ crate's wasm, its sha384 checked) and asks it for the
// SVG. scripts/qr-module.mjs writes the two names below and minifies it.
const WASM = '__QR_WASM__';
const INTEGRITY = '__QR_WASM_INTEGRITY__';
let encoder;
let drawn = 0;

/**
 * Draws each offer's code not drawn yet, before its hint, and the URL in
 * words after it, which names the code for assistive technology.
 */
async function draw() {
  // A deadline like every request of the page (src/web/http.rs).
  encoder ??= fetch(WASM, { integrity: INTEGRITY, signal: AbortSignal.timeout(15000) })
    .then((response) => response.arrayBuffer())
    .then((bytes) => WebAssembly.instantiate(bytes))
    .then((made) => made.instance.exports);
  const qr = await encoder;
  for (const hint of document.querySelectorAll('.handoff__hint:not([data-drawn])')) {
    const url = location.origin + location.pathname;
    const text = new TextEncoder().encode(url);
    new Uint8Array(qr.memory.buffer, qr.input(), text.length).set(text);
    const length = qr.encode(text.length);
    const code = document.createElement('div');
    code.className = 'handoff__code';
    code.setAttribute('role', 'img');
    code.setAttribute('aria-labelledby', (drawn += 1, `paylink-qr-${drawn}`));
    // The encoder's own markup (qr/src/lib.rs): an <svg> with a path, nothing else.
    code.innerHTML = new TextDecoder().decode(new Uint8Array(qr.memory.buffer, qr.output(), length));
    const words = document.createElement('p');
    words.className = 'handoff__url';
    words.id = `paylink-qr-${drawn}`;
    words.textContent = url;
    hint.before(code);
    hint.after(words);
    hint.dataset.drawn = '';
  }
}

// `toggle` does not bubble: listened to as it goes down to the offer.
document.addEventListener('toggle', draw, true);
draw();
