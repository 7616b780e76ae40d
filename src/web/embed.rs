//! The page inside a merchant's iframe: messages to embed.js, resize, theme
//! tokens from the merchant and the brand colour from the link.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::checkout::link::PaymentLink;
use crate::embed::protocol::{is_allowed_origin, read_parent_message, PageMessage, ParentMessage};
use crate::embed::theme::{accepted_theme, brand_tokens, is_safe_token};
use crate::web::navigate::query_param;

/// The merchant page this page talks to: only when framed, and only when the
/// origin embed.js announced is exactly one the link allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parent {
    origin: String,
}

fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| !parent.loose_eq(&window))
}

impl Parent {
    pub fn for_link(link: &PaymentLink) -> Option<Parent> {
        let origin = query_param("embed_origin")?;
        (framed() && is_allowed_origin(&origin, &link.embed_origins)).then_some(Parent { origin })
    }

    /// The origin embed.js announced, not yet checked against a link: only
    /// for telling that the link could not be loaded. `postMessage` delivers
    /// it only if the parent really has that origin, and it says nothing a
    /// framer could not see on the screen.
    pub fn announced() -> Option<Parent> {
        let origin = query_param("embed_origin")?;
        (framed() && origin != "null").then_some(Parent { origin })
    }

    /// Posts to the parent at its exact origin, never `'*'`.
    pub fn post(&self, message: &PageMessage) {
        let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
        if let Some(parent) = parent {
            let _ = parent.post_message(&message.to_json().into(), &self.origin);
        }
    }

    /// Reports the content's height whenever it changes.
    pub fn watch_height(&self) {
        let parent = self.clone();
        let observer = Closure::<dyn FnMut()>::new(move || {
            // The body's own height, not the document's: a document is never
            // shorter than its frame, so the frame could grow but never shrink.
            let height = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
                .map_or(0, |body| body.offset_height().max(0) as u32);
            parent.post(&PageMessage::Resize { height });
        });
        if let Ok(resize) = web_sys::ResizeObserver::new(observer.as_ref().unchecked_ref()) {
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
            {
                resize.observe(&body);
            }
        }
        // Lives as long as the page.
        observer.forget();
    }

    /// Applies theme tokens the merchant's page sends, from its origin only:
    /// each message checked with the tokens already set (`accepted_theme`).
    pub fn accept_theme(&self) {
        let origin = self.origin.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let from_parent = web_sys::window()
                    .and_then(|w| w.parent().ok().flatten())
                    .zip(event.source())
                    .is_some_and(|(parent, source)| parent.loose_eq(&source));
                if event.origin() != origin || !from_parent {
                    return;
                }
                let Some(text) = event.data().as_string() else {
                    return;
                };
                if let Some(ParentMessage::Theme { tokens, .. }) = read_parent_message(&text) {
                    for (name, value) in accepted_theme(&tokens, &token_in_effect) {
                        set_token(name, value);
                    }
                }
            },
        );
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        }
        on_message.forget();
    }
}

fn root_style() -> Option<web_sys::CssStyleDeclaration> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|root| root.style())
}

/// A token set on the document (the brand colour, an earlier theme), if any.
fn token_in_effect(name: &str) -> Option<String> {
    let value = root_style()?.get_property_value(name).ok()?;
    (!value.is_empty()).then_some(value)
}

/// Sets one declared `--paylink-*` token on the document, if its value is of its kind.
fn set_token(name: &str, value: &str) {
    if let Some(style) = root_style().filter(|_| is_safe_token(name, value)) {
        let _ = style.set_property(name, value);
    }
}

/// The merchant's brand colour from the link, with a text colour that meets AA on it.
pub fn apply_brand(link: &PaymentLink) {
    if let Some(tokens) = link.merchant.brand_color.as_deref().and_then(brand_tokens) {
        for (name, value) in tokens {
            set_token(name, &value);
        }
    }
}
