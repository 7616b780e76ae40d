//! The codes Colurs writes for methods, person types and statuses: the only
//! place the page knows them.

use crate::checkout::link::{LinkStatus, Method};
use crate::checkout::payment::{PaymentStatus, PersonType};

/// The method a code names; a method this page does not offer is none.
pub fn method_of(code: &str) -> Option<Method> {
    match code {
        "BANCOLOMBIA" => Some(Method::Bancolombia),
        "PSE" => Some(Method::Pse),
        "NEQUI" => Some(Method::Nequi),
        _ => None,
    }
}

/// The method's code in a pay request; Colurs has none for Pix.
pub fn method_code(method: Method) -> Option<&'static str> {
    match method {
        Method::Bancolombia => Some("BANCOLOMBIA"),
        Method::Pse => Some("PSE"),
        Method::Nequi => Some("NEQUI"),
        Method::Pix => None,
    }
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
mod tests {
    use super::*;

    #[test]
    fn every_method_colurs_offers_reads_back_from_its_code() {
        for method in [Method::Bancolombia, Method::Pse, Method::Nequi] {
            let code = method_code(method).unwrap();
            assert_eq!(method_of(code), Some(method), "{code}");
        }
        assert_eq!(method_code(Method::Pix), None);
        assert_eq!(method_of("PIX"), None);
    }
}
