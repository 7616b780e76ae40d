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

pub const PSE_BANKS: &[PseBank] = &[
    PseBank {
        id: PLACEHOLDER_ID,
        name: "A continuación seleccione su banco",
    },
    PseBank {
        id: 1007,
        name: "BANCOLOMBIA",
    },
    PseBank {
        id: 1051,
        name: "BANCO DAVIVIENDA",
    },
    PseBank {
        id: 1001,
        name: "BANCO DE BOGOTA",
    },
    PseBank {
        id: 1507,
        name: "NEQUI",
    },
    PseBank {
        id: 1023,
        name: "BANCO DE OCCIDENTE",
    },
    PseBank {
        id: 1013,
        name: "BANCO BBVA COLOMBIA S.A.",
    },
    PseBank {
        id: 1052,
        name: "BANCO AV VILLAS",
    },
    PseBank {
        id: 1002,
        name: "BANCO POPULAR",
    },
    PseBank {
        id: 1032,
        name: "BANCO CAJA SOCIAL BCSC SA",
    },
    PseBank {
        id: 1019,
        name: "SCOTIABANK COLPATRIA S.A",
    },
    PseBank {
        id: 1551,
        name: "DAVIPLATA",
    },
    PseBank {
        id: 1062,
        name: "BANCO FALABELLA S.A.",
    },
    PseBank {
        id: 1040,
        name: "BANCO AGRARIO",
    },
];

/// A bank a payer may choose: listed, and not the placeholder.
pub fn selectable_bank(id: i64) -> Option<&'static PseBank> {
    PSE_BANKS
        .iter()
        .find(|bank| bank.id == id && bank.id != PLACEHOLDER_ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_the_placeholder_and_is_not_alphabetical() {
        assert_eq!(PSE_BANKS[0].id, PLACEHOLDER_ID);
        let names: Vec<&str> = PSE_BANKS[1..].iter().map(|bank| bank.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_ne!(names, sorted);
    }

    #[test]
    fn the_placeholder_is_not_selectable() {
        assert!(selectable_bank(PLACEHOLDER_ID).is_none());
        assert_eq!(
            selectable_bank(1007).map(|bank| bank.name),
            Some("BANCOLOMBIA")
        );
        assert!(selectable_bank(9999).is_none());
    }
}
