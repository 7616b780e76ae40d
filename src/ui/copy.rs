//! A button that copies a text (a receipt's reference, a payment code, a
//! key) and tells when it did. Offered only where the browser allows
//! copying: a secure context.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::tr;
use crate::i18n::Key;

/// `label` on a button that copies `text`, then calls `copied`.
pub fn copy_button(
    text: String,
    label: Key,
    class: &'static str,
    copied: impl Fn() + Copy + 'static,
) -> Option<impl IntoView> {
    web_sys::window()
        .is_some_and(|w| w.is_secure_context())
        .then(|| {
            view! {
                <button type="button" class=class on:click=move |_| {
                    let Some(window) = web_sys::window() else { return };
                    let written = window.navigator().clipboard().write_text(&text);
                    spawn_local(async move {
                        if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
                            copied();
                        }
                    });
                }>
                    {tr(label)}
                </button>
            }
        })
}
