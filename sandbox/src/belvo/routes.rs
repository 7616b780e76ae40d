//! The Belvo calls of docs/api.md: the merchant's (customers, payment
//! links) and the page's (the link by its access token, institutions,
//! payment intents).

use std::collections::{BTreeMap, HashMap};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use uuid::Uuid;

use super::identifiers;
use super::institutions;
use super::model::{
    Amount, CallbackUrls, Country, Customer, CustomerType, IdentifierType, LinkStatus, Method,
    PaymentIntent, PaymentLink,
};
use super::tokens;
use super::views::{CustomerView, IntentView, LinkCustomer, LinkView};
use super::{belvo_store, consent_timing, SANDBOX_USER};
use crate::colurs::store::RecordedReply;
use crate::shared::auth::MerchantCredentials;
use crate::shared::body::JsonObject;
use crate::shared::embed_origins::read_embed_origins;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{is_email, is_followable_url, is_hidden_character, is_web_url};
use crate::shared::idempotency::idempotency_key;
use crate::shared::json_reply::{json_bytes_response, json_response, to_json_bytes};
use crate::shared::merchant::read_merchant;
use crate::shared::money::{AmountError, Cents};
use crate::state::AppState;
use crate::test_controls::clock::Timestamp;

const MAX_NAME_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 500;
/// As for Colurs links: the page shows the name on one line.
/// Whole pesos or reais beyond this are refused: no real payment is that large.
const MAX_WHOLE_DIGITS: usize = 12;
const MAX_EXPIRES_IN_SECONDS: i64 = 365 * 86_400;
/// As for Colurs links: they all go into the page's `frame-ancestors`.
pub const DEFAULT_EXPIRES_IN: &str = "7d";

pub fn link_not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        error: "NotFound",
        message: "Payment link doesn't exist".into(),
        field: None,
        in_progress: None,
    }
}

fn intent_not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        error: "NotFound",
        message: "Payment intent doesn't exist for this payment link".into(),
        field: None,
        in_progress: None,
    }
}

fn invalid_status(status: LinkStatus) -> ApiError {
    ApiError {
        status: StatusCode::BAD_REQUEST,
        error: "InvalidStatus",
        message: format!(
            "Payment link not in valid status for payment: {}",
            status.as_str()
        ),
        field: None,
        in_progress: None,
    }
}

// ---- customers ------------------------------------------------------------

pub async fn create_customer(
    _merchant: MerchantCredentials,
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = JsonObject::parse(&body)?;
    let (mut store, now) = belvo_store(&state);
    let customer = read_new_customer(&body, now)?;
    let response = json_response(StatusCode::CREATED, &CustomerView::new(&customer));
    store.insert_customer(customer);
    Ok(response)
}

fn read_new_customer(body: &JsonObject, now: Timestamp) -> Result<Customer, ApiError> {
    let customer_type = body.required_text("customer_type").and_then(|text| {
        CustomerType::parse(&text).ok_or_else(|| {
            body.error(
                "customer_type",
                "`customer_type` must be INDIVIDUAL or BUSINESS",
            )
        })
    })?;
    let country = body.required_text("country").and_then(|text| {
        Country::parse(&text).ok_or_else(|| body.error("country", "`country` must be COL or BRA"))
    })?;
    let name = body.required_text("name")?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(body.error(
            "name",
            format!("`name` must be at most {MAX_NAME_CHARS} characters"),
        ));
    }
    let email = body.required_text("email")?;
    if !is_email(&email) {
        return Err(body.error("email", "`email` is not a valid email address"));
    }

    let identifier_type = body.required_text("identifier_type").and_then(|text| {
        let allowed = match country {
            Country::Col => "CC or NIT for COL",
            Country::Bra => "CPF or CNPJ for BRA",
        };
        IdentifierType::parse(&text)
            .filter(|kind| identifier_country(*kind) == country)
            .ok_or_else(|| {
                body.error(
                    "identifier_type",
                    format!("`identifier_type` must be {allowed}"),
                )
            })
    })?;
    let expected_type = match (country, customer_type) {
        (Country::Bra, CustomerType::Individual) => Some(IdentifierType::Cpf),
        (Country::Bra, CustomerType::Business) => Some(IdentifierType::Cnpj),
        (Country::Col, CustomerType::Business) => Some(IdentifierType::Nit),
        (Country::Col, CustomerType::Individual) => None,
    };
    if expected_type.is_some_and(|expected| expected != identifier_type) {
        return Err(body.error(
            "identifier_type",
            format!(
                "A {} customer in {} is identified by {}",
                customer_type.as_str(),
                country.as_str(),
                expected_type.map_or("", IdentifierType::as_str)
            ),
        ));
    }
    let identifier = identifiers::compact(&body.required_text("identifier")?);
    let valid = match identifier_type {
        IdentifierType::Cc => identifiers::is_cc(&identifier),
        IdentifierType::Nit => identifiers::is_nit(&identifier),
        IdentifierType::Cpf => identifiers::is_cpf(&identifier),
        IdentifierType::Cnpj => identifiers::is_cnpj(&identifier),
    };
    if !valid {
        return Err(body.error(
            "identifier",
            format!("`identifier` is not a valid {}", identifier_type.as_str()),
        ));
    }

    Ok(Customer {
        id: Uuid::new_v4(),
        created_at: now,
        created_by: SANDBOX_USER,
        customer_type,
        country,
        name,
        email,
        identifier_type,
        identifier,
        address: body.optional_text("address")?,
        phone: body.optional_text("phone")?,
    })
}

fn identifier_country(kind: IdentifierType) -> Country {
    match kind {
        IdentifierType::Cc | IdentifierType::Nit => Country::Col,
        IdentifierType::Cpf | IdentifierType::Cnpj => Country::Bra,
    }
}

// ---- payment links --------------------------------------------------------

pub async fn create_link(
    _merchant: MerchantCredentials,
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = JsonObject::parse(&body)?;
    let (mut store, now) = belvo_store(&state);
    let link = read_new_link(&body, state.config.is_development(), now, |id| {
        store.customer(id).map(|c| c.country)
    })?;
    let view = LinkView::new(
        &link,
        store.link_status(&link, now, consent_timing(&state.config)),
        None,
        LinkCustomer::Id(link.customer.to_string()),
        &state.config.public_origin,
    );
    let response = json_response(StatusCode::CREATED, &view);
    store.insert_link(link);
    Ok(response)
}

fn read_new_link(
    body: &JsonObject,
    development: bool,
    now: Timestamp,
    customer_country: impl Fn(Uuid) -> Option<Country>,
) -> Result<PaymentLink, ApiError> {
    let method =
        read_method_types(body)?.ok_or_else(|| body.missing("allowed_payment_method_types"))?;

    let details = body.required_object("payment_method_details")?;
    refuse_other_methods(&details, method)?;
    let method_details = details
        .object(method.as_str())?
        .ok_or_else(|| details.missing(method.as_str()))?;
    let beneficiary_bank_account = read_uuid(
        &method_details,
        "beneficiary_bank_account",
        &method_details.required_text("beneficiary_bank_account")?,
    )?;

    let callback_urls = body.required_object("callback_urls")?;
    let mut urls = Vec::new();
    for name in ["cancel", "success"] {
        // Judged as given, untrimmed: as the page's redirect rule would read it.
        let url = callback_urls
            .optional::<String>(name, "a string")?
            .filter(|url| !url.is_empty())
            .ok_or_else(|| callback_urls.missing(name))?;
        if !is_followable_url(&url, development) {
            return Err(callback_urls.error(
                name,
                format!(
                    "`{}` must be an https URL with a plain host name, no user info and a valid port",
                    callback_urls.path_of(name)
                ),
            ));
        }
        urls.push(url);
    }
    let success = urls.pop().expect("two URLs");
    let cancel = urls.pop().expect("two URLs");

    let amount = read_amount(body, method)?.ok_or_else(|| body.missing("amount"))?;

    let customer_text = body.required_text("customer")?;
    let customer = read_uuid(body, "customer", &customer_text)?;
    match customer_country(customer) {
        None => {
            return Err(body.error(
                "customer",
                "`customer` must be the id of a customer created with POST /api/belvo/customers/",
            ))
        }
        Some(country) if country != method.country() => {
            return Err(body.error(
                "customer",
                format!(
                    "A `{}` link is for a customer in {}",
                    method.as_str(),
                    method.country().as_str()
                ),
            ))
        }
        Some(_) => {}
    }

    let description = body.required_text("description")?;
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(body.error(
            "description",
            format!("`description` must be at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    if description.chars().any(is_hidden_character) {
        return Err(body.error(
            "description",
            "`description` must not contain invisible or direction-changing characters",
        ));
    }
    let provider = body.optional_text("provider")?;

    let expires_in = body
        .optional_text("expires_in")?
        .unwrap_or_else(|| DEFAULT_EXPIRES_IN.to_owned());
    let lifetime = parse_expires_in(&expires_in).ok_or_else(|| {
        body.error(
            "expires_in",
            "`expires_in` must be a duration such as 30m, 2h, 7d or 1w (at most 365d)",
        )
    })?;

    let merchant = read_merchant(body)?;
    let allowed_embed_origins = read_embed_origins(body)?;

    Ok(PaymentLink {
        id: Uuid::new_v4(),
        access_token: tokens::access_token(),
        created_at: now,
        created_by: SANDBOX_USER,
        updated_at: now,
        payment_intent: Uuid::new_v4(),
        callback_urls: CallbackUrls { cancel, success },
        expires_in,
        expires_at: now.plus_seconds(lifetime),
        amount,
        description,
        method,
        beneficiary_bank_account,
        provider,
        customer,
        merchant,
        allowed_embed_origins,
    })
}

/// `allowed_payment_method_types`: exactly one of `["pse"]` and
/// `["open_finance"]`; `None` when not sent.
fn read_method_types(body: &JsonObject) -> Result<Option<Method>, ApiError> {
    const FIELD: &str = "allowed_payment_method_types";
    let Some(names) = body.optional::<Vec<String>>(FIELD, "a list such as [\"pse\"]")? else {
        return Ok(None);
    };
    match names.as_slice() {
        [name] => Method::parse(name).map(Some).ok_or_else(|| {
            body.error(
                FIELD,
                format!("Unknown payment method type {name:?}: use pse or open_finance"),
            )
        }),
        _ => Err(body.error(
            FIELD,
            "`allowed_payment_method_types` takes exactly one type: [\"pse\"] or [\"open_finance\"]",
        )),
    }
}

/// `payment_method_details` describes the link's method and no other.
fn refuse_other_methods(details: &JsonObject, method: Method) -> Result<(), ApiError> {
    match details
        .present_names()
        .find(|name| *name != method.as_str())
    {
        Some(other) => Err(details.error(
            other,
            format!("This payment is made with `{}` only", method.as_str()),
        )),
        None => Ok(()),
    }
}

fn read_uuid(fields: &JsonObject, name: &str, text: &str) -> Result<Uuid, ApiError> {
    Uuid::try_parse(text)
        .map_err(|_| fields.error(name, format!("`{}` must be a uuid", fields.path_of(name))))
}

/// `amount` as each method writes it: PSE a whole number of pesos as a JSON
/// number (seed 000: decimals are refused), Open Finance a decimal string
/// of reais (seed 001: `"1234.12"`). Read from the exact JSON text.
fn read_amount(body: &JsonObject, method: Method) -> Result<Option<Amount>, ApiError> {
    let Some(raw) = body.raw("amount") else {
        return Ok(None);
    };
    let invalid = |message: &str| Err(body.error("amount", message));
    let amount = match method {
        Method::Pse => {
            if raw.starts_with('"') {
                return invalid("For PSE `amount` is a JSON number of whole pesos, such as 1000");
            }
            if raw.starts_with('-') {
                return invalid("`amount` must be more than zero");
            }
            if !raw.bytes().all(|b| b.is_ascii_digit()) {
                return invalid(
                    "For PSE `amount` must be a whole number: digits 0-9 with no decimal point",
                );
            }
            if raw.len() > MAX_WHOLE_DIGITS {
                return invalid("`amount` is too large");
            }
            Amount::WholePesos(
                raw.parse()
                    .map_err(|_| body.error("amount", "`amount` is too large"))?,
            )
        }
        Method::OpenFinance => {
            let Ok(text) = serde_json::from_str::<String>(raw) else {
                return invalid(
                    "For Open Finance `amount` is a decimal string of reais, such as \"1234.12\"",
                );
            };
            match Cents::parse_decimal(&text) {
                Ok(cents) if cents.is_negative() => {
                    return invalid("`amount` must be more than zero")
                }
                Ok(cents) => Amount::Reais(cents),
                Err(AmountError::TooManyDecimals) => {
                    return invalid("`amount` must have at most two decimals")
                }
                Err(AmountError::TooLarge) => return invalid("`amount` is too large"),
                Err(AmountError::NotADecimal) => {
                    return invalid("`amount` must be a decimal string such as \"1234.12\"")
                }
            }
        }
    };
    let positive = match amount {
        Amount::WholePesos(pesos) => pesos > 0,
        Amount::Reais(reais) => reais > Cents::ZERO,
    };
    if !positive {
        return invalid("`amount` must be more than zero");
    }
    Ok(Some(amount))
}

/// `30m`, `2h`, `7d`, `1w` in seconds; at most a year, at least a minute.
pub fn parse_expires_in(text: &str) -> Option<i64> {
    let unit_start = text.len().checked_sub(1)?;
    let (number, unit) = text.split_at(unit_start);
    let unit_seconds = match unit {
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return None,
    };
    if number.is_empty() || number.len() > 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds = number.parse::<i64>().ok()? * unit_seconds;
    (1..=MAX_EXPIRES_IN_SECONDS)
        .contains(&seconds)
        .then_some(seconds)
}

pub async fn get_link(
    Path(access_token): Path<String>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let (store, now) = belvo_store(&state);
    let link = store.link(&access_token).ok_or_else(link_not_found)?;
    let customer = store
        .customer(link.customer)
        .expect("a link's customer exists");
    let timing = consent_timing(&state.config);
    let view = LinkView::new(
        link,
        store.link_status(link, now, timing),
        store.intent_in_progress(&access_token, now, timing),
        LinkCustomer::Expanded(CustomerView::new(customer)),
        &state.config.public_origin,
    );
    Ok(json_response(StatusCode::OK, &view))
}

// ---- institutions ---------------------------------------------------------

pub async fn list_institutions(
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let country = query
        .get("country")
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .ok_or_else(|| ApiError::validation("country", "`country` is required: COL or BRA"))
        .and_then(|text| {
            Country::parse(text)
                .ok_or_else(|| ApiError::validation("country", "`country` must be COL or BRA"))
        })?;
    Ok(json_response(
        StatusCode::OK,
        &institutions::of_country(country),
    ))
}

// ---- payment intents ------------------------------------------------------

/// What the payer decided for one method, as sent.
#[derive(Debug)]
struct MethodChoice {
    payer_institution: Option<String>,
    callback_url: Option<String>,
    cpf: Option<String>,
    beneficiary_bank_account: Option<String>,
}

/// The payment intent body as sent, only type-checked: its `Debug` form is
/// the fingerprint that tells a retry (same body) from a reused key.
#[derive(Debug)]
struct IntentRequest {
    method: Option<Method>,
    details: BTreeMap<String, MethodChoice>,
    confirm: Option<bool>,
    amount_text: Option<String>,
    customer: Option<String>,
}

impl IntentRequest {
    fn read(body: &JsonObject) -> Result<IntentRequest, ApiError> {
        let method = read_method_types(body)?;
        let details_object = body.required_object("payment_method_details")?;
        let mut details = BTreeMap::new();
        let names: Vec<String> = details_object.present_names().map(str::to_owned).collect();
        for name in names {
            let choice = details_object.object(&name)?.expect("present and not null");
            details.insert(
                name,
                MethodChoice {
                    payer_institution: choice.optional_text("payer_institution")?,
                    callback_url: choice.optional_text("callback_url")?,
                    cpf: choice.optional_text("cpf")?,
                    beneficiary_bank_account: choice.optional_text("beneficiary_bank_account")?,
                },
            );
        }
        Ok(IntentRequest {
            method,
            details,
            confirm: body.optional::<bool>("confirm", "true or false")?,
            amount_text: body.raw("amount").map(str::to_owned),
            customer: body.optional_text("customer")?,
        })
    }
}

pub async fn create_intent(
    Path(access_token): Path<String>,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let idempotency_key = idempotency_key(&headers)?;
    let body = JsonObject::parse(&body)?;
    let request = IntentRequest::read(&body)?;
    let fingerprint = format!("{request:?}");
    let config = &state.config;
    let timing = consent_timing(config);

    let (mut store, now) = belvo_store(&state);
    if let Some(recorded) = store.recorded_reply(&access_token, &idempotency_key) {
        if recorded.request_fingerprint != fingerprint {
            return Err(ApiError::idempotency_conflict());
        }
        let status = StatusCode::from_u16(recorded.status).expect("recorded from a StatusCode");
        return Ok(json_bytes_response(status, recorded.body.clone()));
    }

    let link = store.link(&access_token).ok_or_else(link_not_found)?;
    let (status, _) = store.link_status(link, now, timing);
    if status != LinkStatus::Active {
        return Err(invalid_status(status));
    }
    let customer = store
        .customer(link.customer)
        .expect("a link's customer exists");
    let choice = check_against_link(&body, &request, link, customer.customer_type)?;
    // The bank sends `code`, `id_token` and `state` there: only to this link's own page.
    let own_page = format!("{}/pay/{access_token}", config.public_origin);
    let on_own_page = choice
        .callback_url
        .strip_prefix(&own_page)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('?'));
    if !on_own_page {
        return Err(ApiError::validation(
            &format!(
                "payment_method_details.{}.callback_url",
                link.method.as_str()
            ),
            format!("`callback_url` must be this link's payment page, {own_page}"),
        ));
    }
    // One attempt at a time, as for Colurs: a second intent while one may
    // still succeed could debit the payer twice. Checked after the body,
    // so an invalid one still gets its 400.
    if let Some(in_progress) = store.intent_in_progress(&access_token, now, timing) {
        return Err(ApiError::payment_in_progress(
            "payment_intent",
            &in_progress.to_string(),
        ));
    }

    let intent = PaymentIntent {
        id: store.next_intent_id(&access_token),
        access_token: access_token.clone(),
        method: link.method,
        amount: link.amount,
        payer_institution: choice.payer_institution,
        callback_url: choice.callback_url,
        cpf: choice.cpf,
        created_at: now,
        // An Open Finance consent lives 5 minutes; a PSE bank page as long as
        // the Colurs ones, so an abandoned attempt never blocks the link.
        expires_at: Some(
            now.plus_seconds(
                i64::try_from(if link.method == Method::OpenFinance {
                    timing.timeout_seconds
                } else {
                    config.bank_timeout_seconds
                })
                .unwrap_or(i64::MAX),
            ),
        ),
        decision: None,
    };
    let reply_body = to_json_bytes(&IntentView::new(
        &intent,
        link,
        now,
        timing.processing_seconds,
        &config.public_origin,
    ));
    store.insert_intent(intent);
    store.record_reply(
        &access_token,
        &idempotency_key,
        RecordedReply {
            request_fingerprint: fingerprint,
            status: StatusCode::CREATED.as_u16(),
            body: reply_body.clone(),
        },
    );
    Ok(json_bytes_response(StatusCode::CREATED, reply_body))
}

struct CheckedChoice {
    payer_institution: Uuid,
    callback_url: String,
    cpf: Option<String>,
}

/// The request against its link: the link's method, an active institution
/// of the method's country, a callback URL, and a CPF exactly when a
/// business pays with Open Finance (seed 001). Amount, customer and
/// beneficiary account come from the link; if sent, they must agree.
fn check_against_link(
    body: &JsonObject,
    request: &IntentRequest,
    link: &PaymentLink,
    customer_type: CustomerType,
) -> Result<CheckedChoice, ApiError> {
    let method = link.method;
    let method_name = method.as_str();
    if request.method.is_some_and(|sent| sent != method) {
        return Err(body.error(
            "allowed_payment_method_types",
            format!("This link is paid with `{method_name}` only"),
        ));
    }
    let details = body.required_object("payment_method_details")?;
    refuse_other_methods(&details, method)?;
    let choice = request
        .details
        .get(method_name)
        .ok_or_else(|| details.missing(method_name))?;
    let fields = details.object(method_name)?.expect("read above");

    if request.confirm == Some(false) {
        return Err(body.error(
            "confirm",
            "`confirm` must be true: the payer has confirmed the payment",
        ));
    }
    if request.amount_text.is_some() && read_amount(body, method)? != Some(link.amount) {
        return Err(ApiError::amount_mismatch());
    }
    if let Some(customer) = &request.customer {
        if Uuid::try_parse(customer).ok() != Some(link.customer) {
            return Err(body.error("customer", "`customer` is not this link's customer"));
        }
    }
    if let Some(account) = &choice.beneficiary_bank_account {
        if Uuid::try_parse(account).ok() != Some(link.beneficiary_bank_account) {
            return Err(fields.error(
                "beneficiary_bank_account",
                "`beneficiary_bank_account` is not this link's account",
            ));
        }
    }

    let institution_text = choice
        .payer_institution
        .as_deref()
        .ok_or_else(|| fields.missing("payer_institution"))?;
    let country = method.country().as_str();
    let institution = Uuid::try_parse(institution_text)
        .ok()
        .and_then(institutions::find)
        .filter(|institution| institution.country == method.country())
        .ok_or_else(|| {
            fields.error(
                "payer_institution",
                format!(
                    "`{}` must be an institution from /api/belvo/institutions/?country={country}",
                    fields.path_of("payer_institution")
                ),
            )
        })?;
    if !institution.active {
        return Err(fields.error(
            "payer_institution",
            format!("{} is not available right now", institution.display_name),
        ));
    }

    let callback_url = choice
        .callback_url
        .clone()
        .ok_or_else(|| fields.missing("callback_url"))?;
    if !is_web_url(&callback_url) {
        return Err(fields.error(
            "callback_url",
            format!(
                "`{}` must be an http(s) URL",
                fields.path_of("callback_url")
            ),
        ));
    }

    let cpf_path = fields.path_of("cpf");
    let cpf = match (method, customer_type, choice.cpf.as_deref()) {
        (Method::OpenFinance, CustomerType::Business, None) => {
            return Err(fields.error(
                "cpf",
                format!("`{cpf_path}` is required: the CPF of the person paying for the business"),
            ))
        }
        (Method::OpenFinance, CustomerType::Business, Some(text)) => {
            let cpf = identifiers::compact(text);
            if !identifiers::is_cpf(&cpf) {
                return Err(fields.error("cpf", format!("`{cpf_path}` is not a valid CPF")));
            }
            Some(cpf)
        }
        (Method::OpenFinance, CustomerType::Individual, Some(_)) => {
            return Err(fields.error(
                "cpf",
                format!("`{cpf_path}` is only sent when the customer is a BUSINESS"),
            ))
        }
        (Method::Pse, _, Some(_)) => {
            return Err(fields.error(
                "cpf",
                format!("`{cpf_path}` is only sent for Pix via Open Finance"),
            ))
        }
        (_, _, None) => None,
    };

    Ok(CheckedChoice {
        payer_institution: Uuid::try_parse(institution.id).expect("institution ids are uuids"),
        callback_url,
        cpf,
    })
}

pub async fn get_intent(
    Path((access_token, intent_id)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let (store, now) = belvo_store(&state);
    let link = store.link(&access_token).ok_or_else(link_not_found)?;
    let intent = Uuid::try_parse(&intent_id)
        .ok()
        .and_then(|id| store.intent(id))
        .filter(|intent| intent.access_token == access_token)
        .ok_or_else(intent_not_found)?;
    Ok(json_response(
        StatusCode::OK,
        &IntentView::new(
            intent,
            link,
            now,
            consent_timing(&state.config).processing_seconds,
            &state.config.public_origin,
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes() {
        assert_eq!(parse_expires_in("7d"), Some(7 * 86_400));
        assert_eq!(parse_expires_in("30m"), Some(1_800));
        assert_eq!(parse_expires_in("2h"), Some(7_200));
        assert_eq!(parse_expires_in("1w"), Some(604_800));
        assert_eq!(parse_expires_in("365d"), Some(365 * 86_400));
        for bad in ["", "d", "0d", "7", "7 d", "-1d", "1.5h", "366d", "7D", "1y"] {
            assert_eq!(parse_expires_in(bad), None, "{bad:?}");
        }
    }

    fn amount_of(json: &str, method: Method) -> Result<Option<Amount>, Option<String>> {
        let body = JsonObject::parse(format!("{{\"amount\": {json}}}").as_bytes()).unwrap();
        read_amount(&body, method).map_err(|error| error.field)
    }

    #[test]
    fn pse_amounts_are_whole_numbers() {
        assert_eq!(
            amount_of("1000", Method::Pse),
            Ok(Some(Amount::WholePesos(1000)))
        );
        for bad in [
            "1000.00",
            "1000.5",
            "1e3",
            "\"1000\"",
            "0",
            "-5",
            "1234567890123",
        ] {
            assert_eq!(
                amount_of(bad, Method::Pse),
                Err(Some("amount".into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn open_finance_amounts_are_decimal_strings() {
        assert_eq!(
            amount_of("\"1234.12\"", Method::OpenFinance),
            Ok(Some(Amount::Reais(Cents::from_cents(123_412))))
        );
        assert_eq!(
            amount_of("\"5\"", Method::OpenFinance),
            Ok(Some(Amount::Reais(Cents::units(5))))
        );
        for bad in [
            "1234.12",
            "\"1234.123\"",
            "\"0.00\"",
            "\"-1\"",
            "\"1,234.12\"",
            "\"\"",
        ] {
            assert_eq!(
                amount_of(bad, Method::OpenFinance),
                Err(Some("amount".into())),
                "{bad}"
            );
        }
    }
}
