//! Reading the Belvo requests of docs/api.md into what they ask for: a new
//! customer, a new payment link, a payment intent checked against its link.
//! Every refusal is a `ValidationError` naming the field.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::identifiers;
use super::institutions;
use super::model::{
    Amount, CallbackUrls, Country, Customer, CustomerType, IdentifierType, Method, PaymentLink,
};
use super::tokens;
use super::SANDBOX_USER;
use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{is_email, is_web_url};
use crate::shared::link_fields::{
    read_callback_urls, read_description, read_embed_origins, read_merchant,
};
use crate::shared::money::{AmountError, Cents};
use crate::test_controls::clock::Timestamp;

const MAX_NAME_CHARS: usize = 200;
/// Whole pesos or reais beyond this are refused: no real payment is that large.
const MAX_WHOLE_DIGITS: usize = 12;
const MAX_EXPIRES_IN_SECONDS: i64 = 365 * 86_400;
pub const DEFAULT_EXPIRES_IN: &str = "7d";

pub(super) fn read_new_customer(body: &JsonObject, now: Timestamp) -> Result<Customer, ApiError> {
    let customer_type = body.required_parsed(
        "customer_type",
        CustomerType::parse,
        "`customer_type` must be INDIVIDUAL or BUSINESS",
    )?;
    let country =
        body.required_parsed("country", Country::parse, "`country` must be COL or BRA")?;
    let name = body.required_text("name")?;
    if name.chars().count() > MAX_NAME_CHARS {
        return body.refuse(
            "name",
            format!("`name` must be at most {MAX_NAME_CHARS} characters"),
        );
    }
    let email = body.required_text("email")?;
    if !is_email(&email) {
        return body.refuse("email", "`email` is not a valid email address");
    }

    let allowed = match country {
        Country::Col => "CC or NIT for COL",
        Country::Bra => "CPF or CNPJ for BRA",
    };
    let identifier_type = body.required_parsed(
        "identifier_type",
        |text| IdentifierType::parse(text).filter(|kind| kind.country() == country),
        &format!("`identifier_type` must be {allowed}"),
    )?;
    let expected_type = match (country, customer_type) {
        (Country::Bra, CustomerType::Individual) => Some(IdentifierType::Cpf),
        (Country::Bra, CustomerType::Business) => Some(IdentifierType::Cnpj),
        (Country::Col, CustomerType::Business) => Some(IdentifierType::Nit),
        (Country::Col, CustomerType::Individual) => None,
    };
    if let Some(expected) = expected_type.filter(|expected| *expected != identifier_type) {
        let (kind, country) = (customer_type.as_str(), country.as_str());
        let message = format!(
            "A {kind} customer in {country} is identified by {}",
            expected.as_str()
        );
        return body.refuse("identifier_type", message);
    }
    let identifier = identifiers::compact(&body.required_text("identifier")?);
    if !identifiers::is_valid(identifier_type, &identifier) {
        let message = format!("`identifier` is not a valid {}", identifier_type.as_str());
        return body.refuse("identifier", message);
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

// ---- payment links --------------------------------------------------------

pub(super) fn read_new_link(
    body: &JsonObject,
    development: bool,
    now: Timestamp,
    customer_country: impl Fn(Uuid) -> Option<Country>,
) -> Result<PaymentLink, ApiError> {
    let (method, pix_qr) =
        read_link_methods(body)?.ok_or_else(|| body.missing("allowed_payment_method_types"))?;

    let details = body.required_object("payment_method_details")?;
    let described: &[Method] = if pix_qr {
        &[method, Method::PixQr]
    } else {
        &[method]
    };
    refuse_other_methods(&details, described)?;
    let method_details = details
        .object(method.as_str())?
        .ok_or_else(|| details.missing(method.as_str()))?;
    let account = method_details.required_text("beneficiary_bank_account")?;
    let beneficiary_bank_account =
        read_uuid(&method_details, "beneficiary_bank_account", &account)?;

    let (success, cancel) =
        read_callback_urls(body, development)?.ok_or_else(|| body.missing("callback_urls"))?;
    let amount = read_amount(body, method)?.ok_or_else(|| body.missing("amount"))?;

    let customer = read_uuid(body, "customer", &body.required_text("customer")?)?;
    match customer_country(customer) {
        None => {
            return body.refuse(
                "customer",
                "`customer` must be the id of a customer created with POST /api/belvo/customers/",
            )
        }
        Some(country) if country != method.country() => {
            let (method, country) = (method.as_str(), method.country().as_str());
            let message = format!("A `{method}` link is for a customer in {country}");
            return body.refuse("customer", message);
        }
        Some(_) => {}
    }

    let description = read_description(body)?.ok_or_else(|| body.missing("description"))?;
    let provider = body.optional_text("provider")?;
    let expires_in = body
        .optional_text("expires_in")?
        .unwrap_or_else(|| DEFAULT_EXPIRES_IN.to_owned());
    let Some(lifetime) = parse_expires_in(&expires_in) else {
        return body.refuse(
            "expires_in",
            "`expires_in` must be a duration such as 30m, 2h, 7d or 1w (at most 365d)",
        );
    };

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
        pix_qr,
        beneficiary_bank_account,
        provider,
        customer,
        merchant: read_merchant(body)?,
        allowed_embed_origins: read_embed_origins(body)?,
    })
}

const METHOD_TYPES: &str = "allowed_payment_method_types";

/// A link's `allowed_payment_method_types`: `["pse"]`, `["open_finance"]`,
/// or `["open_finance", "pix_qr"]` **[ext]** in either order (whether it
/// takes a Pix QR code too); `None` when not sent.
fn read_link_methods(body: &JsonObject) -> Result<Option<(Method, bool)>, ApiError> {
    let Some(methods) = read_method_list(body)? else {
        return Ok(None);
    };
    match methods.as_slice() {
        [Method::PixQr] => body.refuse(
            METHOD_TYPES,
            "`pix_qr` is offered beside `open_finance`: [\"open_finance\", \"pix_qr\"]",
        ),
        [method] => Ok(Some((*method, false))),
        [Method::OpenFinance, Method::PixQr] | [Method::PixQr, Method::OpenFinance] => {
            Ok(Some((Method::OpenFinance, true)))
        }
        _ => body.refuse(
            METHOD_TYPES,
            "`allowed_payment_method_types` takes one type, [\"pse\"] or [\"open_finance\"], or [\"open_finance\", \"pix_qr\"]",
        ),
    }
}

/// A payment intent's `allowed_payment_method_types`: exactly one type;
/// `None` when not sent.
fn read_method_types(body: &JsonObject) -> Result<Option<Method>, ApiError> {
    match read_method_list(body)?.as_deref() {
        None => Ok(None),
        Some([method]) => Ok(Some(*method)),
        Some(_) => body.refuse(
            METHOD_TYPES,
            "`allowed_payment_method_types` takes exactly one type, such as [\"open_finance\"]",
        ),
    }
}

fn read_method_list(body: &JsonObject) -> Result<Option<Vec<Method>>, ApiError> {
    let Some(names) = body.optional::<Vec<String>>(METHOD_TYPES, "a list such as [\"pse\"]")?
    else {
        return Ok(None);
    };
    let methods = names
        .iter()
        .map(|name| {
            Method::parse(name).ok_or_else(|| {
                let message = format!(
                    "Unknown payment method type {name:?}: use pse, open_finance or pix_qr"
                );
                body.error(METHOD_TYPES, message)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(methods))
}

/// `payment_method_details` describes `methods` and no other.
fn refuse_other_methods(details: &JsonObject, methods: &[Method]) -> Result<(), ApiError> {
    let method = methods[0].as_str();
    match details
        .present_names()
        .find(|name| !methods.iter().any(|method| method.as_str() == *name))
    {
        Some(other) => details.refuse(other, format!("This payment is made with `{method}` only")),
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
    let invalid = |message: &str| body.refuse("amount", message);
    let amount = match method {
        Method::Pse if raw.starts_with('"') => {
            return invalid("For PSE `amount` is a JSON number of whole pesos, such as 1000")
        }
        Method::Pse if raw.starts_with('-') => return invalid("`amount` must be more than zero"),
        Method::Pse if !raw.bytes().all(|b| b.is_ascii_digit()) => {
            return invalid(
                "For PSE `amount` must be a whole number: digits 0-9 with no decimal point",
            )
        }
        Method::Pse => match raw.parse() {
            Ok(pesos) if raw.len() <= MAX_WHOLE_DIGITS => Amount::WholePesos(pesos),
            _ => return invalid("`amount` is too large"),
        },
        Method::OpenFinance | Method::PixQr => {
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
    if matches!(amount, Amount::WholePesos(0) | Amount::Reais(Cents::ZERO)) {
        return invalid("`amount` must be more than zero");
    }
    Ok(Some(amount))
}

/// `30m`, `2h`, `7d`, `1w` in seconds; at most a year, at least a minute.
pub fn parse_expires_in(text: &str) -> Option<i64> {
    let (number, unit) = text.split_at(text.len().checked_sub(1)?);
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

/// What the payer decided for one method, as sent.
#[derive(Debug)]
pub(super) struct MethodChoice {
    pub(super) payer_institution: Option<String>,
    pub(super) callback_url: Option<String>,
    pub(super) cpf: Option<String>,
    pub(super) beneficiary_bank_account: Option<String>,
}

/// The payment intent body as sent, only type-checked: its `Debug` form is
/// the fingerprint that tells a retry (same body) from a reused key.
#[derive(Debug)]
pub(super) struct IntentRequest {
    pub(super) method: Option<Method>,
    pub(super) details: BTreeMap<String, MethodChoice>,
    pub(super) confirm: Option<bool>,
    pub(super) amount_text: Option<String>,
    pub(super) customer: Option<String>,
}

impl IntentRequest {
    pub(super) fn read(body: &JsonObject) -> Result<IntentRequest, ApiError> {
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

pub(super) struct CheckedChoice {
    pub(super) method: Method,
    pub(super) payer_institution: Uuid,
    pub(super) callback_url: String,
    pub(super) cpf: Option<String>,
}

/// The request against its link: the link's method, an active institution
/// of the method's country, a callback URL, and a CPF exactly when a
/// business pays with Open Finance (seed 001). Amount, customer and
/// beneficiary account come from the link; if sent, they must agree.
pub(super) fn check_against_link(
    body: &JsonObject,
    request: &IntentRequest,
    link: &PaymentLink,
    customer_type: CustomerType,
) -> Result<CheckedChoice, ApiError> {
    let offered =
        |method: Method| method == link.method || (link.pix_qr && method == Method::PixQr);
    // Without a type named, the details say which method the payer chose.
    let method = request.method.unwrap_or_else(|| {
        let only_pix_qr =
            request.details.len() == 1 && request.details.contains_key(Method::PixQr.as_str());
        if only_pix_qr && link.pix_qr {
            Method::PixQr
        } else {
            link.method
        }
    });
    let method_name = method.as_str();
    if !offered(method) {
        let message = format!("This link is not paid with `{method_name}`");
        return body.refuse(METHOD_TYPES, message);
    }
    let details = body.required_object("payment_method_details")?;
    refuse_other_methods(&details, &[method])?;
    let choice = request
        .details
        .get(method_name)
        .ok_or_else(|| details.missing(method_name))?;
    let fields = details.object(method_name)?.expect("read above");

    if request.confirm == Some(false) {
        return body.refuse(
            "confirm",
            "`confirm` must be true: the payer has confirmed the payment",
        );
    }
    if request.amount_text.is_some() && read_amount(body, method)? != Some(link.amount) {
        return Err(ApiError::amount_mismatch());
    }
    let is_not = |sent: &Option<String>, own: Uuid| {
        sent.as_deref()
            .is_some_and(|sent| Uuid::try_parse(sent).ok() != Some(own))
    };
    if is_not(&request.customer, link.customer) {
        return body.refuse("customer", "`customer` is not this link's customer");
    }
    if is_not(
        &choice.beneficiary_bank_account,
        link.beneficiary_bank_account,
    ) {
        return fields.refuse(
            "beneficiary_bank_account",
            "`beneficiary_bank_account` is not this link's account",
        );
    }

    if method == Method::PixQr {
        // The payer pays the code from their own bank app: there is no
        // institution to send them to, nor a way back.
        for (name, sent) in [
            ("payer_institution", &choice.payer_institution),
            ("callback_url", &choice.callback_url),
            ("cpf", &choice.cpf),
        ] {
            if sent.is_some() {
                let path = fields.path_of(name);
                return fields.refuse(name, format!("`{path}` is not sent for a Pix QR code"));
            }
        }
        return Ok(CheckedChoice {
            method,
            payer_institution: Uuid::nil(),
            callback_url: String::new(),
            cpf: None,
        });
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
            let path = fields.path_of("payer_institution");
            let message = format!(
                "`{path}` must be an institution from /api/belvo/institutions/?country={country}"
            );
            fields.error("payer_institution", message)
        })?;
    if !institution.active {
        let message = format!("{} is not available right now", institution.display_name);
        return fields.refuse("payer_institution", message);
    }

    let callback_url = choice
        .callback_url
        .clone()
        .ok_or_else(|| fields.missing("callback_url"))?;
    if !is_web_url(&callback_url) {
        let path = fields.path_of("callback_url");
        return fields.refuse("callback_url", format!("`{path}` must be an http(s) URL"));
    }

    let cpf_path = fields.path_of("cpf");
    let cpf = match (method, customer_type, choice.cpf.as_deref()) {
        (Method::OpenFinance, CustomerType::Business, None) => {
            let message =
                format!("`{cpf_path}` is required: the CPF of the person paying for the business");
            return fields.refuse("cpf", message);
        }
        (Method::OpenFinance, CustomerType::Business, Some(text)) => {
            let cpf = identifiers::compact(text);
            if !identifiers::is_cpf(&cpf) {
                return fields.refuse("cpf", format!("`{cpf_path}` is not a valid CPF"));
            }
            Some(cpf)
        }
        (Method::OpenFinance, CustomerType::Individual, Some(_)) => {
            let message = format!("`{cpf_path}` is only sent when the customer is a BUSINESS");
            return fields.refuse("cpf", message);
        }
        (Method::Pse | Method::PixQr, _, Some(_)) => {
            let message = format!("`{cpf_path}` is only sent for Pix via Open Finance");
            return fields.refuse("cpf", message);
        }
        (_, _, None) => None,
    };

    Ok(CheckedChoice {
        method,
        payer_institution: Uuid::try_parse(institution.id).expect("institution ids are uuids"),
        callback_url,
        cpf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes() {
        assert_eq!(parse_expires_in("7d"), Some(7 * 86_400));
        for bad in ["", "d", "0d", "7", "7 d", "-1d", "1.5h", "366d", "7D", "1y"] {
            assert_eq!(parse_expires_in(bad), None, "{bad:?}");
        }
    }
}
