//! Belvo demo customers and payment links present from the start, under
//! fixed access tokens that docs and tests can name.

use uuid::Uuid;

use super::model::{
    Amount, CallbackUrls, Country, Customer, CustomerType, IdentifierType, Merchant, Method,
    PaymentLink,
};
use super::requests::parse_expires_in;
use super::store::BelvoStore;
use super::SANDBOX_USER;
use crate::shared::money::Cents;
use crate::test_controls::clock::Timestamp;

/// PSE, 1000 COP, the individual customer of seed 000.
pub const PSE: &str = "belvoPseIndividual0000000000000000000000001";
/// Pix via Open Finance, "1234.12" BRL, an individual (CPF 390.533.447-05).
pub const PIX_INDIVIDUAL: &str = "belvoPixIndividual0000000000000000000000002";
/// Pix for a business (CNPJ 11.222.333/0001-81): the payer sends a CPF.
pub const PIX_BUSINESS: &str = "belvoPixBusiness000000000000000000000000003";
/// Pix for a business with an alphanumeric CNPJ (12.ABC.345/01DE-35).
pub const PIX_BUSINESS_ALNUM: &str = "belvoPixBusinessAlnum0000000000000000000004";
/// Pix, `expires_at` a day in the past.
pub const PIX_EXPIRED: &str = "belvoPixExpired0000000000000000000000000005";
/// Pix via Open Finance or by a Pix QR code ("copia e cola"), an individual.
pub const PIX_QR: &str = "belvoPixQrIndividual00000000000000000000006";

/// The demo links as the startup banner lists them.
/// Each label starts with the screen the page shows for the link.
pub const DEMO_LINKS: &[(&str, &str)] = &[
    ("payable-pse", PSE),
    ("payable-pix", PIX_INDIVIDUAL),
    ("payable-pix-business", PIX_BUSINESS),
    ("payable-pix-business-alnum", PIX_BUSINESS_ALNUM),
    ("expired-pix", PIX_EXPIRED),
    ("payable-pix-qr", PIX_QR),
];

/// The customer whose id seed 000's payment link example names.
pub const CARLOS_VIVES: Uuid = Uuid::from_u128(0x06dc2f14_1217_4480_9b36_550a944a39d1);
/// The customer whose id seed 001's payment intent example names.
pub const ANA_SOUZA: Uuid = Uuid::from_u128(0x4714c93c_0132_4da4_b8fe_659515e1b1b6);
pub const PADARIA: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_0000000be003);
pub const OFICINA: Uuid = Uuid::from_u128(0x00000000_0000_4000_8000_0000000be004);

/// The beneficiary account of the seeds' examples.
pub const BENEFICIARY_ACCOUNT: Uuid = Uuid::from_u128(0xa80d5a9d_20ae_479a_8dd7_ff3443bcbbfc);

struct CustomerSpec {
    id: Uuid,
    customer_type: CustomerType,
    country: Country,
    name: &'static str,
    email: &'static str,
    identifier_type: IdentifierType,
    identifier: &'static str,
    address: &'static str,
    phone: &'static str,
}

const CUSTOMERS: &[CustomerSpec] = &[
    CustomerSpec {
        id: CARLOS_VIVES,
        customer_type: CustomerType::Individual,
        country: Country::Col,
        name: "Carlos Vives",
        email: "carlos@example.com",
        identifier_type: IdentifierType::Cc,
        identifier: "1018760936",
        address: "Calle Carlos Vives 432, 80300 Bogota",
        phone: "3210987636",
    },
    CustomerSpec {
        id: ANA_SOUZA,
        customer_type: CustomerType::Individual,
        country: Country::Bra,
        name: "Ana Beatriz Souza",
        email: "ana.souza@example.com",
        identifier_type: IdentifierType::Cpf,
        identifier: "39053344705",
        address: "Rua das Flores 123, 01310-100 São Paulo SP",
        phone: "+5511987654321",
    },
    CustomerSpec {
        id: PADARIA,
        customer_type: CustomerType::Business,
        country: Country::Bra,
        name: "Padaria Pão Quente Ltda",
        email: "financeiro@paoquente.example",
        identifier_type: IdentifierType::Cnpj,
        identifier: "11222333000181",
        address: "Avenida Brasil 1500, 20040-002 Rio de Janeiro RJ",
        phone: "+5521933334444",
    },
    CustomerSpec {
        id: OFICINA,
        customer_type: CustomerType::Business,
        country: Country::Bra,
        name: "Oficina Digital Ltda",
        email: "contas@oficinadigital.example",
        identifier_type: IdentifierType::Cnpj,
        identifier: "12ABC34501DE35",
        address: "Rua XV de Novembro 80, 80020-310 Curitiba PR",
        phone: "+5541955556666",
    },
];

struct LinkSpec {
    number: u128,
    access_token: &'static str,
    method: Method,
    amount: Amount,
    description: &'static str,
    customer: Uuid,
    /// Name and brand colour.
    merchant: (&'static str, &'static str),
    created_days_ago: i64,
    expires_in: &'static str,
    /// Also payable by a Pix QR code (an extension: docs/api.md).
    pix_qr: bool,
}

pub fn seed_demo_links(store: &mut BelvoStore, now: Timestamp) {
    for spec in CUSTOMERS {
        store.insert_customer(Customer {
            id: spec.id,
            created_at: now.minus_days(30),
            created_by: SANDBOX_USER,
            customer_type: spec.customer_type,
            country: spec.country,
            name: spec.name.into(),
            email: spec.email.into(),
            identifier_type: spec.identifier_type,
            identifier: spec.identifier.into(),
            address: Some(spec.address.into()),
            phone: Some(spec.phone.into()),
        });
    }

    let reais = |cents| Amount::Reais(Cents::from_cents(cents));
    let pix = |number, access_token, amount, description, customer, merchant| LinkSpec {
        number,
        access_token,
        method: Method::OpenFinance,
        amount,
        description,
        customer,
        merchant,
        created_days_ago: 1,
        expires_in: "30d",
        pix_qr: false,
    };
    let links = [
        LinkSpec {
            number: 1,
            access_token: PSE,
            method: Method::Pse,
            amount: Amount::WholePesos(1_000),
            description: "Awesome training Sneaker",
            customer: CARLOS_VIVES,
            merchant: ("Acme Corp", "#1f4e8c"),
            created_days_ago: 1,
            expires_in: "7d",
            pix_qr: false,
        },
        pix(
            2,
            PIX_INDIVIDUAL,
            reais(123_412),
            "Tênis marrom B23A",
            ANA_SOUZA,
            ("Loja Super Sapatos", "#8a4b2a"),
        ),
        pix(
            3,
            PIX_BUSINESS,
            reais(589_050),
            "Forno industrial, 1ª parcela",
            PADARIA,
            ("Equipamentos Nordeste", "#0b6e4f"),
        ),
        pix(
            4,
            PIX_BUSINESS_ALNUM,
            reais(24_990),
            "Assinatura anual de software",
            OFICINA,
            ("Nuvem Clara Software", "#3d5afe"),
        ),
        // Created eight days ago for seven: expired a day ago.
        LinkSpec {
            created_days_ago: 8,
            expires_in: "7d",
            ..pix(
                5,
                PIX_EXPIRED,
                reais(9_990),
                "Ingresso para o show de sábado",
                ANA_SOUZA,
                ("Bilheteria Aurora", "#b0306a"),
            )
        },
        LinkSpec {
            pix_qr: true,
            ..pix(
                6,
                PIX_QR,
                reais(4_590),
                "Café especial, 250 g",
                ANA_SOUZA,
                ("Torrefação Serra Azul", "#5b3a29"),
            )
        },
    ];

    for spec in links {
        let created_at = now.minus_days(spec.created_days_ago);
        let lifetime = parse_expires_in(spec.expires_in).expect("a valid demo lifetime");
        store.insert_link(PaymentLink {
            id: Uuid::from_u128(0x00000000_0000_4000_8000_0000000b0000 + spec.number),
            access_token: spec.access_token.into(),
            created_at,
            created_by: SANDBOX_USER,
            updated_at: created_at,
            payment_intent: Uuid::from_u128(0x00000000_0000_4000_8000_0000000c0000 + spec.number),
            callback_urls: CallbackUrls {
                cancel: format!(
                    "https://merchant.example/belvo/checkout/{}/cancel",
                    spec.number
                ),
                success: format!(
                    "https://merchant.example/belvo/checkout/{}/success",
                    spec.number
                ),
            },
            expires_in: spec.expires_in.into(),
            expires_at: created_at.plus_seconds(lifetime),
            amount: spec.amount,
            description: spec.description.into(),
            method: spec.method,
            pix_qr: spec.pix_qr,
            beneficiary_bank_account: BENEFICIARY_ACCOUNT,
            provider: (spec.method == Method::Pse).then(|| "payments_way".to_owned()),
            customer: spec.customer,
            merchant: Some(Merchant {
                name: spec.merchant.0.into(),
                logo_url: None,
                brand_color: Some(spec.merchant.1.into()),
            }),
            allowed_embed_origins: vec!["https://merchant.example".into()],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::belvo::identifiers;
    use crate::belvo::tokens::is_token_text;

    #[test]
    fn demo_tokens_look_like_access_tokens() {
        for (label, token) in DEMO_LINKS {
            assert_eq!(token.len(), 43, "{label}");
            assert!(is_token_text(token), "{label}");
        }
    }

    #[test]
    fn demo_identifiers_are_valid() {
        for spec in CUSTOMERS {
            let valid = identifiers::is_valid(spec.identifier_type, spec.identifier);
            assert!(valid, "{}", spec.name);
        }
    }
}
