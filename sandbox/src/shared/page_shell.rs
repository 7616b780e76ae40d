//! The sandbox's own HTML pages (the simulated bank, Nequi and consent
//! pages): one plain document shell with its inline style, the strict policy
//! it is served with, escaping, and the grouping of amounts both
//! providers' pages show.

use std::sync::LazyLock;

use axum::http::{header, HeaderValue};
use axum::response::Response;

use crate::serving::page_policy::script_hash_source;

/// A whole page: `body` is HTML, `title` text.
pub fn page(lang: &str, title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }}
.note {{ background: #fff4d6; padding: .5rem .75rem; border-radius: .25rem; }}
dl {{ display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; }}
dt {{ font-weight: 600; }} dd {{ margin: 0; overflow-wrap: anywhere; }}
.actions {{ display: flex; gap: .5rem; flex-wrap: wrap; }}
button {{ font: inherit; padding: .5rem 1rem; cursor: pointer; }}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"#,
        lang = escape_html(lang),
        title = escape_html(title),
    )
}

/// The policy of a simulated bank or consent page, from its HTML: its own
/// inline `<style>` by hash and nothing else to load, forms that post only
/// to the sandbox (the redirect after a button lands on the page's origin),
/// and no frame: another site must not show the Approve button under
/// something else for the payer to click.
pub fn simulated_page_policy(html: &str) -> String {
    // A style's hash follows the same rule as a script's.
    let style_src = inline_style(html).map_or_else(|| "'none'".to_owned(), script_hash_source);
    format!(
        "default-src 'none'; style-src {style_src}; form-action 'self'; base-uri 'none'; \
         frame-ancestors 'none'"
    )
}

/// The policy, and `X-Frame-Options` for browsers without `frame-ancestors`,
/// on every answer of a simulated page's routes (`map_response` layer): no
/// other site may frame their buttons.
pub async fn with_simulated_page_headers(mut response: Response) -> Response {
    static POLICY: LazyLock<String> = LazyLock::new(|| simulated_page_policy(&page("es", "", "")));
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The text of the first `<style>` element.
fn inline_style(html: &str) -> Option<&str> {
    let start = html.find("<style>")? + "<style>".len();
    let length = html[start..].find("</style>")?;
    Some(&html[start..start + length])
}

/// `1234567` as `1.234.567`: thousands grouped with dots, as in Colombia
/// and Brazil.
pub fn group_thousands(digits: &str) -> String {
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// Text made safe inside HTML elements and quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}
