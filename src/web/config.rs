//! Deploy-time configuration, read from `<meta>` tags in index.html so a
//! deployment can change it without rebuilding the bundle. The provider is
//! the one exception: a bundle speaks the one it was built for
//! (`api::ActiveProvider`), and the build writes its meta.

use wasm_bindgen::JsCast;
use web_sys::HtmlMetaElement;

use crate::api::provider::Provider;
use crate::api::ActiveProvider;
use crate::checkout::link::Merchant;
use crate::checkout::redirect::{is_allowed_bank_redirect, parse_allowlist};

#[derive(Clone, Debug)]
pub struct Config {
    /// Origin (and optional path prefix) of the provider API, without a
    /// trailing slash; empty means the page's own origin.
    pub api_base: String,
    /// Which wire format the provider speaks (docs/api.md).
    pub provider: ActiveProvider,
    /// Hosts a bank or consent redirect may go to besides the page's and
    /// the API's own origins (`checkout::redirect`; docs/deploying.md).
    pub redirect_hosts: Vec<String>,
}

fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    let content = element.dyn_into::<HtmlMetaElement>().ok()?.content();
    Some(content.trim().to_owned())
}

impl Config {
    pub fn from_document() -> Config {
        let api_base = meta("paylink-api-base").unwrap_or_default();
        let provider = ActiveProvider::named(&meta("paylink-provider").unwrap_or_default());
        Config {
            api_base: api_base.trim_end_matches('/').to_owned(),
            provider,
            redirect_hosts: parse_allowlist(&meta("paylink-redirect-hosts").unwrap_or_default()),
        }
    }

    /// Whether the provider's redirect to a bank or consent page may be followed.
    pub fn allows_bank_redirect(&self, url: &str) -> bool {
        let page = page_origin();
        let api = origin_of(&self.api_base);
        is_allowed_bank_redirect(url, &self.redirect_hosts, &[&page, api])
    }
}

/// The merchant's logo, when this deployment lets the page load it: from
/// the page's own origin or one `<meta name="paylink-image-origins">` lists
/// (the CSP's `img-src` lists the same; docs/deploying.md).
pub fn logo_src(merchant: &Merchant) -> Option<String> {
    let allowed = parse_allowlist(&meta("paylink-image-origins").unwrap_or_default());
    merchant
        .logo_src(&allowed, &page_origin())
        .map(str::to_owned)
}

/// This page's origin, e.g. `https://pay.example`.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The scheme, host and port of an absolute URL (the API base may carry a path).
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}
