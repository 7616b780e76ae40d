//! Reading the Colurs requests of docs/api.md into what they ask for: a
//! new link, a payment attempt and its payer. Every refusal is a
//! `ValidationError` naming the field.

use serde::Deserialize;
use uuid::Uuid;

use crate::colurs::model::{
    CallbackUrls, Currency, DocumentType, FeeMode, Link, LinkStatus, Owner, Payer, PaymentMethod,
    PersonType,
};
use crate::colurs::pse_banks::selectable_bank;
use crate::config::Config;
use crate::shared::body::JsonObject;
use crate::shared::embed_origins::read_embed_origins;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{
    colombian_phone_digits, is_colombian_mobile, is_document_number, is_email, is_followable_url,
    is_hidden_character,
};
use crate::shared::merchant::read_merchant;
use crate::shared::money::Cents;
use crate::test_controls::clock::Timestamp;

pub(super) const MAX_DESCRIPTION_CHARS: usize = 500;

#[derive(Deserialize)]
pub(super) struct CallbackUrlsInput {
    success: String,
    cancel: String,
}

/// Validates a creation request into the link it describes.
pub(super) fn read_new_link(
    body: &JsonObject,
    config: &Config,
    now: Timestamp,
    id: u64,
) -> Result<Link, ApiError> {
    let currency = body
        .optional_text("currency")?
        .ok_or_else(|| ApiError::validation("currency", "`currency` is required"))
        .and_then(|text| {
            Currency::parse(&text)
                .ok_or_else(|| ApiError::validation("currency", "`currency` must be COP or USD"))
        })?;
    let is_general = body
        .optional::<bool>("is_general", "true or false")?
        .unwrap_or(false);

    let minimum = config.min_amount(currency);
    let amount = match (is_general, body.optional_amount("amount")?) {
        (true, Some(_)) => {
            return Err(ApiError::validation(
                "amount",
                "A general link has no `amount`: the payer types it",
            ))
        }
        (true, None) => None,
        (false, None) => {
            return Err(ApiError::validation(
                "amount",
                "`amount` is required unless `is_general` is true",
            ))
        }
        (false, Some(amount)) if amount.is_negative() => {
            return Err(ApiError::validation("amount", "Amount cannot be negative"))
        }
        (false, Some(amount)) if amount < minimum => {
            return Err(ApiError::validation(
                "amount",
                format!(
                    "Amount must be at least the configured minimum of {minimum} {}",
                    currency.as_str()
                ),
            ))
        }
        (false, Some(amount)) => Some(amount),
    };

    let description = body.optional_text("description")?.unwrap_or_default();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(ApiError::validation(
            "description",
            format!("`description` must be at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    if description.chars().any(is_hidden_character) {
        return Err(ApiError::validation(
            "description",
            "`description` must not contain invisible or direction-changing characters",
        ));
    }

    let fee_mode = body
        .optional_text("fee_mode")?
        .map(|text| {
            FeeMode::parse(&text).ok_or_else(|| {
                ApiError::validation("fee_mode", "`fee_mode` must be payer or receiver")
            })
        })
        .transpose()?
        .unwrap_or(FeeMode::Payer);

    let expires_at = body
        .optional_text("expires_at")?
        .map(|text| {
            Timestamp::parse_rfc3339(&text).ok_or_else(|| {
                ApiError::validation(
                    "expires_at",
                    "`expires_at` must be an RFC 3339 date-time such as 2026-03-03T00:00:00Z",
                )
            })
        })
        .transpose()?;
    if expires_at.is_some_and(|expires_at| expires_at <= now) {
        return Err(ApiError::validation(
            "expires_at",
            "`expires_at` must be in the future",
        ));
    }

    Ok(Link {
        id,
        uuid: Uuid::new_v4(),
        owner: Owner::sandbox_merchant(),
        currency,
        amount,
        is_general,
        fee_mode,
        fee_rate_bps: config.fee_rate_bps,
        iva_rate_bps: config.iva_rate_bps,
        min_amount: is_general.then_some(minimum),
        max_amount: None,
        description,
        status: LinkStatus::Pending,
        expires_at,
        paid_at: None,
        paid_amount: None,
        allowed_methods: read_allowed_methods(body)?,
        merchant: read_merchant(body)?,
        callback_urls: read_callback_urls(body, config.is_development())?,
        allowed_embed_origins: read_embed_origins(body)?,
        payment_in_progress: None,
        created_at: now,
        updated_at: now,
    })
}

pub(super) fn read_allowed_methods(body: &JsonObject) -> Result<Vec<PaymentMethod>, ApiError> {
    const FIELD: &str = "allowed_methods";
    let Some(names) = body.optional::<Vec<String>>(FIELD, "a list of payment methods")? else {
        return Ok(PaymentMethod::ALL.to_vec());
    };
    let mut methods = Vec::new();
    for name in names {
        let method = PaymentMethod::parse(&name).ok_or_else(|| {
            ApiError::validation(
                FIELD,
                format!("Unknown payment method {name:?}: use BANCOLOMBIA, PSE or NEQUI"),
            )
        })?;
        if !methods.contains(&method) {
            methods.push(method);
        }
    }
    if methods.is_empty() {
        return Err(ApiError::validation(
            FIELD,
            "`allowed_methods` needs at least one payment method",
        ));
    }
    Ok(methods)
}

/// Where the payer goes after the outcome: only URLs the page will follow,
/// so a merchant learns of a bad one now, not from a payer stuck at the end.
pub(super) fn read_callback_urls(
    body: &JsonObject,
    development: bool,
) -> Result<Option<CallbackUrls>, ApiError> {
    let Some(input) = body.optional::<CallbackUrlsInput>(
        "callback_urls",
        "an object with `success` and `cancel` URLs",
    )?
    else {
        return Ok(None);
    };
    for (field, url) in [
        ("callback_urls.success", &input.success),
        ("callback_urls.cancel", &input.cancel),
    ] {
        if !is_followable_url(url, development) {
            return Err(ApiError::validation(
                field,
                format!("`{field}` must be an https URL with a plain host name, no user info and a valid port"),
            ));
        }
    }
    Ok(Some(CallbackUrls {
        success: input.success,
        cancel: input.cancel,
    }))
}

/// The pay body as sent, only type-checked: its `Debug` form is the
/// fingerprint that tells a retry (same body) from a reused key.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct PayRequest {
    pub(super) amount: Option<Cents>,
    pub(super) payment_method: Option<String>,
    pub(super) payer_email: Option<String>,
    pub(super) payer_phone: Option<String>,
    pub(super) payer_type_document: Option<String>,
    pub(super) payer_document: Option<String>,
    pub(super) bank_id: Option<i64>,
    pub(super) payer_person_type: Option<String>,
}

impl PayRequest {
    pub(super) fn read(body: &JsonObject) -> Result<PayRequest, ApiError> {
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

/// The seed's amount rules: a fixed link is paid exactly (the amount may be
/// left out), a general link needs the amount typed within its bounds.
pub(super) fn amount_to_charge(link: &Link, requested: Option<Cents>) -> Result<Cents, ApiError> {
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

pub(super) fn chosen_method(link: &Link, name: Option<&str>) -> Result<PaymentMethod, ApiError> {
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
pub(super) fn read_payer(method: PaymentMethod, request: &PayRequest) -> Result<Payer, ApiError> {
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
}
