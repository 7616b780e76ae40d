//! The link answer that index.html's inline script started fetching while the
//! wasm downloaded: taking it saves a serial round trip at start-up.

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::http::Answer;
use crate::api::error::ApiError;

/// The prefetched answer for `token`, once: a retry must ask the network again.
pub async fn take(token: &str) -> Option<Result<Answer, ApiError>> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("paylinkPrefetch");
    let prefetch = Reflect::get(&window, &key).ok().filter(|v| v.is_object())?;
    let _ = Reflect::delete_property(&window, &key);
    let prefetched_token = Reflect::get(&prefetch, &"token".into()).ok()?.as_string()?;
    if prefetched_token != token {
        return None;
    }
    let answer: Promise = Reflect::get(&prefetch, &"answer".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some(match JsFuture::from(answer).await {
        Ok(pair) => {
            let pair: Array = pair.unchecked_into();
            let status = pair.get(0).as_f64().map_or(0, |s| s as u16);
            let body = pair.get(1).as_string().unwrap_or_default();
            Ok(Answer {
                status,
                body,
                date: None,
            })
        }
        // Aborted by its deadline or no network: the same as our own request failing.
        Err(_) => Err(ApiError::Network),
    })
}
