//! Deploy-time configuration, read from `<meta>` tags in index.html so a
//! deployment can change it without rebuilding the bundle. The provider is
//! the one exception: a bundle has only the wire formats it was built with
//! (Cargo features `colurs`, `belvo`), and the build writes its meta.

use wasm_bindgen::JsCast;
use web_sys::HtmlMetaElement;

#[derive(Clone, Debug)]
pub struct Config {
    /// Origin (and optional path prefix) of the provider API, without a
    /// trailing slash; empty means the page's own origin.
    pub api_base: String,
    /// Which wire format the provider speaks (docs/api.md).
    pub provider: Provider,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    #[cfg(feature = "colurs")]
    Colurs,
    #[cfg(feature = "belvo")]
    Belvo,
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
        let provider = match meta("paylink-provider").as_deref() {
            #[cfg(feature = "belvo")]
            Some("belvo") => Provider::Belvo,
            #[cfg(feature = "colurs")]
            _ => Provider::Colurs,
            #[cfg(not(feature = "colurs"))]
            _ => Provider::Belvo,
        };
        Config {
            api_base: api_base.trim_end_matches('/').to_owned(),
            provider,
        }
    }
}
