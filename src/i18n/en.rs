use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        DocumentTitle => "Pay",
        Loading => "Loading the payment…",
        PaymentTo => "Payment to",
        Amount => "Amount",
        Fee => "Fee",
        Iva => "VAT (IVA)",
        Total => "Total to pay",
        ExpiresAt => "Expires",
        PaidTitle => "This payment has been made",
        PaidAt => "Paid on",
        PaidAmount => "Amount paid",
        ExpiredTitle => "This payment link has expired",
        ExpiredBody => "It can no longer be paid. Ask the merchant for a new link.",
        CancelledTitle => "This payment link was cancelled",
        CancelledBody => "The merchant cancelled it; you have not been charged.",
        NotFoundTitle => "We could not find this payment link",
        NotFoundBody => "Check the address or ask the merchant for a new link.",
        LoadFailedTitle => "We could not load the payment",
        LoadFailedBody => "Check your connection and try again. You have not been charged.",
        Retry => "Try again",
        ProcessingTitle => "We are confirming the status of this payment",
        ProcessingBody => "Do not pay again yet. Check back in a few minutes.",
        MalformedTitle => "This payment link cannot be shown",
        MalformedBody => "We received data we do not understand. You have not been charged; tell the merchant.",
        ChooseMethod => "Choose how to pay",
        Language => "Language",
    }
}
