//! Leptos components: each renders part of a `Checkout` and turns clicks into events.
mod app;
mod outcome;
mod summary;

pub use app::{start, App};
pub use summary::LinkSummary;

use leptos::prelude::*;

use crate::i18n::{Key, Lang};

/// The payer's language, shared by every component.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    use_context::<LangContext>().map(|c| c.0).unwrap_or_else(|| RwSignal::new(Lang::Es))
}

/// A reactive text in the current language.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().text(key)
}
