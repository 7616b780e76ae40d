/// Declares the message keys and the list of all of them.
macro_rules! keys {
    ($($name:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($name),* }
        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$name),*];
        }
    };
}

keys! {
    DocumentTitle,
    Loading,
    PaymentTo,
    Amount,
    Fee,
    Iva,
    Total,
    ExpiresAt,
    PaidTitle,
    PaidAt,
    PaidAmount,
    ExpiredTitle,
    ExpiredBody,
    CancelledTitle,
    CancelledBody,
    NotFoundTitle,
    NotFoundBody,
    LoadFailedTitle,
    LoadFailedBody,
    Retry,
    ProcessingTitle,
    ProcessingBody,
    MalformedTitle,
    MalformedBody,
    ChooseMethod,
    Language,
}
