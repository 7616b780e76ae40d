//! The payer's bank app, simulated, for the pay-by-code methods (Bre-B on
//! Colurs, Pix QR on Belvo): a tester pastes the code the page shows (the
//! payload, or the payment's reference) and approves it, declines it, or
//! lets it expire, as the payer would from their phone. Its buttons are
//! plain form posts, which tests send too.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::middleware::map_response;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

use crate::belvo::consent_pages::format_amount;
use crate::belvo::model::{Decision, Outcome};
use crate::belvo::{belvo_store, consent_timing};
use crate::colurs::bank_pages::format_amount_es;
use crate::colurs::model::PaymentStatus;
use crate::shared::emv::PaymentCode;
use crate::shared::page_shell::{escape_html, page, with_simulated_page_headers};
use crate::state::AppState;

pub const BANK_APP_PATH: &str = "/sandbox/bank-app";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(BANK_APP_PATH, get(bank_app))
        .route(
            "/sandbox/bank-app/{reference}/{action}",
            post(bank_app_action),
        )
        .layer(map_response(with_simulated_page_headers))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Approve,
    Decline,
    Expire,
}

/// URL segment (and, after `bank-app-`, test id), action, and the label in
/// Spanish (Bre-B) and Portuguese (Pix).
const ACTIONS: &[(&str, Action, &str, &str)] = &[
    ("approve", Action::Approve, "Pagar", "Pagar"),
    ("decline", Action::Decline, "Rechazar", "Recusar"),
    ("expire", Action::Expire, "Dejar vencer", "Deixar expirar"),
];

/// What the app shows of a code, from either provider.
struct Found {
    lang: &'static str,
    reference: String,
    scheme: &'static str,
    merchant: String,
    amount: String,
    status: &'static str,
    payable: bool,
    code: PaymentCode,
}

fn find(state: &AppState, text: &str) -> Option<Found> {
    {
        let (store, _now) = state.settled_store();
        if let Some(payment) = store.payment_by_code(text) {
            let link = store.link(payment.link_uuid)?;
            return Some(Found {
                lang: "es",
                reference: payment.money_movement_id.clone(),
                scheme: "Bre-B",
                merchant: link.display_name().to_owned(),
                amount: format_amount_es(payment.total_to_pay, link.currency.as_str()),
                status: payment.status.as_str(),
                payable: payment.status == PaymentStatus::Pending,
                code: payment.code.clone()?,
            });
        }
    }
    let (store, now) = belvo_store(state);
    let intent = store.intent_by_code(text)?;
    let link = store.link(&intent.access_token)?;
    let status = intent.status_at(now, consent_timing(&state.config).processing_seconds);
    Some(Found {
        lang: "pt-BR",
        reference: intent.id.to_string(),
        scheme: "Pix",
        merchant: link
            .merchant
            .as_ref()
            .map(|m| m.name.clone())
            .unwrap_or_default(),
        amount: format_amount(intent.amount),
        status: status.as_str(),
        payable: intent.decision.is_none() && !intent.consent_expired_at(now),
        code: intent.code.clone()?,
    })
}

async fn bank_app(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let pasted = query.get("code").map(|text| text.trim()).unwrap_or("");
    if pasted.is_empty() {
        return Html(paste_page("")).into_response();
    }
    match find(&state, pasted) {
        Some(found) => Html(render_code(&found)).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Html(paste_page(
                r#"<p data-testid="bank-app-not-found">No hay un pago con ese código. / Nenhum pagamento com esse código.</p>"#,
            )),
        )
            .into_response(),
    }
}

async fn bank_app_action(
    Path((reference, action)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Response {
    let Some(&(_, action, ..)) = ACTIONS.iter().find(|(segment, ..)| *segment == action) else {
        return (
            StatusCode::NOT_FOUND,
            "Acción desconocida / Ação desconhecida",
        )
            .into_response();
    };
    let back = format!("{BANK_APP_PATH}?code={}", percent_encode(&reference));
    {
        let (mut store, now) = state.settled_store();
        let found = store
            .payment_by_code(&reference)
            .map(|payment| payment.money_movement_id.clone());
        if let Some(id) = found {
            // A code that has ended keeps its outcome: one answer per code.
            match action {
                Action::Approve => store.finish_payment(&id, PaymentStatus::Approved, now),
                Action::Decline => store.finish_payment(&id, PaymentStatus::Declined, now),
                Action::Expire => store.expire_code(&id, now),
            }
            return Redirect::to(&back).into_response();
        }
    }
    let timing = consent_timing(&state.config);
    let (mut store, now) = belvo_store(&state);
    let Some(intent) = store.intent_by_code(&reference) else {
        return (StatusCode::NOT_FOUND, Html(paste_page(""))).into_response();
    };
    let (intent_id, access_token) = (intent.id, intent.access_token.clone());
    let outcome = match action {
        Action::Expire => {
            store.expire_code(intent_id, now, timing);
            return Redirect::to(&back).into_response();
        }
        // Money for a link that can no longer take it is refused, as on
        // the consent page.
        Action::Approve if store.link_takes_payment(&access_token, now, timing) => {
            Outcome::Approved
        }
        Action::Approve => Outcome::Refused,
        Action::Decline => Outcome::Rejected,
    };
    let decision = Decision {
        at: now,
        outcome,
        return_url: String::new(),
        charge_id: Uuid::new_v4(),
    };
    store.decide(intent_id, decision, now, timing);
    Redirect::to(&back).into_response()
}

fn paste_page(notice: &str) -> String {
    let body = format!(
        r#"<h1>App del banco · App do banco</h1>
<p class="note">Entorno de pruebas: ningún dinero real se mueve. / Ambiente de testes.</p>
{notice}
<form method="get" action="{BANK_APP_PATH}">
<p><label for="code">Código copiado o referencia del pago / Código copiado ou referência</label></p>
<p><textarea id="code" name="code" rows="5" cols="40" data-testid="bank-app-code"></textarea></p>
<button type="submit" data-testid="bank-app-find">Buscar</button>
</form>"#
    );
    page("es", "App del banco (simulada)", &body)
}

fn render_code(found: &Found) -> String {
    let spanish = found.lang == "es";
    let words = |es: &'static str, pt: &'static str| if spanish { es } else { pt };
    let key_rows = match (&found.code.key, &found.code.receiving_entity) {
        (Some(key), entity) => format!(
            r#"<dt>{}</dt><dd data-testid="bank-app-key">{}</dd>{}"#,
            words("Llave", "Chave"),
            escape_html(key),
            entity
                .as_ref()
                .map(|entity| format!(
                    r#"<dt>{}</dt><dd data-testid="bank-app-entity">{}</dd>"#,
                    words("Entidad", "Instituição"),
                    escape_html(entity)
                ))
                .unwrap_or_default()
        ),
        (None, _) => String::new(),
    };
    let actions = if found.payable {
        ACTIONS
            .iter()
            .map(|(segment, _, es, pt)| {
                format!(
                    r#"<form method="post" action="/sandbox/bank-app/{reference}/{segment}"><button type="submit" data-testid="bank-app-{segment}">{label}</button></form>"#,
                    reference = escape_html(&found.reference),
                    label = if spanish { es } else { pt },
                )
            })
            .collect::<String>()
    } else {
        format!(
            r#"<p data-testid="bank-app-ended">{}</p>"#,
            words(
                "Este código ya no se puede pagar.",
                "Este código não pode mais ser pago."
            )
        )
    };
    let title = format!(
        "{} · {}",
        found.scheme,
        words("App del banco", "App do banco")
    );
    let body = format!(
        r#"<h1>{title}</h1>
<p class="note">{note}</p>
<dl>
<dt>{merchant_label}</dt><dd data-testid="bank-app-merchant"><bdi>{merchant}</bdi></dd>
<dt>{amount_label}</dt><dd data-testid="bank-app-amount">{amount}</dd>
{key_rows}
<dt>{deadline_label}</dt><dd data-testid="bank-app-expires-at">{expires_at}</dd>
<dt>{reference_label}</dt><dd data-testid="bank-app-reference">{reference}</dd>
<dt>{status_label}</dt><dd data-testid="bank-app-status">{status}</dd>
</dl>
<div class="actions">{actions}</div>
<p><a href="{BANK_APP_PATH}">{another}</a></p>"#,
        note = words(
            "Entorno de pruebas: ningún dinero real se mueve.",
            "Ambiente de testes: nenhum dinheiro real é movimentado."
        ),
        merchant_label = words("Comercio", "Recebedor"),
        merchant = escape_html(&found.merchant),
        amount_label = words("Valor", "Valor"),
        amount = escape_html(&found.amount),
        deadline_label = words("Pague antes de", "Pague até"),
        expires_at = found.code.expires_at.to_rfc3339(),
        reference_label = words("Referencia", "Referência"),
        reference = escape_html(&found.reference),
        status_label = words("Estado", "Situação"),
        status = found.status,
        another = words("Pagar otro código", "Pagar outro código"),
    );
    page(found.lang, &title, &body)
}

/// A reference in the query: letters, digits, `-` and `_` pass as they are.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
