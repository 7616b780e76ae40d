//! A button that copies a text (a receipt's reference, a payment code, a
//! key) and tells when it did. Offered only where the browser allows
//! copying: a secure context. Not generic over what follows the copy: one
//! instance in the bundle for every button.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::shell::use_shell;
use super::tr;
use crate::checkout::state::Event;
use crate::i18n::Key;

/// `label` on a button that copies `text`; once copied, `copied` is set
/// (`copied_status` says so) and `then`, if any, is dispatched.
pub fn copy_button(
    text: String,
    label: Key,
    class: &'static str,
    copied: RwSignal<bool>,
    then: Option<Event>,
) -> Option<impl IntoView> {
    let shell = use_shell();
    web_sys::window()
        .is_some_and(|w| w.is_secure_context())
        .then(|| {
            view! {
                <button type="button" class=class on:click=move |_| {
                    let Some(window) = web_sys::window() else { return };
                    let written = window.navigator().clipboard().write_text(&text);
                    let then = then.clone();
                    spawn_local(async move {
                        if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
                            copied.set(true);
                            if let Some(event) = then {
                                shell.dispatch(event);
                            }
                        }
                    });
                }>
                    {tr(label)}
                </button>
            }
        })
}

/// Where a screen says, in the words of `done`, that a copy was made.
pub fn copied_status(copied: RwSignal<bool>, done: Key) -> impl IntoView {
    view! {
        <p class="notice__hint" role="status">{move || copied.get().then(tr(done))}</p>
    }
}
