//! Leaving the page and keeping the payment reference in the URL.

use crate::checkout::redirect::{is_development_origin, is_followable};
use crate::web::config::page_origin;

/// Goes to a bank, an app or the merchant at top level: a bank page must
/// never load inside a frame. A URL the redirect rule refuses is never
/// followed (bank pages were also held to the deployment's allowlist).
pub fn leave_for(url: &str) {
    if !is_followable(url, is_development_origin(&page_origin())) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    match window
        .top()
        .ok()
        .flatten()
        .filter(|top| !top.loose_eq(&window))
    {
        // Framed: the top window goes, or (when the browser refuses) the
        // merchant's embed.js does it on the `redirect` message. Never the frame.
        Some(top) => {
            let _ = top.location().set_href(url);
        }
        None => {
            let _ = window.location().assign(url);
        }
    }
}

/// Writes (or removes) `?payment=REF` in the address bar without a reload, so
/// reloading or reopening resumes the payment. The reference carries no payer data.
pub fn set_payment_in_url(reference: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    match reference {
        Some(reference) => params.set("payment", reference),
        None => params.delete("payment"),
    }
    let query: String = params.to_string().into();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The payment the payer comes back to: `?payment=REF` (Colurs), or the
/// Open Finance return `state` in the query or the fragment (with `code`
/// and `id_token`, which the page has no use for and removes from the
/// address bar at once, so they are never shared or stored in history).
pub fn take_return_reference() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let query = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    let hash = location.hash().ok().unwrap_or_default();
    let fragment = web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?;
    // Open Finance's `state` counts only beside what the bank sends with it
    // (`code` and `id_token`, or `error` when the payer refused): a bare
    // `state` is anybody's crafted URL. Either way the page then asks the
    // provider, and shows only what it says.
    let bank_state = |params: &web_sys::UrlSearchParams| {
        (params.has("code") || params.has("id_token") || params.has("error"))
            .then(|| params.get("state"))
            .flatten()
    };
    let reference = query
        .get("payment")
        .or_else(|| bank_state(&query))
        .or_else(|| bank_state(&fragment));
    let returned = ["code", "id_token", "state", "error"]
        .iter()
        .any(|k| query.has(k) || fragment.has(k));
    if returned {
        for key in ["code", "id_token", "state", "error", "error_description"] {
            query.delete(key);
        }
        // Kept as the page's own parameter, so a reload resumes the payment.
        if let Some(reference) = &reference {
            query.set("payment", reference);
        }
        let query: String = query.to_string().into();
        let path = location.pathname().ok()?;
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
    reference
}

/// A fresh idempotency key for a new payment attempt.
pub fn fresh_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        // Date.now() is a whole number of milliseconds: as an integer it reads
        // the same, without the float formatting code (about 4 KB of wasm).
        .unwrap_or_else(|| format!("k-{}", js_sys::Date::now() as u64))
}

/// The `name` query parameter of the page URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}
