//! The one bank control: an editable combobox with a listbox popup (WAI-ARIA
//! 1.2, "list autocomplete"). Typing filters the list, the arrows move the
//! active option, Enter picks it, Escape closes the list. The form holds the
//! chosen bank's id; what the box shows is kept here, so a re-render or a
//! refused submit loses nothing the payer typed.

use super::banks::{fold, matching_banks};
use crate::checkout::payment::Bank;

/// What the box shows and whether its list is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BankCombobox {
    /// What the payer typed; empty shows the chosen bank's name.
    typed: String,
    pub open: bool,
    /// The highlighted option (its bank id), read by `aria-activedescendant`.
    pub active: Option<String>,
}

/// The keys the combobox handles; any other key edits the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComboKey {
    Down,
    Up,
    /// Alt+Down: opens the list without moving.
    AltDown,
    /// Alt+Up: closes the list.
    AltUp,
    Enter,
    Escape,
}

impl ComboKey {
    /// The key of a `keydown` (`KeyboardEvent.key` and whether Alt was held).
    pub fn from_key(key: &str, alt: bool) -> Option<ComboKey> {
        Some(match (key, alt) {
            ("ArrowDown", false) => ComboKey::Down,
            ("ArrowUp", false) => ComboKey::Up,
            ("ArrowDown", true) => ComboKey::AltDown,
            ("ArrowUp", true) => ComboKey::AltUp,
            ("Enter", _) => ComboKey::Enter,
            ("Escape", _) => ComboKey::Escape,
            _ => return None,
        })
    }
}

/// What a key did: whether the browser's default is cancelled (the caret
/// stays put, Enter does not submit), and the bank it picked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyOutcome {
    pub handled: bool,
    pub picked: Option<String>,
}

impl BankCombobox {
    /// The text in the box: what was typed, else the chosen bank's name.
    pub fn text(&self, banks: &[Bank], chosen: &str) -> String {
        if !self.typed.is_empty() {
            return self.typed.clone();
        }
        find(banks, chosen)
            .map(|bank| bank.name.clone())
            .unwrap_or_default()
    }

    /// The options the list shows: those matching what was typed; all of
    /// them when nothing was typed since the last pick, so a payer can change
    /// their mind without clearing the box first.
    pub fn options<'a>(&self, banks: &'a [Bank]) -> Vec<&'a Bank> {
        matching_banks(banks, &self.typed)
    }

    /// How many options a screen reader is told of: `None` while closed.
    pub fn announced_count(&self, banks: &[Bank]) -> Option<usize> {
        self.open.then(|| self.options(banks).len())
    }

    /// The payer typed `text`: the list opens filtered, nothing is active,
    /// and the form holds the bank named exactly so (ignoring case and
    /// accents), else none. Returns the bank id the form now holds.
    pub fn type_text(&mut self, text: &str, banks: &[Bank]) -> String {
        self.typed = text.to_owned();
        self.open = true;
        self.active = None;
        let wanted = fold(text);
        let mut named = banks.iter().filter(|bank| fold(&bank.name) == wanted);
        match (named.next(), named.next()) {
            (Some(bank), None) if !wanted.is_empty() => bank.id.clone(),
            _ => String::new(),
        }
    }

    /// A click on the box opens or closes the list.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.active = None;
    }

    /// Focus left the box: the list closes, the text stays.
    pub fn close(&mut self) {
        self.open = false;
        self.active = None;
    }

    /// The payer picked `bank` (Enter or a click): its name fills the box.
    /// Returns the bank id the form now holds.
    pub fn pick(&mut self, bank: &Bank) -> String {
        self.typed.clear();
        self.close();
        bank.id.clone()
    }

    /// A key pressed in the box.
    pub fn key(&mut self, key: ComboKey, banks: &[Bank], chosen: &str) -> KeyOutcome {
        let options = self.options(banks);
        let position = self
            .active
            .as_ref()
            .and_then(|id| options.iter().position(|bank| &bank.id == id));
        let handled = |picked| KeyOutcome {
            handled: true,
            picked,
        };
        match key {
            ComboKey::Down | ComboKey::Up if options.is_empty() => {
                self.open = true;
                handled(None)
            }
            ComboKey::Down | ComboKey::Up => {
                let last = options.len() - 1;
                let down = key == ComboKey::Down;
                let next = match (down, position) {
                    (true, Some(at)) if at < last => at + 1,
                    (true, Some(_)) => 0,
                    (false, Some(0)) => last,
                    (false, Some(at)) => at - 1,
                    // Opening on the chosen bank, as a native select does.
                    (_, None) => match options.iter().position(|bank| bank.id == chosen) {
                        Some(at) => at,
                        None if down => 0,
                        None => last,
                    },
                };
                self.open = true;
                self.active = Some(options[next].id.clone());
                handled(None)
            }
            ComboKey::AltDown => {
                self.open = true;
                handled(None)
            }
            ComboKey::AltUp | ComboKey::Escape if self.open => {
                self.close();
                handled(None)
            }
            ComboKey::Enter if self.open => match position {
                Some(at) => {
                    let bank = options[at];
                    handled(Some(self.pick(bank)))
                }
                // Nothing highlighted: the list closes and Enter submits the form.
                None => {
                    self.close();
                    KeyOutcome::default()
                }
            },
            ComboKey::AltUp | ComboKey::Escape | ComboKey::Enter => KeyOutcome::default(),
        }
    }
}

fn find<'a>(banks: &'a [Bank], id: &str) -> Option<&'a Bank> {
    banks.iter().find(|bank| !id.is_empty() && bank.id == id)
}

#[cfg(test)]
#[path = "bank_combobox_tests.rs"]
mod tests;
