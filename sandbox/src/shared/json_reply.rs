//! JSON responses built from bytes we serialize ourselves, so amounts keep
//! their exact two-decimal text and a recorded answer can be replayed as is.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub fn to_json_bytes(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("sandbox views always serialize")
}

pub fn json_bytes_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

pub fn json_response(status: StatusCode, value: &impl Serialize) -> Response {
    json_bytes_response(status, to_json_bytes(value))
}
