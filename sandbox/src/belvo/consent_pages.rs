//! The bank's side of a Belvo payment, simulated: the consent page the
//! payer is sent to (`payment_method_information.{method}.redirect_url`),
//! in Portuguese for Pix via Open Finance and in Spanish for PSE. Its
//! buttons answer the consent and send the payer back to `callback_url`
//! with `code`, `id_token` and `state` (the payment intent id) in the query
//! or in the fragment, or with an `error`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::middleware::map_response;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

use super::institutions;
use super::model::{
    Amount, Customer, Decision, IntentStatus, Method, Outcome, PaymentIntent, PaymentLink,
    ReturnStyle,
};
use super::{belvo_store, consent_timing, tokens};
use crate::shared::page_shell::{escape_html, group_thousands, page, with_simulated_page_headers};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sandbox/consent/{intent_id}", get(consent_page))
        .route(
            "/sandbox/consent/{intent_id}/{action}",
            post(consent_action),
        )
        .layer(map_response(with_simulated_page_headers))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Approve(ReturnStyle),
    Reject,
}

/// URL segment, action and test id of each button.
const ACTIONS: &[(&str, Action, &str)] = &[
    (
        "approve-query",
        Action::Approve(ReturnStyle::Query),
        "consent-approve-query",
    ),
    (
        "approve-fragment",
        Action::Approve(ReturnStyle::Fragment),
        "consent-approve-fragment",
    ),
    ("reject", Action::Reject, "consent-reject"),
];

/// `callback_url` with `params` added to its query or its fragment.
pub fn with_params(url: &str, style: ReturnStyle, params: &[(&str, &str)]) -> String {
    let encoded = params
        .iter()
        .map(|(name, value)| format!("{name}={}", percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let joined = |existing: &str| {
        if existing.is_empty() || existing.ends_with('&') {
            format!("{existing}{encoded}")
        } else {
            format!("{existing}&{encoded}")
        }
    };
    match style {
        ReturnStyle::Query => {
            let with_query = match base.split_once('?') {
                Some((path, query)) => format!("{path}?{}", joined(query)),
                None => format!("{base}?{encoded}"),
            };
            match fragment {
                Some(fragment) => format!("{with_query}#{fragment}"),
                None => with_query,
            }
        }
        ReturnStyle::Fragment => format!("{base}#{}", joined(fragment.unwrap_or(""))),
    }
}

/// Where the payer goes back to once the consent has expired.
pub fn expired_return_url(intent: &PaymentIntent) -> String {
    with_params(
        &intent.callback_url,
        ReturnStyle::Query,
        &[
            ("error", "consent_expired"),
            ("state", &intent.id.to_string()),
        ],
    )
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn consent_page(Path(intent_id): Path<String>, State(state): State<AppState>) -> Response {
    let (store, now) = belvo_store(&state);
    let processing_seconds = consent_timing(&state.config).processing_seconds;
    // A Pix QR code is paid in the payer's bank app (`/sandbox/bank-app`), not here.
    let found = Uuid::try_parse(&intent_id)
        .ok()
        .and_then(|id| store.intent(id))
        .filter(|intent| intent.code.is_none())
        .and_then(|intent| {
            let link = store.link(&intent.access_token)?;
            Some((intent, link, store.customer(link.customer)?))
        });
    let Some((intent, link, customer)) = found else {
        return not_found();
    };
    let status = intent.status_at(now, processing_seconds);
    Html(render_consent_page(intent, link, customer, status)).into_response()
}

async fn consent_action(
    Path((intent_id, action)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Response {
    let Some(&(_, action, _)) = ACTIONS.iter().find(|(segment, ..)| *segment == action) else {
        return (
            StatusCode::NOT_FOUND,
            "Ação desconhecida / Acción desconocida",
        )
            .into_response();
    };
    let timing = consent_timing(&state.config);
    let (mut store, now) = belvo_store(&state);
    let Some(intent) = Uuid::try_parse(&intent_id)
        .ok()
        .and_then(|id| store.intent(id))
        .filter(|intent| intent.code.is_none())
    else {
        return not_found();
    };

    let back_to = match (
        &intent.decision,
        intent.status_at(now, timing.processing_seconds),
    ) {
        (None, IntentStatus::RequiresAction) => {
            let intent_id = intent.id;
            let state_param = intent_id.to_string();
            let (outcome, return_url) = match action {
                Action::Approve(style) => {
                    let outcome = if store.link_takes_payment(&intent.access_token, now, timing) {
                        Outcome::Approved
                    } else {
                        Outcome::Refused
                    };
                    let (code, id_token) = (tokens::short_token(), tokens::short_token());
                    let return_url = with_params(
                        &intent.callback_url,
                        style,
                        &[
                            ("code", &code),
                            ("id_token", &id_token),
                            ("state", &state_param),
                        ],
                    );
                    (outcome, return_url)
                }
                Action::Reject => (
                    Outcome::Rejected,
                    with_params(
                        &intent.callback_url,
                        ReturnStyle::Query,
                        &[("error", "access_denied"), ("state", &state_param)],
                    ),
                ),
            };
            store.decide(
                intent_id,
                Decision {
                    at: now,
                    outcome,
                    return_url: return_url.clone(),
                    charge_id: Uuid::new_v4(),
                },
                now,
                timing,
            );
            return_url
        }
        // Answered already: the payer is sent back with the first answer.
        (Some(decision), _) => decision.return_url.clone(),
        (None, _) => expired_return_url(intent),
    };
    Redirect::to(&back_to).into_response()
}

/// The words of the page, in the payer's language.
struct Words {
    lang: &'static str,
    title: &'static str,
    note: &'static str,
    merchant: &'static str,
    description: &'static str,
    amount: &'static str,
    payer: &'static str,
    document: &'static str,
    institution: &'static str,
    method: &'static str,
    method_name: &'static str,
    deadline: &'static str,
    reference: &'static str,
    status: &'static str,
    ask: &'static str,
    approve_query: &'static str,
    approve_fragment: &'static str,
    reject: &'static str,
    expired_title: &'static str,
    expired_text: &'static str,
    answered_text: &'static str,
    back: &'static str,
}

const PORTUGUESE: Words = Words {
    lang: "pt-BR",
    title: "Open Finance · Banco simulado",
    note: "Ambiente de testes: nenhum dinheiro real é movimentado.",
    merchant: "Recebedor",
    description: "Descrição",
    amount: "Valor",
    payer: "Pagador",
    document: "Documento",
    institution: "Instituição",
    method: "Forma de pagamento",
    method_name: "Pix via Open Finance",
    deadline: "Autorize até",
    reference: "Referência",
    status: "Situação",
    ask: "Você autoriza este pagamento?",
    approve_query: "Autorizar (retorno na query)",
    approve_fragment: "Autorizar (retorno no fragmento)",
    reject: "Recusar",
    expired_title: "Consentimento expirado",
    expired_text: "O prazo para autorizar este pagamento terminou. Nenhum valor foi debitado.",
    answered_text: "Este consentimento já foi respondido.",
    back: "Voltar",
};

const SPANISH: Words = Words {
    lang: "es",
    title: "PSE · Banco de pruebas",
    note: "Entorno de pruebas: ningún dinero real se mueve.",
    merchant: "Comercio",
    description: "Descripción",
    amount: "Valor",
    payer: "Pagador",
    document: "Documento",
    institution: "Banco",
    method: "Medio de pago",
    method_name: "PSE (débito bancario)",
    deadline: "Autorice antes de",
    reference: "Referencia",
    status: "Estado",
    ask: "¿Autoriza este pago?",
    approve_query: "Aprobar (respuesta en la query)",
    approve_fragment: "Aprobar (respuesta en el fragmento)",
    reject: "Rechazar",
    expired_title: "El consentimiento expiró",
    expired_text: "El plazo para autorizar este pago terminó. No se debitó ningún valor.",
    answered_text: "Este consentimiento ya fue respondido.",
    back: "Volver",
};

fn words_for(method: Method) -> &'static Words {
    match method {
        Method::OpenFinance | Method::PixQr => &PORTUGUESE,
        Method::Pse => &SPANISH,
    }
}

fn render_consent_page(
    intent: &PaymentIntent,
    link: &PaymentLink,
    customer: &Customer,
    status: IntentStatus,
) -> String {
    let words = words_for(intent.method);
    let institution = institutions::find(intent.payer_institution)
        .map_or("", |institution| institution.display_name);
    let merchant = link
        .merchant
        .as_ref()
        .map_or("", |merchant| merchant.name.as_str());
    let deadline_row = intent
        .expires_at
        .map(|deadline| {
            format!(
                r#"<dt>{}</dt><dd data-testid="consent-expires-at">{}</dd>"#,
                words.deadline,
                deadline.to_rfc3339()
            )
        })
        .unwrap_or_default();

    let (heading, outcome) = match (&intent.decision, status) {
        (None, IntentStatus::RequiresAction) => {
            let buttons = ACTIONS
                .iter()
                .map(|(segment, action, test_id)| {
                    let label = match action {
                        Action::Approve(ReturnStyle::Query) => words.approve_query,
                        Action::Approve(ReturnStyle::Fragment) => words.approve_fragment,
                        Action::Reject => words.reject,
                    };
                    format!(
                        r#"<form method="post" action="/sandbox/consent/{id}/{segment}"><button type="submit" data-testid="{test_id}">{label}</button></form>"#,
                        id = intent.id,
                    )
                })
                .collect::<String>();
            (
                escape_html(words.ask),
                format!(r#"<div class="actions">{buttons}</div>"#),
            )
        }
        (None, _) => (
            escape_html(words.expired_title),
            format!(
                r#"<p data-testid="consent-expired">{}</p><a data-testid="consent-return" href="{}">{}</a>"#,
                escape_html(words.expired_text),
                escape_html(&expired_return_url(intent)),
                words.back
            ),
        ),
        (Some(decision), _) => (
            escape_html(words.answered_text),
            format!(
                r#"<a data-testid="consent-return" href="{}">{}</a>"#,
                escape_html(&decision.return_url),
                words.back
            ),
        ),
    };

    let body = format!(
        r#"<h1>{heading}</h1>
<p class="note">{note}</p>
<dl>
<dt>{merchant_label}</dt><dd data-testid="consent-merchant"><bdi>{merchant}</bdi></dd>
<dt>{description_label}</dt><dd><bdi>{description}</bdi></dd>
<dt>{amount_label}</dt><dd data-testid="consent-amount">{amount}</dd>
<dt>{payer_label}</dt><dd data-testid="consent-payer">{payer}</dd>
<dt>{document_label}</dt><dd>{document}</dd>
<dt>{institution_label}</dt><dd data-testid="consent-institution">{institution}</dd>
<dt>{method_label}</dt><dd data-testid="consent-method">{method_name}</dd>
{deadline_row}
<dt>{reference_label}</dt><dd data-testid="consent-reference">{reference}</dd>
<dt>{status_label}</dt><dd data-testid="consent-status">{status}</dd>
</dl>
{outcome}"#,
        note = escape_html(words.note),
        merchant_label = words.merchant,
        merchant = escape_html(merchant),
        description_label = words.description,
        description = escape_html(&link.description),
        amount_label = words.amount,
        amount = format_amount(intent.amount),
        payer_label = words.payer,
        payer = escape_html(&customer.name),
        document_label = words.document,
        document = escape_html(&format!(
            "{} {}",
            customer.identifier_type.as_str(),
            customer.identifier
        )),
        institution_label = words.institution,
        institution = escape_html(institution),
        method_label = words.method,
        method_name = escape_html(words.method_name),
        reference_label = words.reference,
        reference = intent.id,
        status_label = words.status,
        status = status.as_str(),
    );
    page(words.lang, words.title, &body)
}

fn not_found() -> Response {
    let body = "<h1>Consentimento não encontrado / Consentimiento no encontrado</h1>";
    (StatusCode::NOT_FOUND, Html(page("pt-BR", "404", body))).into_response()
}

/// `R$ 1.234,12` for reais, `$ 1.000 COP` for whole pesos.
pub fn format_amount(amount: Amount) -> String {
    match amount {
        Amount::WholePesos(pesos) => format!("$ {} COP", group_thousands(&pesos.to_string())),
        Amount::Reais(reais) => {
            let text = reais.to_string();
            let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
            format!("R$ {},{cents}", group_thousands(whole))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::money::Cents;

    #[test]
    fn adds_the_answer_to_the_query_or_the_fragment() {
        let params = [("code", "c1"), ("state", "s")];
        assert_eq!(
            with_params("https://pay.example/pay/t", ReturnStyle::Query, &params),
            "https://pay.example/pay/t?code=c1&state=s"
        );
        assert_eq!(
            with_params(
                "https://pay.example/pay/t?x=1#top",
                ReturnStyle::Query,
                &params
            ),
            "https://pay.example/pay/t?x=1&code=c1&state=s#top"
        );
        assert_eq!(
            with_params("https://pay.example/pay/t", ReturnStyle::Fragment, &params),
            "https://pay.example/pay/t#code=c1&state=s"
        );
        assert_eq!(
            with_params(
                "https://pay.example/pay/t?x=1#a=b",
                ReturnStyle::Fragment,
                &params
            ),
            "https://pay.example/pay/t?x=1#a=b&code=c1&state=s"
        );
        assert_eq!(
            with_params("https://x.example/", ReturnStyle::Query, &[("e", "a b&c")]),
            "https://x.example/?e=a%20b%26c"
        );
    }

    #[test]
    fn formats_amounts_per_country() {
        assert_eq!(format_amount(Amount::WholePesos(1_000)), "$ 1.000 COP");
        assert_eq!(format_amount(Amount::WholePesos(999)), "$ 999 COP");
        assert_eq!(
            format_amount(Amount::Reais(Cents::from_cents(123_412))),
            "R$ 1.234,12"
        );
        assert_eq!(
            format_amount(Amount::Reais(Cents::from_cents(100_000_000))),
            "R$ 1.000.000,00"
        );
    }
}
