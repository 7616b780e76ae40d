//! Yielding to the browser between pieces of work, so that no one task blocks
//! the main thread long and what is ready gets painted first.

use std::time::Duration;

use js_sys::Promise;
use leptos::prelude::{request_animation_frame, set_timeout};
use wasm_bindgen_futures::JsFuture;

/// Resolves in a new task after the browser has had a chance to paint.
///
/// `requestAnimationFrame` then a zero timeout lands just after the next
/// frame; the plain timeout covers pages that get no frames (a background
/// tab, a hidden frame), where waiting for one would stall the page.
pub async fn after_next_paint() {
    let promise = Promise::new(&mut |resolve, _| {
        let after_frame = resolve.clone();
        request_animation_frame(move || {
            request_animation_frame(move || {
                set_timeout(
                    move || drop(after_frame.call0(&after_frame)),
                    Duration::ZERO,
                )
            })
        });
        set_timeout(
            move || drop(resolve.call0(&resolve)),
            Duration::from_millis(50),
        );
    });
    let _ = JsFuture::from(promise).await;
}
