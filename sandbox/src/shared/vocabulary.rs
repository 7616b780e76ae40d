//! Closed vocabularies spelled on the wire exactly as the provider spells
//! them (`"COP"`, `"open_finance"`): an enum, its wire text both ways, and
//! every value in order.

/// Declares a closed vocabulary whose wire spelling is both written
/// (`Serialize`) and read back (`parse`).
macro_rules! wire_vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }
        }
    };
}

pub(crate) use wire_vocabulary;
