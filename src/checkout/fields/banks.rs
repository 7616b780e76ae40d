//! The bank or institution list as payers see it: sorted, without the
//! provider's placeholder entry, searchable by name.

use crate::checkout::payment::Bank;

/// The PSE lists' "choose your bank" entry: never a bank.
pub(super) const PLACEHOLDER_BANK_ID: &str = "0";

/// The bank list as payers see it: without the placeholder, alphabetical
/// regardless of case and accents (names ties broken by id, so the order is
/// stable).
pub fn sort_banks(list: Vec<Bank>) -> Vec<Bank> {
    let mut banks: Vec<Bank> = list
        .into_iter()
        .filter(|bank| bank.id != PLACEHOLDER_BANK_ID)
        .collect();
    banks.sort_by_cached_key(|bank| (fold(&bank.name), bank.id.clone()));
    banks
}

/// The banks whose name holds what the payer typed, ignoring case and
/// accents; all of them for an empty search.
pub fn matching_banks<'a>(banks: &'a [Bank], search: &str) -> Vec<&'a Bank> {
    let wanted = fold(search);
    banks
        .iter()
        .filter(|bank| wanted.is_empty() || fold(&bank.name).contains(&wanted))
        .collect()
}

/// Lowercase without the accents of Spanish and Portuguese names.
/// Hand-written because full Unicode collation (ICU or `Intl.Collator` data)
/// would weigh more than the page, and bank names only need these letters.
pub(super) fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'ê' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

#[cfg(test)]
#[path = "banks_tests.rs"]
mod tests;
