//! The QR codes of "continue on your phone" and of a payment code: drawn
//! by `/qr.js` (qr/loader.mjs) and the `qr/` crate's wasm, which this adds
//! to the page (same origin, `script-src 'self'`) only when a payer first
//! opens the offer or is shown a code: nothing of it is in the first load.

use std::cell::Cell;

/// Where scripts/qr-module.mjs puts the loader in each bundle. Its name has
/// no hash, so hosts revalidate it (docs/deploying.md); the wasm it fetches
/// has one, and its sha384 is checked.
pub const LOADER: &str = "/qr.js";

thread_local! {
    static ADDED: Cell<bool> = const { Cell::new(false) };
}

/// Adds the loader to the page, once: it draws every code there, each offer
/// again whenever it opens, and every payment code that appears later.
pub fn add_loader() {
    if ADDED.with(|added| added.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let (Ok(script), Some(body)) = (document.create_element("script"), document.body()) {
        let _ = script.set_attribute("type", "module");
        let _ = script.set_attribute("src", LOADER);
        let _ = body.append_child(&script);
    }
}
