//! Reading the Colurs requests of docs/api.md into what they ask for: a
//! new link, a payment attempt and its payer. Every refusal is a
//! `ValidationError` naming the field.

use uuid::Uuid;

use crate::colurs::model::{
    CallbackUrls, Currency, DocumentType, FeeMode, Link, LinkStatus, Owner, Payer, PaymentMethod,
    PersonType,
};
use crate::colurs::pse_banks::selectable_bank;
use crate::config::Config;
use crate::shared::body::JsonObject;
use crate::shared::errors::{refuse, ApiError};
use crate::shared::field_rules::{
    colombian_phone_digits, is_colombian_mobile, is_document_number, is_email,
};
use crate::shared::link_fields::{
    read_callback_urls, read_description, read_embed_origins, read_merchant,
};
use crate::shared::money::Cents;
use crate::test_controls::clock::Timestamp;

/// Validates a creation request into the link it describes.
pub(super) fn read_new_link(
    body: &JsonObject,
    config: &Config,
    now: Timestamp,
    id: u64,
) -> Result<Link, ApiError> {
    let currency =
        body.required_parsed("currency", Currency::parse, "`currency` must be COP or USD")?;
    let is_general = body
        .optional::<bool>("is_general", "true or false")?
        .unwrap_or(false);

    let minimum = config.min_amount(currency);
    let amount = match (is_general, body.optional_amount("amount")?) {
        (true, Some(_)) => {
            return refuse(
                "amount",
                "A general link has no `amount`: the payer types it",
            )
        }
        (true, None) => None,
        (false, None) => {
            return refuse("amount", "`amount` is required unless `is_general` is true")
        }
        (false, Some(amount)) if amount.is_negative() => {
            return refuse("amount", "Amount cannot be negative")
        }
        (false, Some(amount)) if amount < minimum => {
            let currency = currency.as_str();
            return refuse(
                "amount",
                format!("Amount must be at least the configured minimum of {minimum} {currency}"),
            );
        }
        (false, Some(amount)) => Some(amount),
    };

    let fee_mode = body
        .optional_parsed(
            "fee_mode",
            FeeMode::parse,
            "`fee_mode` must be payer or receiver",
        )?
        .unwrap_or(FeeMode::Payer);
    let expires_at = body.optional_parsed(
        "expires_at",
        Timestamp::parse_rfc3339,
        "`expires_at` must be an RFC 3339 date-time such as 2026-03-03T00:00:00Z",
    )?;
    if expires_at.is_some_and(|expires_at| expires_at <= now) {
        return refuse("expires_at", "`expires_at` must be in the future");
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
        description: read_description(body)?.unwrap_or_default(),
        status: LinkStatus::Pending,
        expires_at,
        paid_at: None,
        paid_amount: None,
        allowed_methods: read_allowed_methods(body)?,
        merchant: read_merchant(body)?,
        callback_urls: read_callback_urls(body, config.is_development())?
            .map(|(success, cancel)| CallbackUrls { success, cancel }),
        allowed_embed_origins: read_embed_origins(body)?,
        payment_in_progress: None,
        created_at: now,
        updated_at: now,
    })
}

fn read_allowed_methods(body: &JsonObject) -> Result<Vec<PaymentMethod>, ApiError> {
    const FIELD: &str = "allowed_methods";
    let Some(names) = body.optional::<Vec<String>>(FIELD, "a list of payment methods")? else {
        return Ok(PaymentMethod::DEFAULT.to_vec());
    };
    let mut methods = Vec::new();
    for name in names {
        let Some(method) = PaymentMethod::parse(&name) else {
            let message =
                format!("Unknown payment method {name:?}: use BANCOLOMBIA, PSE, NEQUI or BRE_B");
            return refuse(FIELD, message);
        };
        if !methods.contains(&method) {
            methods.push(method);
        }
    }
    if methods.is_empty() {
        return refuse(FIELD, "`allowed_methods` needs at least one payment method");
    }
    Ok(methods)
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
    let Some(requested) = requested else {
        return link.amount.ok_or_else(ApiError::amount_required);
    };
    match (link.amount, link.min_amount, link.max_amount) {
        (Some(fixed), ..) if requested == fixed => Ok(fixed),
        (Some(_), ..) => Err(ApiError::amount_mismatch()),
        _ if requested.is_negative() => refuse("amount", "Amount cannot be negative"),
        (_, Some(min), _) if requested < min => {
            refuse("amount", format!("Amount must be at least {min}"))
        }
        (_, _, Some(max)) if requested > max => {
            refuse("amount", format!("Amount must be at most {max}"))
        }
        _ if requested == Cents::ZERO => refuse("amount", "Amount must be more than zero"),
        _ => Ok(requested),
    }
}

pub(super) fn chosen_method(link: &Link, name: Option<&str>) -> Result<PaymentMethod, ApiError> {
    const FIELD: &str = "payment_method";
    let Some(name) = name else {
        return refuse(FIELD, "`payment_method` is required");
    };
    let Some(method) = PaymentMethod::parse(name) else {
        return refuse(
            FIELD,
            "`payment_method` must be BANCOLOMBIA, PSE, NEQUI or BRE_B",
        );
    };
    if !link.allowed_methods.contains(&method) {
        return refuse(
            FIELD,
            format!("This link does not accept {}", method.as_str()),
        );
    }
    Ok(method)
}

/// An optional field of a closed vocabulary, as sent.
fn parsed<T>(
    text: &Option<String>,
    parse: fn(&str) -> Option<T>,
    field: &str,
    message: &str,
) -> Result<Option<T>, ApiError> {
    text.as_deref()
        .map(|text| parse(text).ok_or_else(|| ApiError::validation(field, message)))
        .transpose()
}

/// Per-method required fields (docs/api.md): BANCOLOMBIA email, phone,
/// document; PSE person type, document, bank, email, phone; NEQUI phone (a
/// mobile) and document; BRE_B none (the payer's bank app knows them).
/// Optional fields are still checked when sent.
pub(super) fn read_payer(method: PaymentMethod, request: &PayRequest) -> Result<Payer, ApiError> {
    use PaymentMethod::{Bancolombia, BreB, Nequi, Pse};

    let required = |field: &str, value: &Option<String>| match value {
        Some(_) => Ok(()),
        None if method == BreB => Ok(()),
        None => refuse(
            field,
            format!("`{field}` is required to pay with {}", method.as_str()),
        ),
    };
    let person_type = parsed(
        &request.payer_person_type,
        PersonType::parse,
        "payer_person_type",
        "`payer_person_type` must be N or J",
    )?;
    if method == Pse {
        required("payer_person_type", &request.payer_person_type)?;
    }
    let document_type = parsed(
        &request.payer_type_document,
        DocumentType::parse,
        "payer_type_document",
        "`payer_type_document` must be CC, CE, NIT, TI or PP",
    )?;
    if person_type == Some(PersonType::Juridical)
        && document_type.is_some_and(|kind| kind != DocumentType::Nit)
    {
        return refuse(
            "payer_type_document",
            "A juridical person (J) pays with a NIT",
        );
    }

    required("payer_document", &request.payer_document)?;
    let digits_only = matches!(
        document_type,
        Some(DocumentType::Cc | DocumentType::Ti | DocumentType::Nit)
    );
    let document = request.payer_document.clone();
    if document
        .as_deref()
        .is_some_and(|number| !is_document_number(number, digits_only))
    {
        return refuse(
            "payer_document",
            "`payer_document` is not a valid document number",
        );
    }

    if matches!(method, Bancolombia | Pse) {
        required("payer_email", &request.payer_email)?;
    }
    if request
        .payer_email
        .as_deref()
        .is_some_and(|email| !is_email(email))
    {
        return refuse("payer_email", "`payer_email` is not a valid email address");
    }

    required("payer_phone", &request.payer_phone)?;
    let phone = match (
        method,
        request.payer_phone.as_deref().map(colombian_phone_digits),
    ) {
        (BreB, None) => None,
        (Nequi, Some(Some(digits))) if is_colombian_mobile(&digits) => Some(digits),
        (Nequi, _) => {
            return refuse(
                "payer_phone",
                "`payer_phone` must be the Nequi account's mobile: 10 digits starting with 3",
            )
        }
        (_, Some(Some(digits))) => Some(digits),
        (_, _) => {
            return refuse(
                "payer_phone",
                "`payer_phone` must be a Colombian number of 10 digits",
            )
        }
    };

    let bank_id = match (method, request.bank_id) {
        (Pse, None) => return refuse("bank_id", "`bank_id` is required to pay with PSE"),
        (Pse, Some(id)) if selectable_bank(id).is_none() => {
            return refuse(
                "bank_id",
                "`bank_id` must be a bank from /api/pse/banks/ (not the placeholder 0)",
            )
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
