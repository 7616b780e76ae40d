//! The institutions a payer can pay from: Colombian banks for PSE and
//! Brazilian Open Finance participants for Pix. In the provider's order,
//! not alphabetical, with a few inactive (not selectable) ones, so the page's
//! sorting, searching and filtering are exercised.

use serde::Serialize;
use uuid::Uuid;

use super::model::Country;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Institution {
    pub id: &'static str,
    pub name: &'static str,
    pub display_name: &'static str,
    pub active: bool,
    #[serde(skip)]
    pub country: Country,
}

const fn col(
    id: &'static str,
    name: &'static str,
    display_name: &'static str,
    active: bool,
) -> Institution {
    Institution {
        id,
        name,
        display_name,
        active,
        country: Country::Col,
    }
}

const fn bra(
    id: &'static str,
    name: &'static str,
    display_name: &'static str,
    active: bool,
) -> Institution {
    Institution {
        id,
        name,
        display_name,
        active,
        country: Country::Bra,
    }
}

/// Open Finance Brasil's mock bank, the institution of seed 001's example.
pub const MOCK_BANK_BR: &str = "600f1b4a-1ef9-4f89-b341-1a35f0c32cc0";
/// Bancolombia, an active PSE bank.
pub const BANCOLOMBIA_CO: &str = "86a9a175-a24f-4d1f-998c-55418c0f3dd1";
/// An inactive PSE bank (Banco Popular) and Open Finance participant (C6 Bank).
pub const INACTIVE_CO: &str = "a3fca72b-e871-47f2-8531-58c18ab37b0d";
pub const INACTIVE_BR: &str = "c0f6d04e-5c80-4c9c-a834-4a290904e8df";

pub const INSTITUTIONS: &[Institution] = &[
    col(BANCOLOMBIA_CO, "bancolombia_co_pse", "Bancolombia", true),
    col(
        "9484027a-df78-4163-b58f-a76d3811b789",
        "davivienda_co_pse",
        "Davivienda",
        true,
    ),
    col(
        "2014518a-b5cd-434b-8ae2-cb87aae5181d",
        "banco_de_bogota_co_pse",
        "Banco de Bogotá",
        true,
    ),
    col(
        "4c892fc4-5452-45bc-adf0-4e860e61465a",
        "nequi_co_pse",
        "Nequi",
        true,
    ),
    col(
        "8d3be15c-e8d8-4d32-9864-502d0bb11d91",
        "bbva_co_pse",
        "BBVA Colombia",
        true,
    ),
    col(
        "dfb0af76-848f-48c7-b7ec-b7ffab1c5350",
        "banco_de_occidente_co_pse",
        "Banco de Occidente",
        true,
    ),
    col(INACTIVE_CO, "banco_popular_co_pse", "Banco Popular", false),
    col(
        "6c103046-949a-464e-bc94-87554d9a2ca4",
        "scotiabank_colpatria_co_pse",
        "Scotiabank Colpatria",
        true,
    ),
    col(
        "67ae595d-0a0e-4205-aabb-4516611064be",
        "banco_caja_social_co_pse",
        "Banco Caja Social",
        true,
    ),
    col(
        "fa5a6836-1e41-41d1-840c-d987a3c792f7",
        "banco_av_villas_co_pse",
        "Banco AV Villas",
        true,
    ),
    col(
        "30efd1c3-3000-4146-bf2f-37df1c4eadfe",
        "daviplata_co_pse",
        "Daviplata",
        false,
    ),
    col(
        "39e1ea6d-c472-4d4a-824a-fccea9f2b8ea",
        "banco_falabella_co_pse",
        "Banco Falabella",
        true,
    ),
    bra(
        "cb4e6b79-0c2d-4a5a-b441-4fc94f239c62",
        "itau_br_retail",
        "Itaú",
        true,
    ),
    bra(
        "7b6e2a5d-826d-44a3-a606-dd3d72b9172c",
        "nubank_br_retail",
        "Nubank",
        true,
    ),
    bra(MOCK_BANK_BR, "ofmockbank_br_retail", "Mock Bank", true),
    bra(
        "5a6018b0-940e-4ea1-ae12-03e1a46ac058",
        "bradesco_br_retail",
        "Bradesco",
        true,
    ),
    bra(
        "eebc14c3-52ab-490e-9a2a-ed79907a131b",
        "banco_do_brasil_br_retail",
        "Banco do Brasil",
        true,
    ),
    bra(
        "28e173e0-7b66-4046-90af-1926d285d1f3",
        "caixa_br_retail",
        "Caixa Econômica Federal",
        true,
    ),
    bra(INACTIVE_BR, "c6bank_br_retail", "C6 Bank", false),
    bra(
        "9307313d-fbe2-4064-9194-d1cdcc09e176",
        "santander_br_retail",
        "Santander",
        true,
    ),
    bra(
        "df372f2f-4158-47a3-bfa5-5e005de451c2",
        "inter_br_retail",
        "Banco Inter",
        true,
    ),
    bra(
        "7c50c2d3-e176-44cf-9e0a-58194d1dc893",
        "btg_pactual_br_business",
        "BTG Pactual Empresas",
        true,
    ),
    bra(
        "6121c715-d299-4583-b527-ef24d0f94bf8",
        "sicoob_br_retail",
        "Sicoob",
        false,
    ),
    bra(
        "256edc03-6977-4e05-b7ed-f7d5b9932982",
        "mercadopago_br_retail",
        "Mercado Pago",
        true,
    ),
];

pub fn of_country(country: Country) -> Vec<Institution> {
    INSTITUTIONS
        .iter()
        .copied()
        .filter(|institution| institution.country == country)
        .collect()
}

pub fn find(id: Uuid) -> Option<Institution> {
    INSTITUTIONS
        .iter()
        .copied()
        .find(|institution| Uuid::try_parse(institution.id).ok() == Some(id))
}
