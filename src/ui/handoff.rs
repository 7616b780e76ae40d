//! "Continue on your phone": on a computer, a method finished in a phone app
//! offers a QR code of this link's URL. Which screens are a computer's is
//! the stylesheet's media query (style/main.css, `.handoff`): elsewhere the
//! offer is not displayed, so not there for anyone. The code, and the URL in
//! words that names it, are drawn by a module added only when the payer
//! first opens the offer (`web::qr`); the page keeps watching the link, so
//! what the phone pays shows here too.

use leptos::prelude::*;

use super::shell::use_shell;
use super::{tr, with_payable};
use crate::checkout::handoff::offered;
use crate::i18n::Key;
use crate::web::qr::add_loader;

#[component]
pub fn PhoneHandoff() -> impl IntoView {
    let shell = use_shell();
    // A disclosure: the browser opens and closes it and tells assistive
    // technology. As few parts as will do: each costs the first load.
    move || {
        offered(with_payable(shell.state, |p| p.method).flatten()).then(|| {
            view! {
                <details class="handoff" on:click=|_| add_loader()>
                    <summary class="button button--block">{tr(Key::PhoneHandoff)}</summary>
                    <p class="handoff__hint">{tr(Key::PhoneHandoffHint)}</p>
                </details>
            }
        })
    }
}
