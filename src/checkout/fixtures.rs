//! Links, payments and events as tests and the gallery build them: one
//! builder each, so a test names only what it is about and changes the rest
//! with struct update syntax (`PaymentLink { status, ..colombian_link(..) }`).
//! Pure data: the page itself never calls it, so it never reaches a bundle
//! but the gallery's.

use super::fields::FieldId;
use super::link::{
    AmountRule, CallbackUrls, Customer, FeePolicy, LinkStatus, Merchant, Method, OpenAmount,
    PaymentLink,
};
use super::money::{Breakdown, Currency, FeeMode};
use super::payment::{
    Bank, NextStep, PaymentCode, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
    PersonType,
};
use super::state::{step, Checkout, Effect, Event};
use super::validate::DocumentType;

/// The provider's reference of the payment every fixture pays.
pub const REFERENCE: &str = "mm_demo000000000001";
/// The link's `expires_at`, far enough for any test run.
pub const EXPIRES_AT: &str = "2026-12-31T23:59:00Z";
pub const SUCCESS_URL: &str = "https://merchant.example/ok";
pub const CANCEL_URL: &str = "https://merchant.example/cancel";
pub const BANK_URL: &str = "https://bank.example/pse";

/// A pending Colombian link of a fixed 51,190 pesos (fee and IVA included).
pub fn colombian_link(methods: Vec<Method>) -> PaymentLink {
    PaymentLink {
        token: "00000000-0000-4000-8000-000000000001".into(),
        merchant: Merchant {
            name: "Tienda Aurora".into(),
            logo_url: None,
            brand_color: None,
        },
        description: "Plan mensual de internet".into(),
        currency: Currency::COP,
        amount: AmountRule::Fixed(Breakdown {
            amount: 5_000_000,
            fee: 100_000,
            iva: 19_000,
            total: 5_119_000,
        }),
        status: LinkStatus::Pending,
        expires_at: Some(EXPIRES_AT.into()),
        methods,
        callback_urls: Some(CallbackUrls {
            success: Some(SUCCESS_URL.into()),
            cancel: Some(CANCEL_URL.into()),
        }),
        customer: None,
        embed_origins: vec![],
        payment_in_progress: None,
    }
}

/// The demo merchant's logo as the sandbox serves it, on the page's own origin.
pub const LOGO_PATH: &str = "/sandbox/demo-logo.svg";

/// `link` with the merchant's logo.
pub fn with_logo(link: PaymentLink) -> PaymentLink {
    PaymentLink {
        merchant: Merchant {
            logo_url: Some(LOGO_PATH.into()),
            ..link.merchant
        },
        ..link
    }
}

pub fn colombian_methods() -> Vec<Method> {
    vec![Method::Bancolombia, Method::Pse, Method::Nequi]
}

/// A link paid by app approval only: it opens on that method's form.
pub fn app_approval_link() -> PaymentLink {
    colombian_link(vec![Method::Nequi])
}

/// The Colombian link with every Colombian method, in `status`.
pub fn link_with_status(status: LinkStatus) -> PaymentLink {
    PaymentLink {
        status,
        ..colombian_link(colombian_methods())
    }
}

/// A link the provider says attempt `reference` is paying right now.
pub fn link_in_progress(reference: &str) -> PaymentLink {
    PaymentLink {
        status: LinkStatus::Active,
        payment_in_progress: Some(reference.into()),
        ..colombian_link(colombian_methods())
    }
}

/// Paid in full, with when.
pub fn paid_status() -> LinkStatus {
    LinkStatus::Paid {
        paid_at: Some("2026-11-22T10:30:00Z".into()),
        paid_amount: Some(5_119_000),
    }
}

/// A link whose payer types the amount (at least 1,000 pesos), fees on top.
pub fn general_link() -> PaymentLink {
    PaymentLink {
        description: "Abono a tu cuenta".into(),
        amount: AmountRule::PayerChooses(OpenAmount {
            min: Some(100_000),
            max: Some(500_000_000),
            fees: FeePolicy {
                fee_rate_bps: 200,
                iva_rate_bps: 1900,
                mode: FeeMode::Payer,
            },
        }),
        ..colombian_link(colombian_methods())
    }
}

/// A Brazilian Pix link of a business customer the provider knows.
pub fn pix_business_link() -> PaymentLink {
    PaymentLink {
        token: "belvoPixBusiness000000000000000000000000003".into(),
        merchant: Merchant {
            name: "Loja Exemplo".into(),
            logo_url: None,
            brand_color: None,
        },
        description: "Pedido 4471".into(),
        currency: Currency::BRL,
        amount: AmountRule::Fixed(Breakdown {
            amount: 589_050,
            fee: 0,
            iva: 0,
            total: 589_050,
        }),
        customer: Some(Customer {
            name: "Loja Exemplo Ltda".into(),
            business: true,
            email: None,
            phone: None,
            document_type: Some(DocumentType::CNPJ),
            document: Some("11222333000181".into()),
        }),
        ..colombian_link(vec![Method::Pix])
    }
}

/// A PSE link of a person the provider knows (Belvo's seed customer).
pub fn belvo_pse_link() -> PaymentLink {
    PaymentLink {
        token: "belvoPseIndividual0000000000000000000000001".into(),
        description: "Awesome training Sneaker".into(),
        amount: AmountRule::Fixed(Breakdown {
            amount: 100_000,
            fee: 0,
            iva: 0,
            total: 100_000,
        }),
        customer: Some(Customer {
            name: "Carlos Vives".into(),
            business: false,
            email: Some("carlos@example.com".into()),
            phone: Some("3210987636".into()),
            document_type: Some(DocumentType::CC),
            document: Some("1018760936".into()),
        }),
        ..colombian_link(vec![Method::Pse])
    }
}

/// PSE banks, ids 1000 to 1004 ("Bancolombia" is 1001).
pub fn banks() -> Vec<Bank> {
    [
        "Banco de Bogotá",
        "Bancolombia",
        "Banco Davivienda",
        "Nequi",
        "Banco Popular",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| Bank {
        id: (1000 + i).to_string(),
        name: (*name).into(),
    })
    .collect()
}

/// What `bancolombia_form` validates to.
pub fn bancolombia_details() -> PaymentDetails {
    PaymentDetails {
        email: Some("payer@example.com".into()),
        phone: Some("3001234567".into()),
        ..PaymentDetails::new(Method::Bancolombia, DocumentType::CC, "1234567890")
    }
}

/// What `pse_form` validates to: a company paying from Bancolombia.
pub fn pse_details() -> PaymentDetails {
    PaymentDetails {
        email: Some("pagos@empresa.co".into()),
        phone: Some("3001234567".into()),
        person_type: Some(PersonType::Juridical),
        bank_id: Some("1001".into()),
        ..PaymentDetails::new(Method::Pse, DocumentType::NIT, "9001234568")
    }
}

/// What `nequi_form` validates to: the sandbox's number that approves.
pub fn nequi_details() -> PaymentDetails {
    PaymentDetails {
        phone: Some("3991111111".into()),
        ..PaymentDetails::new(Method::Nequi, DocumentType::CC, "1234567890")
    }
}

/// A business's Pix from an Open Finance institution, with the CPF of the person paying.
pub fn pix_details() -> PaymentDetails {
    PaymentDetails {
        bank_id: Some("600f1b4a-1ef9-4f89-b341-1a35f0c32cc0".into()),
        payer_cpf: Some("39053344705".into()),
        ..PaymentDetails::new(Method::Pix, DocumentType::CNPJ, "11222333000181")
    }
}

/// Open Finance institutions, as Belvo lists them ("Mock Bank" is `pix_details`'s).
pub fn institutions() -> Vec<Bank> {
    [
        ("7b6e2a5d-826d-44a3-a606-dd3d72b9172c", "Nubank"),
        ("600f1b4a-1ef9-4f89-b341-1a35f0c32cc0", "Mock Bank"),
    ]
    .iter()
    .map(|(id, name)| Bank {
        id: (*id).into(),
        name: (*name).into(),
    })
    .collect()
}

/// What the business of `pix_business_link` still answers: the CPF of the
/// person paying and the institution; it validates to `pix_details`, as a business.
pub fn pix_form() -> Vec<Event> {
    vec![
        typed(FieldId::PayerCpf, "390.533.447-05"),
        typed(FieldId::Bank, "600f1b4a-1ef9-4f89-b341-1a35f0c32cc0"),
    ]
}

/// `pix_business_link` loaded, its institutions listed, then `events`.
pub fn reach_pix(events: Vec<Event>) -> Checkout {
    let loaded = step(loading(), Event::LinkLoaded(Ok(pix_business_link()))).0;
    let listed = step(loaded, Event::BanksLoaded(Ok(institutions()))).0;
    run(listed, events).0
}

pub fn typed(field: FieldId, value: &str) -> Event {
    Event::FieldChanged(field, value.into())
}

pub fn submit(fresh_key: &str) -> Event {
    Event::Submit {
        fresh_key: fresh_key.into(),
    }
}

pub fn bancolombia_form() -> Vec<Event> {
    vec![
        Event::MethodChosen(Method::Bancolombia),
        typed(FieldId::Email, "payer@example.com"),
        typed(FieldId::Phone, "300 123 4567"),
        typed(FieldId::DocumentType, "CC"),
        typed(FieldId::Document, "1234567890"),
    ]
}

pub fn pse_form() -> Vec<Event> {
    vec![
        Event::MethodChosen(Method::Pse),
        typed(FieldId::PersonType, "J"),
        typed(FieldId::Document, "900.123.456-8"),
        typed(FieldId::Bank, "1001"),
        typed(FieldId::Email, "pagos@empresa.co"),
        typed(FieldId::Phone, "300 123 4567"),
    ]
}

pub fn nequi_form() -> Vec<Event> {
    vec![
        Event::MethodChosen(Method::Nequi),
        typed(FieldId::Phone, "399 111 1111"),
        typed(FieldId::DocumentType, "CC"),
        typed(FieldId::Document, "1234567890"),
    ]
}

/// `form`, then Pay.
pub fn submitted(form: Vec<Event>) -> Vec<Event> {
    [form, vec![submit("k1")]].concat()
}

/// The bank's page the pay answer sends the payer to.
pub fn redirected() -> Event {
    Event::PayAnswered(Ok(PaymentStarted {
        reference: REFERENCE.into(),
        next: NextStep::Redirect(BANK_URL.into()),
    }))
}

/// A push to the payer's app, to approve within two minutes.
pub fn pushed_to_app() -> Event {
    Event::PayAnswered(Ok(PaymentStarted {
        reference: REFERENCE.into(),
        next: NextStep::AwaitApproval {
            timeout_seconds: 120,
        },
    }))
}

/// Until when the fixtures' codes can be paid: far enough for any test run.
pub const CODE_EXPIRES_AT: &str = "2026-12-31T23:50:00Z";

/// A Bre-B code of the Colombian link, with its key and receiving entity,
/// as the sandbox writes it (docs/api.md).
pub fn breb_code() -> PaymentCode {
    PaymentCode {
        payload: "00020101021226360015CO.EXAMPLE.BREB0113@tiendaaurora520400005303170540851190.005802CO5913Tienda Aurora6006BOGOTA62230519mm_demo00000000000180280014CO.EXAMPLE.IVA0106190.00630415B8".into(),
        expires_at: CODE_EXPIRES_AT.into(),
        key: Some("@tiendaaurora".into()),
        receiving_entity: Some("Colurs".into()),
        clock_offset_ms: 0,
    }
}

/// A Pix QR code ("copia e cola"): the Banco Central do Brasil manual's example.
pub fn pix_qr_code() -> PaymentCode {
    PaymentCode {
        payload: "00020101021226580014br.gov.bcb.pix0136a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc52040000530398654071234.125802BR5918Loja Super Sapatos6009SAO PAULO622905256a17348298b748e196dcc10136304CAE8".into(),
        expires_at: CODE_EXPIRES_AT.into(),
        key: None,
        receiving_entity: None,
        clock_offset_ms: 0,
    }
}

/// The provider's answer with a code to pay.
pub fn code_shown(code: PaymentCode) -> Event {
    Event::PayAnswered(Ok(PaymentStarted {
        reference: REFERENCE.into(),
        next: NextStep::ShowCode(code),
    }))
}

/// Bre-B chosen on a link that offers it, and a code asked for.
pub fn breb_form() -> Vec<Event> {
    vec![Event::MethodChosen(Method::BreB), submit("k1")]
}

/// A pending Brazilian Pix link offering Open Finance and Pix QR.
pub fn pix_qr_link() -> PaymentLink {
    PaymentLink {
        customer: None,
        methods: vec![Method::Pix, Method::PixQr],
        ..pix_business_link()
    }
}

pub fn report(status: PaymentStatus) -> PaymentReport {
    PaymentReport {
        reference: REFERENCE.into(),
        method: Some(Method::Pse),
        status,
        total: Some(5_119_000),
        updated_at: Some("2026-11-22T10:30:00Z".into()),
        expires_at: None,
        code: None,
    }
}

/// The provider's answer about the fixtures' payment to its first poll
/// (`run` and `answer` make it the newest poll's).
pub fn polled(status: PaymentStatus) -> Event {
    Event::PaymentPolled {
        reference: REFERENCE.into(),
        poll: 1,
        result: Ok(report(status)),
    }
}

/// The provider's answer about `reference`, another attempt.
pub fn polled_other(reference: &str, status: PaymentStatus) -> Event {
    Event::PaymentPolled {
        reference: reference.into(),
        poll: 1,
        result: Ok(PaymentReport {
            reference: reference.into(),
            ..report(status)
        }),
    }
}

/// `event`, a poll's answer, as the answer to the newest poll `state` asked.
pub fn to_newest_poll(state: &Checkout, event: Event) -> Event {
    match (event, state.payable()) {
        (
            Event::PaymentPolled {
                reference, result, ..
            },
            Some(payable),
        ) => Event::PaymentPolled {
            reference,
            poll: payable.last_poll,
            result,
        },
        (event, _) => event,
    }
}

/// `state` after `event`, a poll's answer taken as the newest poll's.
pub fn answer(state: Checkout, event: Event) -> (Checkout, Vec<Effect>) {
    let event = to_newest_poll(&state, event);
    step(state, event)
}

/// The provider's answer to withdrawing the fixtures' push.
pub fn withdrawn(status: PaymentStatus) -> Event {
    Event::PushWithdrawn {
        reference: REFERENCE.into(),
        result: Ok(report(status)),
    }
}

pub fn loading() -> Checkout {
    Checkout::Loading {
        resume: None,
        attempt: 0,
    }
}

/// Loading again after the bank sent the payer back with the payment's reference.
pub fn returning() -> Checkout {
    Checkout::Loading {
        resume: Some(REFERENCE.into()),
        attempt: 0,
    }
}

/// Applies events in order, each poll's answer the newest poll's: the final
/// state and the last step's effects.
pub fn run(state: Checkout, events: Vec<Event>) -> (Checkout, Vec<Effect>) {
    events
        .into_iter()
        .fold((state, vec![]), |(state, _), event| answer(state, event))
}

/// `link` loaded, its banks listed, then `events` (effects are not run).
pub fn reach(link: PaymentLink, events: Vec<Event>) -> Checkout {
    let loaded = step(loading(), Event::LinkLoaded(Ok(link))).0;
    let with_banks = step(loaded, Event::BanksLoaded(Ok(banks()))).0;
    run(with_banks, events).0
}

/// Back from the bank on the Colombian link, then `events`.
pub fn returned(events: Vec<Event>) -> Checkout {
    let link = colombian_link(colombian_methods());
    let confirming = step(returning(), Event::LinkLoaded(Ok(link))).0;
    run(confirming, events).0
}
