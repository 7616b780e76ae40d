//! The provider's side of a payment, simulated: the page a PSE or
//! Bancolombia payer is sent to (and, for manual trials, a stand-in for the
//! Nequi push), with one button per outcome.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware::map_response;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::colurs::model::{Link, Payment, PaymentMethod, PaymentStatus};
use crate::colurs::pse_banks::selectable_bank;
use crate::shared::money::Cents;
use crate::shared::page_shell::{escape_html, group_thousands, page, with_simulated_page_headers};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sandbox/bank/{money_movement_id}", get(bank_page))
        .route(
            "/sandbox/bank/{money_movement_id}/{action}",
            post(bank_action),
        )
        .layer(map_response(with_simulated_page_headers))
}

/// The buttons: URL segment (and, after `bank-`, test id), resulting
/// status and label.
const ACTIONS: &[(&str, PaymentStatus, &str)] = &[
    ("approve", PaymentStatus::Approved, "Aprobar"),
    ("decline", PaymentStatus::Declined, "Rechazar"),
    ("abandon", PaymentStatus::Abandoned, "Abandonar"),
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
    let Some(&(_, outcome, _)) = ACTIONS.iter().find(|(segment, ..)| *segment == action) else {
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
        "es",
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
        PaymentMethod::BreB => "Bre-B · Código simulado",
    };
    let method_label = match payment.method {
        PaymentMethod::Pse => "PSE (débito bancario)",
        PaymentMethod::Bancolombia => "Botón Bancolombia",
        PaymentMethod::Nequi => "Nequi",
        PaymentMethod::BreB => "Bre-B",
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
            .map(|(segment, _, label)| {
                format!(
                    r#"<form method="post" action="/sandbox/bank/{id}/{segment}"><button type="submit" data-testid="bank-{segment}">{label}</button></form>"#,
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
    page("es", title, &body)
}

/// `51.190,00 COP`: Colombian grouping, as a bank page would show it.
pub fn format_amount_es(amount: Cents, currency: &str) -> String {
    let wire = amount.to_string();
    let (whole, fraction) = wire.split_once('.').unwrap_or((&wire, "00"));
    let (sign, digits) = whole
        .strip_prefix('-')
        .map_or(("", whole), |digits| ("-", digits));
    format!("{sign}{},{fraction} {currency}", group_thousands(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_amounts_the_colombian_way() {
        for (cents, currency, shown) in [
            (5_119_000, "COP", "51.190,00 COP"),
            (2560, "USD", "25,60 USD"),
            (500_000_000, "COP", "5.000.000,00 COP"),
            (10_000, "COP", "100,00 COP"),
        ] {
            assert_eq!(format_amount_es(Cents::from_cents(cents), currency), shown);
        }
    }
}
