//! The PSE bank list, shaped the way PSPs serve it: a placeholder first
//! (id 0, never to be sent) and the banks in the PSP's order, not
//! alphabetical, so the page's sorting and filtering are exercised.

use serde::Serialize;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct PseBank {
    pub id: i64,
    pub name: &'static str,
}

pub const PLACEHOLDER_ID: i64 = 0;

const fn bank(id: i64, name: &'static str) -> PseBank {
    PseBank { id, name }
}

pub const PSE_BANKS: &[PseBank] = &[
    bank(PLACEHOLDER_ID, "A continuación seleccione su banco"),
    bank(1007, "BANCOLOMBIA"),
    bank(1051, "BANCO DAVIVIENDA"),
    bank(1001, "BANCO DE BOGOTA"),
    bank(1507, "NEQUI"),
    bank(1023, "BANCO DE OCCIDENTE"),
    bank(1013, "BANCO BBVA COLOMBIA S.A."),
    bank(1052, "BANCO AV VILLAS"),
    bank(1002, "BANCO POPULAR"),
    bank(1032, "BANCO CAJA SOCIAL BCSC SA"),
    bank(1019, "SCOTIABANK COLPATRIA S.A"),
    bank(1551, "DAVIPLATA"),
    bank(1062, "BANCO FALABELLA S.A."),
    bank(1040, "BANCO AGRARIO"),
];

/// A bank a payer may choose: listed, and not the placeholder.
pub fn selectable_bank(id: i64) -> Option<&'static PseBank> {
    PSE_BANKS
        .iter()
        .find(|bank| bank.id == id && bank.id != PLACEHOLDER_ID)
}
