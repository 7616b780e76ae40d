//! Demo links present from the start, one per situation the page must
//! handle, under fixed uuids that docs and tests can name.

use uuid::Uuid;

use crate::colurs::model::{
    CallbackUrls, Currency, DocumentType, FeeMode, Link, LinkStatus, Merchant, Owner, Payer,
    Payment, PaymentMethod, PaymentStatus, PersonType,
};
use crate::colurs::store::Store;
use crate::config::Config;
use crate::serving::static_files::DEMO_LOGO_PATH;
use crate::shared::money::Cents;
use crate::test_controls::clock::Timestamp;

pub const PENDING: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000001);
pub const GENERAL: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000002);
pub const ACTIVE: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000003);
pub const PAID: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000004);
pub const EXPIRED: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000005);
pub const CANCELLED: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000006);
pub const NEQUI_ONLY: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000007);
pub const USD: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000008);
pub const BRE_B: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_000000000009);

/// The pending PSE payment that keeps the `active` demo link ACTIVE; its
/// bank page is at `/sandbox/bank/mm_demo000000000003`.
pub const ACTIVE_LINK_PAYMENT: &str = "mm_demo000000000003";

/// The demo links as the startup banner lists them, in id order.
/// Each label starts with the screen the page shows for the link.
pub const DEMO_LINKS: &[(&str, Uuid)] = &[
    ("payable", PENDING),
    ("payable-typed-amount", GENERAL),
    ("payment-in-progress", ACTIVE),
    ("paid", PAID),
    ("expired", EXPIRED),
    ("cancelled", CANCELLED),
    ("payable-nequi-only", NEQUI_ONLY),
    ("payable-usd", USD),
    ("payable-bre-b", BRE_B),
];

/// What sets one demo link apart from the others.
struct DemoSpec {
    uuid: Uuid,
    currency: Currency,
    amount: Option<Cents>,
    description: &'static str,
    status: LinkStatus,
    allowed_methods: &'static [PaymentMethod],
    created_days_ago: i64,
    expires_in_days: i64,
}

pub fn seed_demo_links(store: &mut Store, config: &Config, now: Timestamp) {
    let demo = |uuid, amount: Option<i64>, description| DemoSpec {
        uuid,
        currency: Currency::Cop,
        amount: amount.map(Cents::units),
        description,
        status: LinkStatus::Pending,
        allowed_methods: PaymentMethod::DEFAULT,
        created_days_ago: 1,
        expires_in_days: 30,
    };
    let demos = [
        demo(PENDING, Some(50_000), "Plan mensual de internet"),
        demo(GENERAL, None, "Abono a tu cuenta"),
        DemoSpec {
            status: LinkStatus::Active,
            ..demo(ACTIVE, Some(120_000), "Reparación de portátil")
        },
        DemoSpec {
            status: LinkStatus::Paid,
            ..demo(PAID, Some(89_900), "Audífonos inalámbricos")
        },
        // Stored as PENDING: the store itself turns it EXPIRED on first read,
        // as it would any link whose time ran out.
        DemoSpec {
            created_days_ago: 10,
            expires_in_days: -1,
            ..demo(EXPIRED, Some(35_000), "Entrada al concierto de fin de año")
        },
        DemoSpec {
            status: LinkStatus::Cancelled,
            ..demo(CANCELLED, Some(60_000), "Pedido #1042 (anulado)")
        },
        DemoSpec {
            allowed_methods: &[PaymentMethod::Nequi],
            ..demo(NEQUI_ONLY, Some(15_000), "Recarga de datos móviles")
        },
        DemoSpec {
            currency: Currency::Usd,
            ..demo(USD, Some(25), "Licencia mensual de software")
        },
        // The seed's methods and Bre-B, paid by code (docs/api.md).
        DemoSpec {
            allowed_methods: &[
                PaymentMethod::Bancolombia,
                PaymentMethod::Pse,
                PaymentMethod::Nequi,
                PaymentMethod::BreB,
            ],
            ..demo(BRE_B, Some(42_000), "Mercado de la semana")
        },
    ];

    for spec in demos {
        let number = store.next_link_id();
        let created_at = now.minus_days(spec.created_days_ago);
        let is_general = spec.amount.is_none();
        let mut link = Link {
            id: number,
            uuid: spec.uuid,
            owner: Owner::sandbox_merchant(),
            currency: spec.currency,
            amount: spec.amount,
            is_general,
            fee_mode: FeeMode::Payer,
            fee_rate_bps: config.fee_rate_bps,
            iva_rate_bps: config.iva_rate_bps,
            min_amount: is_general.then(|| config.min_amount(spec.currency)),
            max_amount: is_general.then(|| Cents::units(5_000_000)),
            description: spec.description.into(),
            status: spec.status,
            expires_at: Some(now.plus_days(spec.expires_in_days)),
            paid_at: None,
            paid_amount: None,
            allowed_methods: spec.allowed_methods.to_vec(),
            merchant: Some(Merchant {
                name: "Tienda Aurora".into(),
                logo_url: Some(format!("{}{DEMO_LOGO_PATH}", config.public_origin)),
                brand_color: Some("#0e7c66".into()),
            }),
            callback_urls: Some(CallbackUrls {
                success: format!("https://merchant.example/checkout/{number}/success"),
                cancel: format!("https://merchant.example/checkout/{number}/cancel"),
            }),
            allowed_embed_origins: vec!["https://merchant.example".into()],
            payment_in_progress: None,
            created_at,
            updated_at: created_at,
        };
        if link.status == LinkStatus::Paid {
            let paid_at = now.minus_seconds(3 * 3600);
            link.paid_at = Some(paid_at);
            link.paid_amount = link.fixed_fees().map(|fees| fees.total_to_pay);
            link.updated_at = paid_at;
        }
        let in_progress =
            (link.status == LinkStatus::Active).then(|| pending_pse_payment(&link, now));
        store.insert_link(link);
        if let Some(payment) = in_progress {
            store.insert_payment(payment);
        }
    }
}

fn pending_pse_payment(link: &Link, now: Timestamp) -> Payment {
    let started_at = now.minus_seconds(5 * 60);
    Payment {
        money_movement_id: ACTIVE_LINK_PAYMENT.into(),
        link_uuid: link.uuid,
        method: PaymentMethod::Pse,
        total_to_pay: link
            .fixed_fees()
            .map_or(Cents::ZERO, |fees| fees.total_to_pay),
        payer: Payer {
            email: Some("payer@example.com".into()),
            phone: Some("3001234567".into()),
            document_type: Some(DocumentType::Cc),
            document: Some("1234567890".into()),
            person_type: Some(PersonType::Natural),
            bank_id: Some(1051),
        },
        status: PaymentStatus::Pending,
        created_at: started_at,
        updated_at: started_at,
        expires_at: None,
        code: None,
    }
}
