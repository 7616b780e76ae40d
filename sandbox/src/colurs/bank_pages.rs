//! The provider's side of a payment, simulated: the page a PSE or
//! Bancolombia payer is sent to (and, for manual trials, a stand-in for the
//! Nequi push), with one button per outcome.

use std::sync::LazyLock;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::map_response;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::colurs::model::{Link, Payment, PaymentMethod, PaymentStatus};
use crate::colurs::pse_banks::selectable_bank;
use crate::serving::page_policy::script_hash_source;
use crate::shared::money::Cents;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sandbox/bank/{money_movement_id}", get(bank_page))
        .route(
            "/sandbox/bank/{money_movement_id}/{action}",
            post(bank_action),
        )
        .layer(map_response(|mut response: Response| async move {
            static POLICY: LazyLock<String> = LazyLock::new(|| bank_page_policy(&page("", "")));
            insert_bank_page_headers(response.headers_mut(), &POLICY);
            response
        }))
}

/// The policy of a simulated bank or consent page, from its HTML: its own
/// inline `<style>` by hash and nothing else to load, forms that post only
/// to the sandbox (the redirect after a button lands on the page's origin),
/// and no frame: another site must not show the Approve button under
/// something else for the payer to click.
pub(crate) fn bank_page_policy(html: &str) -> String {
    // A style's hash follows the same rule as a script's.
    let style_src = inline_style(html).map_or_else(|| "'none'".to_owned(), script_hash_source);
    format!(
        "default-src 'none'; style-src {style_src}; form-action 'self'; base-uri 'none'; \
         frame-ancestors 'none'"
    )
}

/// The policy, and `X-Frame-Options` for browsers without `frame-ancestors`.
pub(crate) fn insert_bank_page_headers(headers: &mut HeaderMap, policy: &str) {
    if let Ok(policy) = HeaderValue::from_str(policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// The text of the first `<style>` element.
fn inline_style(html: &str) -> Option<&str> {
    let start = html.find("<style>")? + "<style>".len();
    let length = html[start..].find("</style>")?;
    Some(&html[start..start + length])
}

/// The buttons: URL segment, resulting status, label and test id.
const ACTIONS: &[(&str, PaymentStatus, &str, &str)] = &[
    (
        "approve",
        PaymentStatus::Approved,
        "Aprobar",
        "bank-approve",
    ),
    (
        "decline",
        PaymentStatus::Declined,
        "Rechazar",
        "bank-decline",
    ),
    (
        "abandon",
        PaymentStatus::Abandoned,
        "Abandonar",
        "bank-abandon",
    ),
];

/// Where the provider sends the payer back: the page, which polls from there.
pub fn return_path(payment: &Payment) -> String {
    format!(
        "/pay/{}?payment={}",
        payment.link_uuid, payment.money_movement_id
    )
}

async fn bank_page(
    Path(money_movement_id): Path<String>,
    State(state): State<AppState>,
) -> Response {
    let (store, _now) = state.settled_store();
    let Some(payment) = store.payment(&money_movement_id) else {
        return payment_not_found();
    };
    let Some(link) = store.link(payment.link_uuid) else {
        return payment_not_found();
    };
    Html(render_bank_page(payment, link)).into_response()
}

async fn bank_action(
    Path((money_movement_id, action)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Response {
    let Some(&(_, outcome, _, _)) = ACTIONS.iter().find(|(segment, ..)| *segment == action) else {
        return (StatusCode::NOT_FOUND, "Acción desconocida").into_response();
    };
    let (mut store, now) = state.settled_store();
    let Some(payment) = store.payment(&money_movement_id) else {
        return payment_not_found();
    };
    let back_to_page = return_path(payment);
    // A payment that has already ended keeps its outcome; the payer is
    // simply sent back to see it.
    store.finish_payment(&money_movement_id, outcome, now);
    Redirect::to(&back_to_page).into_response()
}

fn payment_not_found() -> Response {
    let body = page(
        "Pago no encontrado",
        "<h1>Pago no encontrado</h1><p>No existe un pago con esa referencia.</p>",
    );
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

fn render_bank_page(payment: &Payment, link: &Link) -> String {
    let title = match payment.method {
        PaymentMethod::Pse => "PSE · Banco de pruebas",
        PaymentMethod::Bancolombia => "Botón Bancolombia · Simulado",
        PaymentMethod::Nequi => "Nequi · Notificación simulada",
    };
    let method_label = match payment.method {
        PaymentMethod::Pse => "PSE (débito bancario)",
        PaymentMethod::Bancolombia => "Botón Bancolombia",
        PaymentMethod::Nequi => "Nequi",
    };
    let bank_row = payment
        .payer
        .bank_id
        .and_then(selectable_bank)
        .map(|bank| {
            format!(
                r#"<dt>Banco</dt><dd data-testid="bank-name">{}</dd>"#,
                escape_html(bank.name)
            )
        })
        .unwrap_or_default();

    let outcome = if payment.status == PaymentStatus::Pending {
        ACTIONS
            .iter()
            .map(|(segment, _, label, test_id)| {
                format!(
                    r#"<form method="post" action="/sandbox/bank/{id}/{segment}"><button type="submit" data-testid="{test_id}">{label}</button></form>"#,
                    id = escape_html(&payment.money_movement_id),
                )
            })
            .collect::<Vec<_>>()
            .join("")
    } else {
        format!(
            r#"<p>Este pago ya terminó.</p><a data-testid="bank-return" href="{}">Volver al comercio</a>"#,
            escape_html(&return_path(payment))
        )
    };

    let body = format!(
        r#"<h1>{title}</h1>
<p class="note">Entorno de pruebas: ningún dinero real se mueve.</p>
<dl>
<dt>Comercio</dt><dd data-testid="bank-merchant"><bdi>{merchant}</bdi></dd>
<dt>Descripción</dt><dd><bdi>{description}</bdi></dd>
<dt>Valor</dt><dd data-testid="bank-amount">{amount}</dd>
<dt>Medio de pago</dt><dd data-testid="bank-method">{method_label}</dd>
{bank_row}
<dt>Referencia</dt><dd data-testid="bank-reference">{reference}</dd>
<dt>Estado</dt><dd data-testid="bank-status">{status}</dd>
</dl>
<div class="actions">{outcome}</div>"#,
        merchant = escape_html(link.display_name()),
        description = escape_html(&link.description),
        amount = format_amount_es(payment.total_to_pay, link.currency.as_str()),
        reference = escape_html(&payment.money_movement_id),
        status = payment.status.as_str(),
    );
    page(title, &body)
}

fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }}
.note {{ background: #fff4d6; padding: .5rem .75rem; border-radius: .25rem; }}
dl {{ display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; }}
dt {{ font-weight: 600; }} dd {{ margin: 0; }}
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
        title = escape_html(title),
    )
}

/// `51.190,00 COP`: Colombian grouping, as a bank page would show it.
fn format_amount_es(amount: Cents, currency: &str) -> String {
    let wire = amount.to_string();
    let (whole, fraction) = wire.split_once('.').unwrap_or((&wire, "00"));
    let (sign, digits) = whole
        .strip_prefix('-')
        .map_or(("", whole), |digits| ("-", digits));
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped},{fraction} {currency}")
}

/// Text made safe inside HTML elements and quoted attributes; the Belvo
/// consent pages use it too.
pub(crate) fn escape_html(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_amounts_the_colombian_way() {
        assert_eq!(
            format_amount_es(Cents::units(51_190), "COP"),
            "51.190,00 COP"
        );
        assert_eq!(
            format_amount_es(Cents::from_cents(2560), "USD"),
            "25,60 USD"
        );
        assert_eq!(
            format_amount_es(Cents::units(5_000_000), "COP"),
            "5.000.000,00 COP"
        );
        assert_eq!(format_amount_es(Cents::units(100), "COP"), "100,00 COP");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
