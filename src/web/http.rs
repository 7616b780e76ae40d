//! HTTP with a deadline on every request: a payer never waits on a silent network.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::error::ApiError;

pub const DEFAULT_TIMEOUT_MS: i32 = 15_000;

/// An answer of any HTTP status: the caller decides what a status means.
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The `Date` header: the server's clock (a cross-origin API must expose
    /// it, docs/deploying.md).
    pub date: Option<String>,
}

/// Sends the request (with `body`, if any) and reads the whole answer,
/// aborting after `timeout_ms`.
pub async fn send(
    request: RequestBuilder,
    body: Option<String>,
    timeout_ms: i32,
) -> Result<Answer, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::once_into_js(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.unchecked_ref(),
            timeout_ms,
        )
        .map_err(|_| ApiError::Network)?;

    let request = request.abort_signal(Some(&controller.signal()));
    let result = read(request, body).await;
    window.clear_timeout_with_handle(timer);
    result.map_err(|_| {
        if timed_out.get() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    })
}

async fn read(request: RequestBuilder, body: Option<String>) -> Result<Answer, gloo_net::Error> {
    let request = match body {
        Some(body) => request.body(body)?,
        None => request.build()?,
    };
    let response = request.send().await?;
    let status = response.status();
    let date = response.headers().get("date");
    let body = response.text().await?;
    Ok(Answer { status, body, date })
}

pub fn get(url: &str) -> RequestBuilder {
    Request::get(url).header("Accept", "application/json")
}

pub fn post_json(url: &str) -> RequestBuilder {
    Request::post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
}
