//! Paying a link, and reading a payment's status.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::links::link_uuid;
use super::views::{bank_page_url, PayReply, PaymentView};
use crate::colurs::model::{
    DocumentType, Link, Payer, Payment, PaymentMethod, PaymentStatus, PersonType,
};
use crate::colurs::pse_banks::selectable_bank;
use crate::colurs::store::RecordedReply;
use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{
    colombian_phone_digits, is_colombian_mobile, is_document_number, is_email,
};
use crate::shared::idempotency::idempotency_key;
use crate::shared::json_reply::{json_bytes_response, json_response, to_json_bytes};
use crate::shared::money::Cents;
use crate::state::AppState;

/// The pay body as sent, only type-checked: its `Debug` form is the
/// fingerprint that tells a retry (same body) from a reused key.
#[derive(Debug, PartialEq, Eq)]
struct PayRequest {
    amount: Option<Cents>,
    payment_method: Option<String>,
    payer_email: Option<String>,
    payer_phone: Option<String>,
    payer_type_document: Option<String>,
    payer_document: Option<String>,
    bank_id: Option<i64>,
    payer_person_type: Option<String>,
}

impl PayRequest {
    fn read(body: &JsonObject) -> Result<PayRequest, ApiError> {
        Ok(PayRequest {
            amount: body.optional_amount("amount")?,
            payment_method: body.optional_text("payment_method")?,
            payer_email: body.optional_text("payer_email")?,
            payer_phone: body.optional_text("payer_phone")?,
            payer_type_document: body.optional_text("payer_type_document")?,
            payer_document: body.optional_text("payer_document")?,
            bank_id: body.optional::<i64>("bank_id", "an integer bank id")?,
            payer_person_type: body.optional_text("payer_person_type")?,
        })
    }
}

pub async fn pay(
    Path(uuid): Path<String>,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let idempotency_key = idempotency_key(&headers)?;
    let request = PayRequest::read(&JsonObject::parse(&body)?)?;
    let uuid = link_uuid(&uuid)?;
    let fingerprint = format!("{request:?}");

    let (mut store, now) = state.settled_store();
    if let Some(recorded) = store.recorded_reply(uuid, &idempotency_key) {
        if recorded.request_fingerprint != fingerprint {
            return Err(ApiError::idempotency_conflict());
        }
        let status = StatusCode::from_u16(recorded.status).expect("recorded from a StatusCode");
        return Ok(json_bytes_response(status, recorded.body.clone()));
    }

    let link = store.link(uuid).ok_or_else(ApiError::link_not_found)?;
    if !link.status.accepts_payments() {
        return Err(ApiError::invalid_status(link.status));
    }
    let amount = amount_to_charge(link, request.amount)?;
    let method = chosen_method(link, request.payment_method.as_deref())?;
    let payer = read_payer(method, &request)?;
    // One attempt at a time: a second one while the first may still succeed
    // could debit the payer twice. Not recorded, so the same key may try again later.
    if let Some(in_progress) = &link.payment_in_progress {
        return Err(ApiError::payment_in_progress(
            "money_movement_id",
            in_progress,
        ));
    }
    let total_to_pay = link.fees_for(amount).total_to_pay;

    let config = &state.config;
    let money_movement_id = new_money_movement_id();
    let is_nequi = method == PaymentMethod::Nequi;
    let reply = PayReply {
        // A Nequi payer approves a push in the app: there is no page to visit.
        payment_link: (!is_nequi).then(|| bank_page_url(&config.public_origin, &money_movement_id)),
        money_movement_id: money_movement_id.clone(),
        total_to_pay,
        approval_timeout_seconds: is_nequi.then_some(config.nequi_timeout_seconds),
    };
    let reply_body = to_json_bytes(&reply);

    store.insert_payment(Payment {
        money_movement_id,
        link_uuid: uuid,
        method,
        total_to_pay,
        payer,
        status: PaymentStatus::Pending,
        created_at: now,
        updated_at: now,
        expires_at: Some(
            now.plus_seconds(
                i64::try_from(if is_nequi {
                    config.nequi_timeout_seconds
                } else {
                    config.bank_timeout_seconds
                })
                .unwrap_or(i64::MAX),
            ),
        ),
    });
    store.record_reply(
        uuid,
        &idempotency_key,
        RecordedReply {
            request_fingerprint: fingerprint,
            status: StatusCode::OK.as_u16(),
            body: reply_body.clone(),
        },
    );
    Ok(json_bytes_response(StatusCode::OK, reply_body))
}

pub async fn payment_status(
    Path((uuid, money_movement_id)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let uuid = link_uuid(&uuid)?;
    let (store, _now) = state.settled_store();
    store.link(uuid).ok_or_else(ApiError::link_not_found)?;
    let payment = store
        .payment(&money_movement_id)
        .filter(|payment| payment.link_uuid == uuid)
        .ok_or_else(ApiError::payment_not_found)?;
    Ok(json_response(StatusCode::OK, &PaymentView::new(payment)))
}

/// `mm_` and 16 random hex digits, like the provider's money movements.
fn new_money_movement_id() -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("mm_{}", &random[..16])
}

/// The seed's amount rules: a fixed link is paid exactly (the amount may be
/// left out), a general link needs the amount typed within its bounds.
fn amount_to_charge(link: &Link, requested: Option<Cents>) -> Result<Cents, ApiError> {
    match (link.amount, requested) {
        (Some(fixed), None) => Ok(fixed),
        (Some(fixed), Some(requested)) if requested == fixed => Ok(fixed),
        (Some(_), Some(_)) => Err(ApiError::amount_mismatch()),
        (None, None) => Err(ApiError::amount_required()),
        (None, Some(requested)) if requested.is_negative() => {
            Err(ApiError::validation("amount", "Amount cannot be negative"))
        }
        (None, Some(requested)) if link.min_amount.is_some_and(|min| requested < min) => {
            Err(ApiError::validation(
                "amount",
                format!(
                    "Amount must be at least {}",
                    link.min_amount.unwrap_or_default()
                ),
            ))
        }
        (None, Some(requested)) if link.max_amount.is_some_and(|max| requested > max) => {
            Err(ApiError::validation(
                "amount",
                format!(
                    "Amount must be at most {}",
                    link.max_amount.unwrap_or_default()
                ),
            ))
        }
        (None, Some(requested)) if requested == Cents::ZERO => Err(ApiError::validation(
            "amount",
            "Amount must be more than zero",
        )),
        (None, Some(requested)) => Ok(requested),
    }
}

fn chosen_method(link: &Link, name: Option<&str>) -> Result<PaymentMethod, ApiError> {
    const FIELD: &str = "payment_method";
    let name = name.ok_or_else(|| ApiError::validation(FIELD, "`payment_method` is required"))?;
    let method = PaymentMethod::parse(name).ok_or_else(|| {
        ApiError::validation(FIELD, "`payment_method` must be BANCOLOMBIA, PSE or NEQUI")
    })?;
    if !link.allowed_methods.contains(&method) {
        return Err(ApiError::validation(
            FIELD,
            format!("This link does not accept {}", method.as_str()),
        ));
    }
    Ok(method)
}

/// Per-method required fields (docs/api.md): BANCOLOMBIA email, phone,
/// document; PSE person type, document, bank, email, phone; NEQUI phone (a
/// mobile) and document. Optional fields are still checked when sent.
fn read_payer(method: PaymentMethod, request: &PayRequest) -> Result<Payer, ApiError> {
    use PaymentMethod::{Bancolombia, Nequi, Pse};

    let required = |field: &str, value: &Option<String>| -> Result<(), ApiError> {
        match value {
            Some(_) => Ok(()),
            None => Err(ApiError::validation(
                field,
                format!("`{field}` is required to pay with {}", method.as_str()),
            )),
        }
    };

    let person_type = request
        .payer_person_type
        .as_deref()
        .map(|text| {
            PersonType::parse(text).ok_or_else(|| {
                ApiError::validation("payer_person_type", "`payer_person_type` must be N or J")
            })
        })
        .transpose()?;
    if method == Pse && person_type.is_none() {
        required("payer_person_type", &None)?;
    }

    let document_type = request
        .payer_type_document
        .as_deref()
        .map(|text| {
            DocumentType::parse(text).ok_or_else(|| {
                ApiError::validation(
                    "payer_type_document",
                    "`payer_type_document` must be CC, CE, NIT, TI or PP",
                )
            })
        })
        .transpose()?;
    if person_type == Some(PersonType::Juridical)
        && document_type.is_some_and(|kind| kind != DocumentType::Nit)
    {
        return Err(ApiError::validation(
            "payer_type_document",
            "A juridical person (J) pays with a NIT",
        ));
    }

    required("payer_document", &request.payer_document)?;
    let document = request.payer_document.clone();
    let digits_only = matches!(
        document_type,
        Some(DocumentType::Cc | DocumentType::Ti | DocumentType::Nit)
    );
    if document
        .as_deref()
        .is_some_and(|number| !is_document_number(number, digits_only))
    {
        return Err(ApiError::validation(
            "payer_document",
            "`payer_document` is not a valid document number",
        ));
    }

    if matches!(method, Bancolombia | Pse) {
        required("payer_email", &request.payer_email)?;
    }
    if request
        .payer_email
        .as_deref()
        .is_some_and(|email| !is_email(email))
    {
        return Err(ApiError::validation(
            "payer_email",
            "`payer_email` is not a valid email address",
        ));
    }

    required("payer_phone", &request.payer_phone)?;
    let phone = request.payer_phone.as_deref().map(colombian_phone_digits);
    let phone = match (method, phone) {
        (Nequi, Some(Some(digits))) if is_colombian_mobile(&digits) => Some(digits),
        (Nequi, _) => {
            return Err(ApiError::validation(
                "payer_phone",
                "`payer_phone` must be the Nequi account's mobile: 10 digits starting with 3",
            ))
        }
        (_, Some(Some(digits))) => Some(digits),
        (_, _) => {
            return Err(ApiError::validation(
                "payer_phone",
                "`payer_phone` must be a Colombian number of 10 digits",
            ))
        }
    };

    let bank_id = match (method, request.bank_id) {
        (Pse, None) => {
            return Err(ApiError::validation(
                "bank_id",
                "`bank_id` is required to pay with PSE",
            ))
        }
        (Pse, Some(id)) if selectable_bank(id).is_none() => {
            return Err(ApiError::validation(
                "bank_id",
                "`bank_id` must be a bank from /api/pse/banks/ (not the placeholder 0)",
            ))
        }
        (Pse, Some(id)) => Some(id),
        _ => None,
    };

    Ok(Payer {
        email: request.payer_email.clone(),
        phone,
        document_type,
        document,
        person_type,
        bank_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str) -> PayRequest {
        PayRequest {
            amount: None,
            payment_method: Some(method.into()),
            payer_email: Some("payer@example.com".into()),
            payer_phone: Some("+573001234567".into()),
            payer_type_document: Some("CC".into()),
            payer_document: Some("1234567890".into()),
            bank_id: Some(1007),
            payer_person_type: Some("N".into()),
        }
    }

    fn field_of(result: Result<Payer, ApiError>) -> String {
        result.unwrap_err().field.unwrap()
    }

    #[test]
    fn each_method_accepts_the_documented_fields() {
        let payer = read_payer(PaymentMethod::Pse, &request("PSE")).unwrap();
        assert_eq!(
            (payer.phone.as_deref(), payer.bank_id),
            (Some("3001234567"), Some(1007))
        );
        assert!(read_payer(
            PaymentMethod::Bancolombia,
            &PayRequest {
                bank_id: None,
                payer_person_type: None,
                ..request("BANCOLOMBIA")
            }
        )
        .is_ok());
        let nequi = PayRequest {
            payer_email: None,
            bank_id: None,
            payer_person_type: None,
            ..request("NEQUI")
        };
        assert!(read_payer(PaymentMethod::Nequi, &nequi).is_ok());
    }

    #[test]
    fn names_the_missing_field() {
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Pse,
                &PayRequest {
                    bank_id: None,
                    ..request("PSE")
                }
            )),
            "bank_id"
        );
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Pse,
                &PayRequest {
                    bank_id: Some(0),
                    ..request("PSE")
                }
            )),
            "bank_id"
        );
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Pse,
                &PayRequest {
                    payer_person_type: None,
                    ..request("PSE")
                }
            )),
            "payer_person_type"
        );
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Bancolombia,
                &PayRequest {
                    payer_email: None,
                    ..request("BANCOLOMBIA")
                }
            )),
            "payer_email"
        );
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Nequi,
                &PayRequest {
                    payer_document: None,
                    ..request("NEQUI")
                }
            )),
            "payer_document"
        );
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Nequi,
                &PayRequest {
                    payer_phone: Some("6012345678".into()),
                    ..request("NEQUI")
                }
            )),
            "payer_phone"
        );
        assert_eq!(
            field_of(read_payer(
                PaymentMethod::Pse,
                &PayRequest {
                    payer_person_type: Some("J".into()),
                    ..request("PSE")
                }
            )),
            "payer_type_document"
        );
    }

    #[test]
    fn money_movement_ids_are_unique_and_prefixed() {
        let (first, second) = (new_money_movement_id(), new_money_movement_id());
        assert!(first.starts_with("mm_") && first.len() == 19);
        assert_ne!(first, second);
    }
}
