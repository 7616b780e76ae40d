// The QR codes of the page, drawn by the qr/ crate's wasm (its sha384
// checked), which this module fetches the first time it runs:
// - "continue on your phone" (src/ui/handoff.rs): beside every offer's hint,
//   now and whenever an offer opens again, the page's own URL without its
//   query or fragment (the page runs only at /pay/<token>, so that is the
//   link's URL, with nothing the payer typed; in the gallery, the
//   gallery's own), with the URL in words after it, which names the code
//   for assistive technology;
// - a payment code (src/ui/code.rs): into each box with a `data-qr-payload`,
//   whenever one appears or its payload changes; the page names the box
//   and shows the payload's text beside it.
// The page adds this module, as /qr.js, the first time a payer opens the
// offer or is shown a code (src/web/qr.rs). scripts/qr-module.mjs writes
// the two names below and minifies it.
const WASM = '__QR_WASM__';
const INTEGRITY = '__QR_WASM_INTEGRITY__';
let encoder;
let drawn = 0;

/** The encoder's own markup for `text` (qr/src/lib.rs): an <svg> with a path, nothing else. */
function svg(qr, text) {
  const bytes = new TextEncoder().encode(text);
  new Uint8Array(qr.memory.buffer, qr.input(), bytes.length).set(bytes);
  const length = qr.encode(bytes.length);
  return new TextDecoder().decode(new Uint8Array(qr.memory.buffer, qr.output(), length));
}

async function draw() {
  // A deadline like every request of the page (src/web/http.rs).
  encoder ??= fetch(WASM, { integrity: INTEGRITY, signal: AbortSignal.timeout(15000) })
    .then((response) => response.arrayBuffer())
    .then((bytes) => WebAssembly.instantiate(bytes))
    .then((made) => made.instance.exports);
  const qr = await encoder;
  for (const hint of document.querySelectorAll('.handoff__hint:not([data-drawn])')) {
    const url = location.origin + location.pathname;
    const code = document.createElement('div');
    code.className = 'handoff__code';
    code.setAttribute('role', 'img');
    code.setAttribute('aria-labelledby', (drawn += 1, `paylink-qr-${drawn}`));
    code.innerHTML = svg(qr, url);
    const words = document.createElement('p');
    words.className = 'handoff__url';
    words.id = `paylink-qr-${drawn}`;
    words.textContent = url;
    hint.before(code);
    hint.after(words);
    hint.dataset.drawn = '';
  }
  for (const box of document.querySelectorAll('[data-qr-payload]')) {
    if (box.dataset.drawn !== box.dataset.qrPayload) {
      box.dataset.drawn = box.dataset.qrPayload;
      box.innerHTML = svg(qr, box.dataset.qrPayload);
    }
  }
}

// `toggle` does not bubble: listened to as it goes down to the offer.
document.addEventListener('toggle', draw, true);
// A code shown after this module came (a new attempt, another screen).
new MutationObserver(draw).observe(document.body, {
  childList: true,
  subtree: true,
  attributeFilter: ['data-qr-payload'],
});
draw();
