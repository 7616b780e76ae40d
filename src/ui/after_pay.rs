//! The screens a payer reaches only after pressing Pay or coming back from
//! the bank: the review, the waits, the code, the receipt, the failure.
//!
//! Release bundles (Cargo feature `split`) compile them into a wasm chunk of
//! their own, which the page fetches in the background once the pay screen
//! is painted, so the first load carries none of their code
//! (scripts/split.mjs makes the chunk; docs/performance.md has the bytes).
//! Builds without the feature (the gallery, the browser tests, `trunk
//! serve`) link them in as any other screen.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::app::focus_heading;
use super::code::CodeScreen;
use super::outcome::{FailedScreen, ReceiptScreen};
use super::review::ReviewScreen;
use super::waiting::{ApprovalScreen, ConfirmingScreen, RedirectingScreen};
use super::{mark_busy, tr};
use crate::i18n::Key;

/// A screen of the chunk. A paid link's receipt is its own screen (not the
/// receipt of the payment just made): moving between them rebuilds it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Later {
    Review,
    Redirecting,
    Approval,
    Code,
    Confirming,
    Receipt,
    LinkPaid,
    Failed,
}

/// The chunk did not arrive.
pub struct ChunkMissing;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        after_pay,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_chunk)
    )
)]
fn build(screen: Later) -> Result<AnyView, ChunkMissing> {
    Ok(match screen {
        Later::Review => view! { <ReviewScreen/> }.into_any(),
        Later::Redirecting => view! { <RedirectingScreen/> }.into_any(),
        Later::Approval => view! { <ApprovalScreen/> }.into_any(),
        Later::Code => view! { <CodeScreen/> }.into_any(),
        Later::Confirming => view! { <ConfirmingScreen/> }.into_any(),
        Later::Receipt | Later::LinkPaid => view! { <ReceiptScreen/> }.into_any(),
        Later::Failed => view! { <FailedScreen/> }.into_any(),
    })
}

/// The view, if its code is in: the split wrapper answers at once once the
/// chunk has loaded, so the screen renders in the same task as without it.
#[cfg(feature = "split")]
fn ready_view(screen: Later) -> Option<AnyView> {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(build(screen));
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(view) => view.ok(),
        Poll::Pending => None,
    }
}

#[cfg(not(feature = "split"))]
fn ready_view(screen: Later) -> Option<AnyView> {
    build(screen).ok()
}

#[cfg(not(feature = "split"))]
async fn fetch_chunk() -> Result<(), ChunkMissing> {
    Ok(())
}

/// Where the chunk is, for the screen switch.
#[derive(Clone, Copy)]
pub struct AfterPay {
    /// Its code is in: the switch renders these screens synchronously.
    loaded: RwSignal<bool>,
    /// A fetch is under way.
    fetching: StoredValue<bool>,
    /// A screen waits for it: a failed fetch then ends the page (below).
    needed: StoredValue<bool>,
}

impl AfterPay {
    pub fn new() -> Self {
        Self {
            loaded: RwSignal::new(!cfg!(feature = "split")),
            fetching: StoredValue::new(false),
            needed: StoredValue::new(false),
        }
    }

    /// Fetches the chunk ahead of need. A failure here says nothing: the
    /// screen that needs it fetches it again.
    pub fn prefetch(self) {
        if !self.loaded.get_untracked() {
            self.fetch();
        }
    }

    /// The screen, or a loading line while its code arrives (a reload
    /// straight into one of these screens, or a pay screen left within
    /// moments). The checkout is `aria-busy` until the screen is there.
    pub fn view(self, screen: Later) -> AnyView {
        if self.loaded.get() {
            if let Some(view) = ready_view(screen) {
                return view;
            }
        }
        self.needed.set_value(true);
        // In a task of its own: on a first render the checkout is not in the document yet.
        spawn_local(async { mark_busy(true) });
        self.fetch();
        view! { <p class="paylink__loading" role="status">{tr(Key::Loading)}</p> }.into_any()
    }

    fn fetch(self) {
        if self.fetching.get_value() {
            return;
        }
        self.fetching.set_value(true);
        spawn_local(async move {
            match fetch_chunk().await {
                Ok(()) => {
                    self.fetching.set_value(false);
                    self.loaded.set(true);
                    if self.needed.get_value() {
                        // The screen renders before the next frame; its heading
                        // takes the focus its screen change could not give it.
                        request_animation_frame(|| {
                            mark_busy(false);
                            focus_heading();
                        });
                    }
                }
                // The payer is on a screen the page cannot draw. index.html's
                // recovery screen takes over: it offers a reload, which
                // resumes the payment from the provider's status. `fetching`
                // stays set: the page has ended, nothing fetches again.
                Err(_) if self.needed.get_value() => std::process::abort(),
                Err(_) => self.fetching.set_value(false),
            }
        });
    }
}
