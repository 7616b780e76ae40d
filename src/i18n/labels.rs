//! Which message names each thing the checkout knows: fields, choices,
//! methods, problems, refusals. Pure, so every mapping is tested natively.

use super::Key;
use crate::checkout::fields::{FieldId, FieldProblem};
use crate::checkout::link::{Method, OpenAmount};
use crate::checkout::methods::{spec, Flow};
use crate::checkout::money::{BoundsError, TypedAmountError};
use crate::checkout::payment::PaymentStatus;
use crate::checkout::state::{Checkout, LoadError, PayNotice, Phase, SubmitError};
use crate::checkout::validate::FieldError;

pub fn field_label(field: FieldId, method: Method) -> Key {
    match field {
        FieldId::Amount => Key::FieldAmount,
        FieldId::PersonType => Key::FieldPersonType,
        FieldId::DocumentType => Key::FieldDocumentType,
        FieldId::Document => Key::FieldDocument,
        FieldId::Bank => spec(method).bank_label,
        FieldId::Email => Key::FieldEmail,
        FieldId::Phone => spec(method).phone_label,
        FieldId::PayerCpf => Key::FieldPayerCpf,
    }
}

/// A hint under the label, for fields where the format is not obvious.
pub fn field_hint(field: FieldId, method: Method) -> Option<Key> {
    match field {
        FieldId::Phone => spec(method).phone_hint,
        FieldId::PayerCpf => Some(Key::HintPayerCpf),
        FieldId::Document => Some(Key::HintDocument),
        _ => None,
    }
}

/// What a general link's amount field says before anything is typed: its
/// currency (`{currency}`) and the bounds it has (`{min}`, `{max}`).
pub fn amount_hint(open: &OpenAmount) -> Key {
    match (open.min, open.max) {
        (Some(_), Some(_)) => Key::AmountHintRange,
        (Some(_), None) => Key::AmountHintMin,
        (None, Some(_)) => Key::AmountHintMax,
        (None, None) => Key::AmountHintCurrency,
    }
}

/// What a screen reader hears as the bank list narrows; `{count}` in it
/// stands for the number of banks shown.
pub fn bank_match_count(count: usize) -> Key {
    match count {
        0 => Key::NoBankMatches,
        1 => Key::BankMatchOne,
        _ => Key::BankMatches,
    }
}

/// The label of a choice value (`ChoiceOption::value`).
pub fn option_label(value: &str) -> Option<Key> {
    Some(match value {
        "N" => Key::PersonNatural,
        "J" => Key::PersonJuridical,
        "CC" => Key::DocCC,
        "CE" => Key::DocCE,
        "NIT" => Key::DocNIT,
        "TI" => Key::DocTI,
        "PP" => Key::DocPP,
        "CPF" => Key::DocCPF,
        "CNPJ" => Key::DocCNPJ,
        _ => return None,
    })
}

pub fn method_name(method: Method) -> Key {
    spec(method).name
}

pub fn method_hint(method: Method) -> Key {
    spec(method).hint
}

/// The message for a field problem; `{amount}` in it stands for the bound.
pub fn problem_message(problem: FieldProblem) -> Key {
    match problem {
        FieldProblem::Field(error) => match error {
            FieldError::Required => Key::ErrRequired,
            FieldError::TooShort => Key::ErrTooShort,
            FieldError::TooLong => Key::ErrTooLong,
            FieldError::InvalidCharacters => Key::ErrInvalidCharacters,
            FieldError::WrongCheckDigit => Key::ErrWrongCheckDigit,
            FieldError::AllSameDigits => Key::ErrAllSameDigits,
            FieldError::NotAMobileNumber => Key::ErrNotMobile,
            FieldError::InvalidEmail => Key::ErrInvalidEmail,
        },
        FieldProblem::Amount(error) => match error {
            TypedAmountError::Empty => Key::ErrRequired,
            TypedAmountError::NotANumber => Key::ErrAmountNotANumber,
            TypedAmountError::TooManyDecimals => Key::ErrAmountDecimals,
            TypedAmountError::Negative => Key::ErrAmountNotPositive,
            TypedAmountError::TooLarge => Key::ErrAmountTooLarge,
        },
        FieldProblem::Bounds(error) => match error {
            BoundsError::BelowMinimum(_) => Key::ErrBelowMinimum,
            BoundsError::AboveMaximum(_) => Key::ErrAboveMaximum,
            BoundsError::NotPositive => Key::ErrAmountNotPositive,
        },
        FieldProblem::BankNotChosen => Key::ErrBankNotChosen,
        FieldProblem::UnknownBank => Key::ErrUnknownBank,
    }
}

/// The bound a problem's message names, in cents.
pub fn problem_amount(problem: FieldProblem) -> Option<i64> {
    match problem {
        FieldProblem::Bounds(BoundsError::BelowMinimum(c) | BoundsError::AboveMaximum(c)) => {
            Some(c)
        }
        _ => None,
    }
}

pub fn submit_error_message(error: &SubmitError) -> Key {
    match error {
        SubmitError::AmountRequired => Key::SubmitAmountRequired,
        SubmitError::AmountMismatch => Key::SubmitAmountMismatch,
        SubmitError::InvalidStatus => Key::SubmitInvalidStatus,
        SubmitError::NotFound => Key::SubmitNotFound,
        SubmitError::Rejected { .. } => Key::SubmitRejected,
        SubmitError::Unavailable => Key::SubmitUnavailable,
        SubmitError::Unreadable => Key::SubmitUnreadable,
        // Never shown: the page waits for that attempt instead (`Confirming::elsewhere`).
        SubmitError::InProgress(_) => Key::InProgressTitle,
    }
}

/// What the pay screen says about an earlier attempt.
pub fn pay_notice_message(notice: PayNotice) -> Key {
    match notice {
        PayNotice::PaymentNotFound => Key::NoticePaymentNotFound,
        PayNotice::EarlierAttemptEnded => Key::NoticeEarlierAttemptEnded,
    }
}

/// What to do after a payment that did not go through.
pub fn failure_body(status: &PaymentStatus, method: Option<Method>) -> Key {
    match (status, method) {
        (PaymentStatus::Expired, Some(method)) => spec(method).expired_body,
        (PaymentStatus::Refunded, _) => Key::RefundedBody,
        _ => Key::FailedBody,
    }
}

/// Title of the screen for a payment that did not go through.
pub fn failure_title(status: &PaymentStatus, method: Option<Method>) -> Key {
    let by_code = method.is_some_and(|m| spec(m).flow.pays_by_code());
    match status {
        PaymentStatus::Declined => Key::DeclinedTitle,
        PaymentStatus::Abandoned => Key::AbandonedTitle,
        PaymentStatus::Expired if by_code => Key::CodeExpiredTitle,
        PaymentStatus::Expired => Key::ApprovalExpiredTitle,
        PaymentStatus::Refunded => Key::RefundedTitle,
        _ => Key::PaymentErrorTitle,
    }
}

/// What the live region says when the checkout reaches a state; `None` for
/// states the payer caused directly (typing, choosing) where focus already tells.
pub fn announcement(state: &Checkout) -> Option<Key> {
    Some(match state {
        Checkout::Loading { .. } | Checkout::Payable(_) => return None,
        Checkout::LoadFailed {
            error: LoadError::NotFound,
            ..
        } => Key::NotFoundTitle,
        Checkout::LoadFailed {
            error: LoadError::Malformed,
            ..
        } => Key::MalformedTitle,
        Checkout::LoadFailed {
            error: LoadError::Unavailable,
            ..
        } => Key::LoadFailedTitle,
        Checkout::Paying(paying) => match &paying.phase {
            // The payer asked for the review: its heading takes focus.
            Phase::Reviewing => return None,
            Phase::Submitting { .. } => Key::PayingWait,
            Phase::Redirecting { .. } => Key::RedirectingTitle,
            Phase::AwaitingApproval { .. } => match paying.payable.method.map(|m| spec(m).flow) {
                Some(Flow::AppApproval { title, .. }) => title,
                _ => Key::PayingWait,
            },
            Phase::Withdrawing { .. } => Key::WithdrawingPush,
            Phase::ShowingCode { ended: false, .. } => Key::CodeTitle,
            Phase::ShowingCode { ended: true, .. } => Key::CodeExpiredTitle,
            Phase::Confirming(c) if c.elsewhere => Key::InProgressTitle,
            Phase::Confirming(c) if c.slow => Key::StillConfirmingTitle,
            Phase::Confirming(_) => Key::ConfirmingTitle,
            Phase::Failed { report } => {
                failure_title(&report.status, report.method.or(paying.payable.method))
            }
        },
        Checkout::Paid { .. } => Key::PaymentApprovedTitle,
        Checkout::LinkPaid(_) => Key::PaidTitle,
        Checkout::Expired(_) => Key::ExpiredTitle,
        Checkout::Cancelled(_) => Key::CancelledTitle,
        Checkout::Processing(_) => Key::ProcessingTitle,
    })
}

/// The confirming screen's title and body: a push being withdrawn, an
/// attempt started elsewhere, a slow answer, or the usual wait.
pub fn confirming_texts(state: &Checkout) -> (Key, Key) {
    match state {
        Checkout::Paying(paying) => match &paying.phase {
            Phase::Withdrawing { .. } => (Key::WithdrawingPush, Key::KeepPageOpen),
            Phase::ShowingCode { .. } => (Key::CodeExpiredTitle, Key::CodeCheckingBody),
            Phase::Confirming(c) if c.elsewhere => (Key::InProgressTitle, Key::InProgressBody),
            Phase::Confirming(c) if c.slow => (Key::StillConfirmingTitle, Key::StillConfirmingBody),
            _ => (Key::ConfirmingTitle, Key::ConfirmingBody),
        },
        _ => (Key::ConfirmingTitle, Key::ConfirmingBody),
    }
}

#[cfg(test)]
#[path = "labels_tests.rs"]
mod tests;
