//! The codes Colurs writes for methods, person types and statuses: the only
//! place the page knows them.

use crate::checkout::link::{LinkStatus, Method};
use crate::checkout::payment::{PaymentStatus, PersonType};

/// The methods Colurs offers with their codes, in the order it lists them.
pub const METHODS: [(Method, &str); 4] = [
    (Method::Bancolombia, "BANCOLOMBIA"),
    (Method::Pse, "PSE"),
    (Method::Nequi, "NEQUI"),
    (Method::BreB, "BRE_B"),
];

/// The method a code names; a method this page does not offer is none.
pub fn method_of(code: &str) -> Option<Method> {
    METHODS
        .iter()
        .find(|(_, known)| *known == code)
        .map(|(method, _)| *method)
}

/// The method's code in a pay request; none for a method Colurs does not offer (Pix).
pub fn method_code(method: Method) -> Option<&'static str> {
    METHODS
        .iter()
        .find(|(offered, _)| *offered == method)
        .map(|(_, code)| *code)
}

pub fn person_type_code(person_type: PersonType) -> &'static str {
    match person_type {
        PersonType::Natural => "N",
        PersonType::Juridical => "J",
    }
}

pub fn link_status(status: &str) -> LinkStatus {
    match status {
        "PENDING" => LinkStatus::Pending,
        "ACTIVE" => LinkStatus::Active,
        // A PAID status is only believed with the paid fields; see `link`.
        "PAID" => LinkStatus::Paid {
            paid_at: None,
            paid_amount: None,
        },
        "EXPIRED" => LinkStatus::Expired,
        "CANCELLED" => LinkStatus::Cancelled,
        other => LinkStatus::Unrecognized(other.to_owned()),
    }
}

pub fn payment_status(status: &str) -> PaymentStatus {
    match status {
        "PENDING" => PaymentStatus::Pending,
        "APPROVED" => PaymentStatus::Approved,
        "DECLINED" => PaymentStatus::Declined,
        "ABANDONED" => PaymentStatus::Abandoned,
        "EXPIRED" => PaymentStatus::Expired,
        "ERROR" => PaymentStatus::Error,
        "REFUNDED" => PaymentStatus::Refunded,
        other => PaymentStatus::Unrecognized(other.to_owned()),
    }
}

#[cfg(test)]
#[path = "codes_tests.rs"]
mod tests;
