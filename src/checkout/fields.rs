//! The payer's form for each payment method, as data: which fields, in which
//! order, with which keyboard and autofill hints. One generic form component
//! renders any method from this, and `validate_form` turns what the payer
//! typed into the details a payment request carries.
//!
//! No display text lives here: labels and messages come from i18n, keyed by
//! `FieldId::name`, `ChoiceOption::value` and `FieldProblem`.

use super::link::{AmountRule, Method, OpenAmount};
use super::money::{
    check_bounds, parse_typed_amount, BoundsError, Currency, TypedAmountError, TypedAmountFormat,
};
use super::payment::{Bank, PaymentDetails, PersonType};
use super::validate::{self, DocumentType, FieldError};

/// A field a payment method may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldId {
    Amount,
    PersonType,
    DocumentType,
    Document,
    Bank,
    Email,
    Phone,
    /// The CPF of the person paying for a business (Pix).
    PayerCpf,
}

impl FieldId {
    pub const ALL: [FieldId; 8] = [
        FieldId::Amount,
        FieldId::PersonType,
        FieldId::DocumentType,
        FieldId::Document,
        FieldId::Bank,
        FieldId::Email,
        FieldId::Phone,
        FieldId::PayerCpf,
    ];

    /// The HTML `name` attribute, also the key of the field's labels.
    pub fn name(self) -> &'static str {
        match self {
            FieldId::Amount => "amount",
            FieldId::PersonType => "person_type",
            FieldId::DocumentType => "document_type",
            FieldId::Document => "document",
            FieldId::Bank => "bank",
            FieldId::Email => "email",
            FieldId::Phone => "phone",
            FieldId::PayerCpf => "payer_cpf",
        }
    }

    /// Position in `FieldId::ALL`, used to store one text per field.
    fn index(self) -> usize {
        self as usize
    }
}

/// How a field is entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// An `<input>`: `input_type` and `inputmode` pick the phone keyboard,
    /// `autocomplete` lets the browser fill in what it knows.
    Text {
        input_type: &'static str,
        inputmode: &'static str,
        autocomplete: &'static str,
        max_length: u32,
    },
    /// A choice among fixed values.
    Choice { options: Vec<ChoiceOption> },
    /// The PSE bank list, fetched at run time (see `sort_banks`).
    BankList,
}

/// One choice: a stable value sent with the form; its label comes from i18n.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    pub value: &'static str,
}

/// One field of a method's form, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub id: FieldId,
    pub control: Control,
    pub required: bool,
    /// A value known before the payer types (a known customer's data).
    pub prefill: Option<String>,
    /// The prefilled value may not be changed.
    pub read_only: bool,
}

/// What is already known about the payer (e.g. a provider's registered
/// customer). Apply it to the form with `FormValues::apply_prefill` and give
/// it to `schema` so the known fields show as prefilled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub document_type: Option<DocumentType>,
    pub document: Option<String>,
    /// The provider holds these values: the payer may not change them.
    pub read_only: bool,
}

/// What the payer typed, raw, one text per field. It is kept for every field
/// whatever the method, so switching methods or languages loses nothing;
/// only the fields of the chosen method are checked and sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormValues {
    texts: [String; FieldId::ALL.len()],
}

impl FormValues {
    pub fn get(&self, id: FieldId) -> &str {
        &self.texts[id.index()]
    }

    /// Stores a field's text. A change of person type also replaces a
    /// document type that person type may not use by the first one it may,
    /// so a juridical person always ends up with a NIT.
    pub fn set(&mut self, id: FieldId, value: impl Into<String>) {
        let previous_person_type = self.person_type();
        self.texts[id.index()] = value.into();
        if id == FieldId::PersonType && self.person_type() != previous_person_type {
            self.keep_document_type_allowed();
        }
    }

    /// Writes the known values into the form, where validation reads them.
    pub fn apply_prefill(&mut self, prefill: &Prefill) {
        if let Some(kind) = prefill.document_type {
            // The person type follows from the document, so PSE accepts it.
            self.set(FieldId::PersonType, person_type_for(kind).form_value());
            self.set(FieldId::DocumentType, kind.code());
        }
        let known_texts = [
            (FieldId::Email, &prefill.email),
            (FieldId::Phone, &prefill.phone),
            (FieldId::Document, &prefill.document),
        ];
        for (id, value) in known_texts {
            if let Some(value) = value {
                self.set(id, value.as_str());
            }
        }
    }

    fn person_type(&self) -> Option<PersonType> {
        person_type_from_wire(self.get(FieldId::PersonType))
    }

    fn document_type(&self) -> Option<DocumentType> {
        DocumentType::from_code(self.get(FieldId::DocumentType))
    }

    fn keep_document_type_allowed(&mut self) {
        let Some(person_type) = self.person_type() else {
            return;
        };
        let allowed = pse_document_types(person_type);
        if !self
            .document_type()
            .is_some_and(|kind| allowed.contains(&kind))
        {
            self.texts[FieldId::DocumentType.index()] = allowed[0].code().to_owned();
        }
    }
}

fn person_type_from_wire(code: &str) -> Option<PersonType> {
    [PersonType::Natural, PersonType::Juridical]
        .into_iter()
        .find(|person_type| person_type.form_value() == code)
}

/// Juridical persons identify with a NIT; everyone else is a natural person.
fn person_type_for(kind: DocumentType) -> PersonType {
    if matches!(kind, DocumentType::NIT | DocumentType::CNPJ) {
        PersonType::Juridical
    } else {
        PersonType::Natural
    }
}

const PSE_NATURAL_DOCUMENTS: [DocumentType; 4] = [
    DocumentType::CC,
    DocumentType::CE,
    DocumentType::TI,
    DocumentType::PP,
];
const PSE_JURIDICAL_DOCUMENTS: [DocumentType; 1] = [DocumentType::NIT];
/// The document types of seed 003.
const SEED_DOCUMENTS: [DocumentType; 3] = [DocumentType::CC, DocumentType::CE, DocumentType::NIT];

fn pse_document_types(person_type: PersonType) -> &'static [DocumentType] {
    match person_type {
        PersonType::Natural => &PSE_NATURAL_DOCUMENTS,
        PersonType::Juridical => &PSE_JURIDICAL_DOCUMENTS,
    }
}

/// The document types a method accepts, in display order. For PSE they
/// depend on the person type; before one is chosen, a natural person's.
pub fn allowed_document_types(
    method: Method,
    person_type: Option<PersonType>,
) -> &'static [DocumentType] {
    match method {
        Method::Pse => pse_document_types(person_type.unwrap_or(PersonType::Natural)),
        Method::Bancolombia | Method::Nequi => &SEED_DOCUMENTS,
        Method::Pix => match person_type {
            Some(PersonType::Juridical) => &[DocumentType::CNPJ],
            _ => &[DocumentType::CPF],
        },
    }
}

/// The fields a method asks for, in display order; the amount first when the
/// payer chooses it.
fn field_ids(method: Method, amount_rule: &AmountRule, form: &FormValues) -> Vec<FieldId> {
    use FieldId::*;
    let business = form.person_type() == Some(super::payment::PersonType::Juridical);
    let method_fields: &[FieldId] = match method {
        Method::Pse => &[PersonType, DocumentType, Document, Bank, Email, Phone],
        Method::Bancolombia => &[Email, Phone, DocumentType, Document],
        Method::Nequi => &[Phone, DocumentType, Document],
        // A business pays through a person, whose CPF the bank needs (seed 001).
        Method::Pix if business => &[PersonType, DocumentType, Document, PayerCpf, Bank],
        Method::Pix => &[PersonType, DocumentType, Document, Bank],
    };
    let amount: &[FieldId] = match amount_rule {
        AmountRule::PayerChooses(_) => &[Amount],
        AmountRule::Fixed(_) => &[],
    };
    [amount, method_fields].concat()
}

/// The form of a method, in display order. `form` decides the document type
/// choices (PSE's depend on the person type) and the document keyboard.
pub fn schema(
    method: Method,
    amount_rule: &AmountRule,
    currency: Currency,
    form: &FormValues,
    prefill: &Prefill,
) -> Vec<FieldSpec> {
    field_ids(method, amount_rule, form)
        .into_iter()
        .map(|id| {
            let prefill_value = prefilled_text(id, prefill);
            FieldSpec {
                id,
                control: control(id, method, currency, form),
                required: true,
                read_only: prefill.read_only && prefill_value.is_some(),
                prefill: prefill_value,
            }
        })
        .collect()
}

fn prefilled_text(id: FieldId, prefill: &Prefill) -> Option<String> {
    match id {
        FieldId::Email => prefill.email.clone(),
        FieldId::Phone => prefill.phone.clone(),
        FieldId::Document => prefill.document.clone(),
        FieldId::DocumentType => prefill.document_type.map(|kind| kind.code().to_owned()),
        // A fixed document type fixes the person type too.
        FieldId::PersonType => prefill
            .document_type
            .map(|kind| person_type_for(kind).form_value().to_owned()),
        FieldId::Amount | FieldId::Bank | FieldId::PayerCpf => None,
    }
}

/// The validators refuse anything longer, and a lower `maxlength` would cut
/// pasted text silently instead of saying what is wrong.
const TEXT_MAX_CHARS: u32 = 64;
const EMAIL_MAX_CHARS: u32 = 254;
/// Room for the largest amount in cents with grouping and a symbol.
const AMOUNT_MAX_CHARS: u32 = 32;

fn control(id: FieldId, method: Method, currency: Currency, form: &FormValues) -> Control {
    match id {
        FieldId::Amount => text_input(
            "text",
            amount_inputmode(currency),
            "transaction-amount",
            AMOUNT_MAX_CHARS,
        ),
        FieldId::PersonType => choice(
            [PersonType::Natural, PersonType::Juridical]
                .into_iter()
                .map(PersonType::form_value),
        ),
        FieldId::DocumentType => choice(
            allowed_document_types(method, form.person_type())
                .iter()
                .map(|kind| kind.code()),
        ),
        FieldId::Document => text_input(
            "text",
            document_inputmode(form.document_type()),
            "off",
            TEXT_MAX_CHARS,
        ),
        FieldId::Bank => Control::BankList,
        FieldId::Email => text_input("email", "email", "email", EMAIL_MAX_CHARS),
        FieldId::Phone => text_input("tel", "tel", "tel-national", TEXT_MAX_CHARS),
        FieldId::PayerCpf => text_input("text", "numeric", "off", TEXT_MAX_CHARS),
    }
}

fn text_input(
    input_type: &'static str,
    inputmode: &'static str,
    autocomplete: &'static str,
    max_length: u32,
) -> Control {
    Control::Text {
        input_type,
        inputmode,
        autocomplete,
        max_length,
    }
}

fn choice(values: impl Iterator<Item = &'static str>) -> Control {
    Control::Choice {
        options: values.map(|value| ChoiceOption { value }).collect(),
    }
}

/// Without decimals (pesos) a digits-only keyboard is enough.
fn amount_inputmode(currency: Currency) -> &'static str {
    if typed_amount_format(currency).max_fraction_digits == 0 {
        "numeric"
    } else {
        "decimal"
    }
}

/// Digits-only documents get the digits keyboard; anything that may hold
/// letters (or an unknown type) gets the full one, so nothing is untypable.
fn document_inputmode(kind: Option<DocumentType>) -> &'static str {
    match kind {
        Some(DocumentType::CC | DocumentType::TI | DocumentType::NIT | DocumentType::CPF) => {
            "numeric"
        }
        Some(DocumentType::CE | DocumentType::PP | DocumentType::CNPJ) | None => "text",
    }
}

/// How payers of each currency write amounts.
pub fn typed_amount_format(currency: Currency) -> TypedAmountFormat {
    match currency {
        Currency::COP => TypedAmountFormat::ES_CO_COP,
        Currency::BRL => TypedAmountFormat::PT_BR_BRL,
        Currency::USD => TypedAmountFormat::EN_US_USD,
    }
}

/// Why a field is refused; each maps to its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Field(FieldError),
    Amount(TypedAmountError),
    Bounds(BoundsError),
    BankNotChosen,
    /// A bank id that is not in the list (a stale or tampered form).
    UnknownBank,
}

/// Checks one field, e.g. when the payer leaves it. Fields the method does
/// not ask for always pass: they are never checked nor sent.
pub fn validate_field(
    id: FieldId,
    method: Method,
    amount_rule: &AmountRule,
    currency: Currency,
    form: &FormValues,
    banks: &[Bank],
) -> Result<(), FieldProblem> {
    if !field_ids(method, amount_rule, form).contains(&id) {
        return Ok(());
    }
    match id {
        FieldId::Amount => match amount_rule {
            AmountRule::PayerChooses(open) => read_amount(open, currency, form).map(drop),
            AmountRule::Fixed(_) => Ok(()),
        },
        FieldId::PersonType => read_person_type(form).map(drop),
        FieldId::DocumentType => read_document_type(method, form).map(drop),
        FieldId::Document => match read_document_type(method, form) {
            Ok(kind) => read_document(kind, form).map(drop),
            // The number cannot be checked without its type; the type field says why.
            Err(_) => require_text(form.get(FieldId::Document)),
        },
        FieldId::Bank => read_bank(form, banks).map(drop),
        FieldId::Email => read_email(form).map(drop),
        FieldId::Phone => read_phone(method, form).map(drop),
        FieldId::PayerCpf => read_payer_cpf(form).map(drop),
    }
}

/// Checks the whole form: the details to send, or every problem in display
/// order so the page can focus the first.
pub fn validate_form(
    method: Method,
    amount_rule: &AmountRule,
    currency: Currency,
    form: &FormValues,
    banks: &[Bank],
) -> Result<PaymentDetails, Vec<(FieldId, FieldProblem)>> {
    let problems: Vec<(FieldId, FieldProblem)> = field_ids(method, amount_rule, form)
        .into_iter()
        .filter_map(|id| {
            validate_field(id, method, amount_rule, currency, form, banks)
                .err()
                .map(|problem| (id, problem))
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    payment_details(method, amount_rule, currency, form, banks).map_err(|problem| vec![problem])
}

/// The normalized values of the fields the method asks for.
fn payment_details(
    method: Method,
    amount_rule: &AmountRule,
    currency: Currency,
    form: &FormValues,
    banks: &[Bank],
) -> Result<PaymentDetails, (FieldId, FieldProblem)> {
    let asked = field_ids(method, amount_rule, form);
    let read = |id| ReadIfAsked { asked: &asked, id };
    let document_type = read_document_type(method, form).map_err(at(FieldId::DocumentType))?;
    Ok(PaymentDetails {
        method,
        amount: match amount_rule {
            AmountRule::PayerChooses(open) => {
                Some(read_amount(open, currency, form).map_err(at(FieldId::Amount))?)
            }
            AmountRule::Fixed(_) => None,
        },
        email: read(FieldId::Email).with(|| read_email(form))?,
        phone: read(FieldId::Phone).with(|| read_phone(method, form))?,
        person_type: read(FieldId::PersonType).with(|| read_person_type(form))?,
        document: read_document(document_type, form).map_err(at(FieldId::Document))?,
        document_type,
        bank_id: read(FieldId::Bank).with(|| read_bank(form, banks))?,
        payer_cpf: read(FieldId::PayerCpf).with(|| read_payer_cpf(form))?,
    })
}

/// Reads a field only when the method asks for it.
struct ReadIfAsked<'a> {
    asked: &'a [FieldId],
    id: FieldId,
}

impl ReadIfAsked<'_> {
    fn with<T>(
        self,
        read: impl FnOnce() -> Result<T, FieldProblem>,
    ) -> Result<Option<T>, (FieldId, FieldProblem)> {
        if self.asked.contains(&self.id) {
            read().map(Some).map_err(at(self.id))
        } else {
            Ok(None)
        }
    }
}

fn at(id: FieldId) -> impl Fn(FieldProblem) -> (FieldId, FieldProblem) {
    move |problem| (id, problem)
}

fn require_text(text: &str) -> Result<(), FieldProblem> {
    if text.trim().is_empty() {
        Err(FieldProblem::Field(FieldError::Required))
    } else {
        Ok(())
    }
}

fn read_amount(
    open: &OpenAmount,
    currency: Currency,
    form: &FormValues,
) -> Result<i64, FieldProblem> {
    let cents = parse_typed_amount(form.get(FieldId::Amount), typed_amount_format(currency))
        .map_err(FieldProblem::Amount)?;
    check_bounds(cents, open.min, open.max).map_err(FieldProblem::Bounds)?;
    // The payer is charged the amount plus fees: a total that cannot be
    // computed cannot be charged.
    match open.fees.apply(cents) {
        Some(_) => Ok(cents),
        None => Err(FieldProblem::Amount(TypedAmountError::TooLarge)),
    }
}

fn read_person_type(form: &FormValues) -> Result<PersonType, FieldProblem> {
    form.person_type()
        .ok_or(FieldProblem::Field(FieldError::Required))
}

/// A type the method does not offer reads as not chosen: the choice shows
/// nothing selected then.
fn read_document_type(method: Method, form: &FormValues) -> Result<DocumentType, FieldProblem> {
    let allowed = allowed_document_types(method, form.person_type());
    form.document_type()
        .filter(|kind| allowed.contains(kind))
        .ok_or(FieldProblem::Field(FieldError::Required))
}

fn read_document(kind: DocumentType, form: &FormValues) -> Result<String, FieldProblem> {
    validate::document(kind, form.get(FieldId::Document)).map_err(FieldProblem::Field)
}

fn read_email(form: &FormValues) -> Result<String, FieldProblem> {
    validate::email(form.get(FieldId::Email)).map_err(FieldProblem::Field)
}

fn read_phone(method: Method, form: &FormValues) -> Result<String, FieldProblem> {
    let text = form.get(FieldId::Phone);
    let national = match method {
        Method::Nequi => validate::nequi_phone(text),
        Method::Pse | Method::Bancolombia => validate::co_mobile(text),
        Method::Pix => validate::br_mobile(text),
    };
    national.map_err(FieldProblem::Field)
}

fn read_payer_cpf(form: &FormValues) -> Result<String, FieldProblem> {
    validate::cpf(form.get(FieldId::PayerCpf)).map_err(FieldProblem::Field)
}

/// The PSE lists' "choose your bank" entry: never a bank.
const PLACEHOLDER_BANK_ID: &str = "0";

fn read_bank(form: &FormValues, banks: &[Bank]) -> Result<String, FieldProblem> {
    let text = form.get(FieldId::Bank).trim();
    if text.is_empty() || text == PLACEHOLDER_BANK_ID {
        return Err(FieldProblem::BankNotChosen);
    }
    match banks.iter().find(|bank| bank.id == text) {
        Some(bank) => Ok(bank.id.clone()),
        None => Err(FieldProblem::UnknownBank),
    }
}

/// The bank list as payers see it: without the placeholder, alphabetical
/// regardless of case and accents (names ties broken by id, so the order is
/// stable).
pub fn sort_banks(list: Vec<Bank>) -> Vec<Bank> {
    let mut banks: Vec<Bank> = list
        .into_iter()
        .filter(|bank| bank.id != PLACEHOLDER_BANK_ID)
        .collect();
    banks.sort_by_cached_key(|bank| (collation_key(&bank.name), bank.id.clone()));
    banks
}

/// Uppercase without Spanish accents. Hand-written because full Unicode
/// collation (ICU or `Intl.Collator` data) would weigh more than the page,
/// and bank names only need these letters.
fn collation_key(name: &str) -> String {
    name.trim()
        .chars()
        .flat_map(char::to_uppercase)
        .map(without_accent)
        .collect()
}

fn without_accent(c: char) -> char {
    match c {
        'Á' => 'A',
        'É' => 'E',
        'Í' => 'I',
        'Ó' => 'O',
        'Ú' | 'Ü' => 'U',
        'Ñ' => 'N',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::link::FeePolicy;
    use crate::checkout::money::{Breakdown, FeeMode};

    fn fixed() -> AmountRule {
        AmountRule::Fixed(Breakdown {
            amount: 5_000_000,
            fee: 100_000,
            iva: 19_000,
            total: 5_119_000,
        })
    }

    /// A general link: 1 000.00 to 5 000 000.00, 2 % fee plus 19 % IVA.
    fn open() -> AmountRule {
        AmountRule::PayerChooses(OpenAmount {
            min: Some(100_000),
            max: Some(500_000_000),
            fees: FeePolicy {
                fee_rate_bps: 200,
                iva_rate_bps: 1_900,
                mode: FeeMode::Payer,
            },
        })
    }

    fn banks() -> Vec<Bank> {
        vec![
            bank(0, "A continuación seleccione su banco"),
            bank(1007, "BANCOLOMBIA"),
            bank(1051, "BANCO DAVIVIENDA"),
        ]
    }

    fn bank(id: u32, name: &str) -> Bank {
        let id = id.to_string();
        Bank {
            id,
            name: name.to_owned(),
        }
    }

    fn form(values: &[(FieldId, &str)]) -> FormValues {
        let mut form = FormValues::default();
        for &(id, value) in values {
            form.set(id, value);
        }
        form
    }

    fn ids(specs: &[FieldSpec]) -> Vec<FieldId> {
        specs.iter().map(|spec| spec.id).collect()
    }

    fn spec(specs: &[FieldSpec], id: FieldId) -> &FieldSpec {
        specs.iter().find(|spec| spec.id == id).unwrap()
    }

    fn options(specs: &[FieldSpec], id: FieldId) -> Vec<&'static str> {
        match &spec(specs, id).control {
            Control::Choice { options } => options.iter().map(|option| option.value).collect(),
            other => panic!("{id:?} is not a choice: {other:?}"),
        }
    }

    fn text_attributes(
        specs: &[FieldSpec],
        id: FieldId,
    ) -> (&'static str, &'static str, &'static str) {
        match spec(specs, id).control {
            Control::Text {
                input_type,
                inputmode,
                autocomplete,
                ..
            } => (input_type, inputmode, autocomplete),
            ref other => panic!("{id:?} is not a text input: {other:?}"),
        }
    }

    fn plain_schema(method: Method, amount_rule: &AmountRule, form: &FormValues) -> Vec<FieldSpec> {
        schema(
            method,
            amount_rule,
            Currency::COP,
            form,
            &Prefill::default(),
        )
    }

    fn valid_pse_form() -> FormValues {
        form(&[
            (FieldId::PersonType, "N"),
            (FieldId::DocumentType, "CC"),
            (FieldId::Document, "1.234.567.890"),
            (FieldId::Bank, "1007"),
            (FieldId::Email, " payer@example.com "),
            (FieldId::Phone, "300 123 4567"),
        ])
    }

    fn valid_bancolombia_form() -> FormValues {
        form(&[
            (FieldId::Email, "payer@example.com"),
            (FieldId::Phone, "+57 300 123 4567"),
            (FieldId::DocumentType, "CC"),
            (FieldId::Document, "1234567890"),
        ])
    }

    fn valid_nequi_form() -> FormValues {
        form(&[
            (FieldId::Phone, "399 111 1111"),
            (FieldId::DocumentType, "CE"),
            (FieldId::Document, "e123456"),
        ])
    }

    const REQUIRED: FieldProblem = FieldProblem::Field(FieldError::Required);

    #[test]
    fn field_names_are_the_html_names() {
        let names: Vec<&str> = FieldId::ALL.iter().map(|id| id.name()).collect();
        assert_eq!(
            names,
            [
                "amount",
                "person_type",
                "document_type",
                "document",
                "bank",
                "email",
                "phone",
                "payer_cpf"
            ]
        );
        for (index, id) in FieldId::ALL.into_iter().enumerate() {
            assert_eq!(id.index(), index);
        }
    }

    #[test]
    fn pse_schema_in_display_order() {
        let specs = plain_schema(Method::Pse, &fixed(), &FormValues::default());
        assert_eq!(
            ids(&specs),
            [
                FieldId::PersonType,
                FieldId::DocumentType,
                FieldId::Document,
                FieldId::Bank,
                FieldId::Email,
                FieldId::Phone
            ]
        );
        assert_eq!(options(&specs, FieldId::PersonType), ["N", "J"]);
        assert_eq!(
            options(&specs, FieldId::DocumentType),
            ["CC", "CE", "TI", "PP"]
        );
        assert_eq!(spec(&specs, FieldId::Bank).control, Control::BankList);
        assert!(specs.iter().all(|spec| spec.required && !spec.read_only));
        assert!(specs.iter().all(|spec| spec.prefill.is_none()));
    }

    #[test]
    fn pse_document_types_follow_the_person_type() {
        let juridical = form(&[(FieldId::PersonType, "J")]);
        let specs = plain_schema(Method::Pse, &fixed(), &juridical);
        assert_eq!(options(&specs, FieldId::DocumentType), ["NIT"]);
        let natural = form(&[(FieldId::PersonType, "N")]);
        let specs = plain_schema(Method::Pse, &fixed(), &natural);
        assert_eq!(
            options(&specs, FieldId::DocumentType),
            ["CC", "CE", "TI", "PP"]
        );
    }

    #[test]
    fn bancolombia_schema_in_display_order() {
        let specs = plain_schema(Method::Bancolombia, &fixed(), &FormValues::default());
        assert_eq!(
            ids(&specs),
            [
                FieldId::Email,
                FieldId::Phone,
                FieldId::DocumentType,
                FieldId::Document
            ]
        );
        assert_eq!(options(&specs, FieldId::DocumentType), ["CC", "CE", "NIT"]);
        // Natural persons only: a juridical person type typed for PSE changes nothing.
        let specs = plain_schema(
            Method::Bancolombia,
            &fixed(),
            &form(&[(FieldId::PersonType, "J")]),
        );
        assert_eq!(options(&specs, FieldId::DocumentType), ["CC", "CE", "NIT"]);
    }

    #[test]
    fn nequi_schema_in_display_order() {
        let specs = plain_schema(Method::Nequi, &fixed(), &FormValues::default());
        assert_eq!(
            ids(&specs),
            [FieldId::Phone, FieldId::DocumentType, FieldId::Document]
        );
        assert_eq!(options(&specs, FieldId::DocumentType), ["CC", "CE", "NIT"]);
    }

    #[test]
    fn the_amount_comes_first_only_when_the_payer_chooses_it() {
        for method in [Method::Pse, Method::Bancolombia, Method::Nequi] {
            let specs = plain_schema(method, &open(), &FormValues::default());
            assert_eq!(specs[0].id, FieldId::Amount, "{method:?}");
            let fixed_specs = plain_schema(method, &fixed(), &FormValues::default());
            assert!(!ids(&fixed_specs).contains(&FieldId::Amount), "{method:?}");
            assert_eq!(specs.len(), fixed_specs.len() + 1);
        }
    }

    #[test]
    fn contact_fields_get_the_right_keyboard_and_autofill() {
        let specs = plain_schema(Method::Pse, &fixed(), &FormValues::default());
        assert_eq!(
            text_attributes(&specs, FieldId::Email),
            ("email", "email", "email")
        );
        assert_eq!(
            text_attributes(&specs, FieldId::Phone),
            ("tel", "tel", "tel-national")
        );
        let Control::Text { max_length, .. } = spec(&specs, FieldId::Email).control else {
            panic!("email is text")
        };
        assert_eq!(max_length, 254);
        let Control::Text { max_length, .. } = spec(&specs, FieldId::Phone).control else {
            panic!("phone is text")
        };
        assert_eq!(max_length, 64);
    }

    #[test]
    fn document_keyboard_follows_the_document_type() {
        for (kind, inputmode) in [
            ("CC", "numeric"),
            ("TI", "numeric"),
            ("NIT", "numeric"),
            ("CE", "text"),
            ("PP", "text"),
            ("", "text"),
        ] {
            let specs = plain_schema(
                Method::Bancolombia,
                &fixed(),
                &form(&[(FieldId::DocumentType, kind)]),
            );
            assert_eq!(
                text_attributes(&specs, FieldId::Document),
                ("text", inputmode, "off"),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn amount_keyboard_follows_the_currency() {
        for (currency, inputmode) in [
            (Currency::COP, "numeric"),
            (Currency::BRL, "decimal"),
            (Currency::USD, "decimal"),
        ] {
            let specs = schema(
                Method::Nequi,
                &open(),
                currency,
                &FormValues::default(),
                &Prefill::default(),
            );
            assert_eq!(
                text_attributes(&specs, FieldId::Amount),
                ("text", inputmode, "transaction-amount"),
                "{currency:?}"
            );
        }
    }

    #[test]
    fn a_known_customer_prefills_and_locks_fields() {
        let prefill = Prefill {
            email: Some("ana@example.com".into()),
            phone: Some("3001234567".into()),
            document_type: Some(DocumentType::CC),
            document: Some("1234567890".into()),
            read_only: true,
        };
        let specs = schema(
            Method::Pse,
            &fixed(),
            Currency::COP,
            &FormValues::default(),
            &prefill,
        );
        let prefilled = |id| {
            let spec = spec(&specs, id);
            (spec.prefill.as_deref(), spec.read_only)
        };
        assert_eq!(prefilled(FieldId::PersonType), (Some("N"), true));
        assert_eq!(prefilled(FieldId::DocumentType), (Some("CC"), true));
        assert_eq!(prefilled(FieldId::Document), (Some("1234567890"), true));
        assert_eq!(prefilled(FieldId::Email), (Some("ana@example.com"), true));
        assert_eq!(prefilled(FieldId::Phone), (Some("3001234567"), true));
        assert_eq!(prefilled(FieldId::Bank), (None, false));

        let editable = Prefill {
            read_only: false,
            ..prefill.clone()
        };
        let specs = schema(
            Method::Nequi,
            &fixed(),
            Currency::COP,
            &FormValues::default(),
            &editable,
        );
        assert!(specs.iter().all(|spec| !spec.read_only));
    }

    #[test]
    fn prefill_fills_the_form_validation_reads() {
        let mut values = FormValues::default();
        values.apply_prefill(&Prefill {
            email: Some("ana@example.com".into()),
            phone: Some("3001234567".into()),
            document_type: Some(DocumentType::NIT),
            document: Some("900.123.456-8".into()),
            read_only: true,
        });
        assert_eq!(values.get(FieldId::PersonType), "J");
        assert_eq!(values.get(FieldId::DocumentType), "NIT");
        assert_eq!(values.get(FieldId::Document), "900.123.456-8");
        values.set(FieldId::Bank, "1007");
        let details =
            validate_form(Method::Pse, &fixed(), Currency::COP, &values, &banks()).unwrap();
        assert_eq!(details.person_type, Some(PersonType::Juridical));
        assert_eq!(details.document, "9001234568");

        let mut untouched = form(&[(FieldId::Email, "typed@example.com")]);
        untouched.apply_prefill(&Prefill::default());
        assert_eq!(untouched.get(FieldId::Email), "typed@example.com");
        assert_eq!(untouched.get(FieldId::PersonType), "");
    }

    #[test]
    fn juridical_persons_get_a_nit() {
        let mut values = form(&[(FieldId::PersonType, "N"), (FieldId::DocumentType, "CE")]);
        values.set(FieldId::PersonType, "J");
        assert_eq!(values.get(FieldId::DocumentType), "NIT");
        // Back to natural: NIT is not offered, so the first natural type.
        values.set(FieldId::PersonType, "N");
        assert_eq!(values.get(FieldId::DocumentType), "CC");
    }

    #[test]
    fn an_allowed_document_type_survives_a_person_type_change() {
        let mut values = form(&[(FieldId::DocumentType, "PP")]);
        values.set(FieldId::PersonType, "N");
        assert_eq!(values.get(FieldId::DocumentType), "PP");
        let mut values = form(&[(FieldId::DocumentType, "NIT")]);
        values.set(FieldId::PersonType, "J");
        assert_eq!(values.get(FieldId::DocumentType), "NIT");
    }

    #[test]
    fn choosing_a_person_type_chooses_a_document_type_when_none_was() {
        let mut values = FormValues::default();
        values.set(FieldId::PersonType, "J");
        assert_eq!(values.get(FieldId::DocumentType), "NIT");
        let mut values = FormValues::default();
        values.set(FieldId::PersonType, "N");
        assert_eq!(values.get(FieldId::DocumentType), "CC");
    }

    #[test]
    fn only_person_type_changes_touch_the_document_type() {
        let mut values = form(&[(FieldId::PersonType, "J"), (FieldId::DocumentType, "CC")]);
        // Setting the same person type again is no change.
        values.set(FieldId::PersonType, "J");
        assert_eq!(values.get(FieldId::DocumentType), "CC");
        // Clearing it, or a value that is no person type, keeps the choice.
        values.set(FieldId::PersonType, "");
        values.set(FieldId::PersonType, "X");
        assert_eq!(values.get(FieldId::DocumentType), "CC");
        values.set(FieldId::Email, "a@b.co");
        assert_eq!(values.get(FieldId::DocumentType), "CC");
    }

    #[test]
    fn nothing_typed_is_lost_across_methods() {
        let mut values = valid_pse_form();
        values.set(FieldId::Amount, "50.000");
        let before = values.clone();
        for method in [Method::Nequi, Method::Bancolombia, Method::Pse] {
            let _ = validate_form(method, &open(), Currency::COP, &values, &banks());
            let _ = plain_schema(method, &open(), &values);
        }
        assert_eq!(values, before);
        assert_eq!(values.get(FieldId::Bank), "1007");
    }

    #[test]
    fn a_valid_pse_form_gives_its_details() {
        let details = validate_form(
            Method::Pse,
            &fixed(),
            Currency::COP,
            &valid_pse_form(),
            &banks(),
        );
        assert_eq!(
            details,
            Ok(PaymentDetails {
                method: Method::Pse,
                amount: None,
                email: Some("payer@example.com".into()),
                phone: Some("3001234567".into()),
                person_type: Some(PersonType::Natural),
                document_type: DocumentType::CC,
                document: "1234567890".into(),
                bank_id: Some("1007".into()),
                payer_cpf: None,
            })
        );
    }

    #[test]
    fn a_valid_bancolombia_form_gives_its_details() {
        let details = validate_form(
            Method::Bancolombia,
            &fixed(),
            Currency::COP,
            &valid_bancolombia_form(),
            &[],
        );
        assert_eq!(
            details,
            Ok(PaymentDetails {
                method: Method::Bancolombia,
                amount: None,
                email: Some("payer@example.com".into()),
                phone: Some("3001234567".into()),
                person_type: None,
                document_type: DocumentType::CC,
                document: "1234567890".into(),
                bank_id: None,
                payer_cpf: None,
            })
        );
    }

    #[test]
    fn a_valid_nequi_form_gives_its_details() {
        let details = validate_form(
            Method::Nequi,
            &fixed(),
            Currency::COP,
            &valid_nequi_form(),
            &[],
        );
        assert_eq!(
            details,
            Ok(PaymentDetails {
                method: Method::Nequi,
                amount: None,
                email: None,
                phone: Some("3991111111".into()),
                person_type: None,
                document_type: DocumentType::CE,
                document: "E123456".into(),
                bank_id: None,
                payer_cpf: None,
            })
        );
    }

    #[test]
    fn fields_outside_the_method_are_ignored() {
        // Garbage in every field Nequi does not ask for.
        let mut values = valid_nequi_form();
        values.set(FieldId::Email, "not an email");
        values.set(FieldId::Bank, "99999");
        values.set(FieldId::Amount, "abc");
        values.set(FieldId::PersonType, "X");
        let details = validate_form(Method::Nequi, &fixed(), Currency::COP, &values, &[]).unwrap();
        assert_eq!(
            (details.email, details.bank_id, details.amount),
            (None, None, None)
        );
        assert_eq!(details.person_type, None);
        for id in [
            FieldId::Email,
            FieldId::Bank,
            FieldId::Amount,
            FieldId::PersonType,
        ] {
            assert_eq!(
                validate_field(id, Method::Nequi, &fixed(), Currency::COP, &values, &[]),
                Ok(()),
                "{id:?}"
            );
        }
        // A PSE person type and bank are not sent with Bancolombia either.
        let mut values = valid_bancolombia_form();
        values.set(FieldId::PersonType, "N");
        values.set(FieldId::Bank, "1007");
        let details = validate_form(
            Method::Bancolombia,
            &fixed(),
            Currency::COP,
            &values,
            &banks(),
        )
        .unwrap();
        assert_eq!((details.person_type, details.bank_id), (None, None));
    }

    #[test]
    fn a_typed_peso_amount_is_read_in_cents() {
        let mut values = valid_nequi_form();
        values.set(FieldId::Amount, "50.000");
        let details = validate_form(Method::Nequi, &open(), Currency::COP, &values, &[]).unwrap();
        assert_eq!(details.amount, Some(5_000_000));
        values.set(FieldId::Amount, "$ 50000");
        let details = validate_form(Method::Nequi, &open(), Currency::COP, &values, &[]).unwrap();
        assert_eq!(details.amount, Some(5_000_000));
    }

    #[test]
    fn typed_amounts_follow_the_currency_format() {
        let mut values = valid_nequi_form();
        let amount_of = |values: &FormValues, currency| {
            validate_form(Method::Nequi, &open(), currency, values, &[]).map(|d| d.amount)
        };
        values.set(FieldId::Amount, "1.234,12");
        assert_eq!(amount_of(&values, Currency::BRL), Ok(Some(123_412)));
        values.set(FieldId::Amount, "1,234.12");
        assert_eq!(amount_of(&values, Currency::USD), Ok(Some(123_412)));
        // Typed the English way in pesos: refused, never read as 50 pesos.
        values.set(FieldId::Amount, "50,000");
        assert_eq!(
            amount_of(&values, Currency::COP),
            Err(vec![(
                FieldId::Amount,
                FieldProblem::Amount(TypedAmountError::TooManyDecimals)
            )])
        );
    }

    #[test]
    fn typed_amounts_outside_the_bounds_are_refused() {
        let amount_problem = |text: &str| {
            let values = form(&[(FieldId::Amount, text)]);
            validate_field(
                FieldId::Amount,
                Method::Nequi,
                &open(),
                Currency::COP,
                &values,
                &[],
            )
        };
        assert_eq!(
            amount_problem("999"),
            Err(FieldProblem::Bounds(BoundsError::BelowMinimum(100_000)))
        );
        assert_eq!(amount_problem("1.000"), Ok(()));
        assert_eq!(amount_problem("5.000.000"), Ok(()));
        assert_eq!(
            amount_problem("5.000.001"),
            Err(FieldProblem::Bounds(BoundsError::AboveMaximum(500_000_000)))
        );
        assert_eq!(
            amount_problem("0"),
            Err(FieldProblem::Bounds(BoundsError::NotPositive))
        );
    }

    #[test]
    fn every_amount_problem_is_reachable() {
        let amount_problem = |text: &str, amount_rule: &AmountRule| {
            let values = form(&[(FieldId::Amount, text)]);
            validate_field(
                FieldId::Amount,
                Method::Pse,
                amount_rule,
                Currency::COP,
                &values,
                &[],
            )
        };
        for (text, error) in [
            ("", TypedAmountError::Empty),
            ("abc", TypedAmountError::NotANumber),
            ("50.000,5", TypedAmountError::TooManyDecimals),
            ("-5", TypedAmountError::Negative),
            ("9".repeat(30).as_str(), TypedAmountError::TooLarge),
        ] {
            assert_eq!(
                amount_problem(text, &open()),
                Err(FieldProblem::Amount(error)),
                "{text:?}"
            );
        }
        // No upper bound, but the fee on top no longer fits: too large to charge.
        let unbounded = AmountRule::PayerChooses(OpenAmount {
            min: None,
            max: None,
            fees: FeePolicy {
                fee_rate_bps: 200,
                iva_rate_bps: 1_900,
                mode: FeeMode::Payer,
            },
        });
        assert_eq!(
            amount_problem("92.233.720.368.547.758", &unbounded),
            Err(FieldProblem::Amount(TypedAmountError::TooLarge))
        );
        assert_eq!(amount_problem("92.233.720.368", &unbounded), Ok(()));
    }

    #[test]
    fn every_field_problem_is_reachable() {
        let problem = |method, id, values: &FormValues| {
            validate_field(id, method, &fixed(), Currency::COP, values, &banks())
        };
        let pse = Method::Pse;
        assert_eq!(problem(pse, FieldId::PersonType, &form(&[])), Err(REQUIRED));
        assert_eq!(
            problem(pse, FieldId::DocumentType, &form(&[])),
            Err(REQUIRED)
        );
        assert_eq!(
            problem(
                pse,
                FieldId::Document,
                &form(&[(FieldId::DocumentType, "CC")])
            ),
            Err(REQUIRED)
        );
        assert_eq!(
            problem(
                pse,
                FieldId::Document,
                &form(&[(FieldId::DocumentType, "CC"), (FieldId::Document, "12345")])
            ),
            Err(FieldProblem::Field(FieldError::TooShort))
        );
        assert_eq!(
            problem(
                pse,
                FieldId::Document,
                &form(&[
                    (FieldId::PersonType, "J"),
                    (FieldId::Document, "900123456-0")
                ])
            ),
            Err(FieldProblem::Field(FieldError::WrongCheckDigit))
        );
        assert_eq!(
            problem(pse, FieldId::Email, &form(&[(FieldId::Email, "ana@")])),
            Err(FieldProblem::Field(FieldError::InvalidEmail))
        );
        assert_eq!(
            problem(
                pse,
                FieldId::Phone,
                &form(&[(FieldId::Phone, "601 123 4567")])
            ),
            Err(FieldProblem::Field(FieldError::NotAMobileNumber))
        );
        assert_eq!(
            problem(
                Method::Nequi,
                FieldId::Phone,
                &form(&[(FieldId::Phone, "300123456")])
            ),
            Err(FieldProblem::Field(FieldError::NotAMobileNumber))
        );
        assert_eq!(
            problem(pse, FieldId::Bank, &form(&[])),
            Err(FieldProblem::BankNotChosen)
        );
        assert_eq!(
            problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "0")])),
            Err(FieldProblem::BankNotChosen)
        );
        assert_eq!(
            problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "4242")])),
            Err(FieldProblem::UnknownBank)
        );
        assert_eq!(
            problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "-1")])),
            Err(FieldProblem::UnknownBank)
        );
        assert_eq!(
            problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "1051")])),
            Ok(())
        );
    }

    #[test]
    fn a_document_type_the_method_does_not_offer_is_not_chosen() {
        let problem = |method, values: &FormValues| {
            validate_field(
                FieldId::DocumentType,
                method,
                &fixed(),
                Currency::COP,
                values,
                &[],
            )
        };
        // NIT is fine for Bancolombia but not for a natural person in PSE.
        let nit = form(&[(FieldId::DocumentType, "NIT")]);
        assert_eq!(problem(Method::Bancolombia, &nit), Ok(()));
        assert_eq!(problem(Method::Pse, &nit), Err(REQUIRED));
        // TI exists only in PSE; unknown codes are never chosen.
        assert_eq!(
            problem(Method::Nequi, &form(&[(FieldId::DocumentType, "TI")])),
            Err(REQUIRED)
        );
        assert_eq!(
            problem(Method::Nequi, &form(&[(FieldId::DocumentType, "cc")])),
            Err(REQUIRED)
        );
    }

    #[test]
    fn a_document_without_a_type_is_only_required() {
        let values = form(&[(FieldId::Document, "anything")]);
        assert_eq!(
            validate_field(
                FieldId::Document,
                Method::Nequi,
                &fixed(),
                Currency::COP,
                &values,
                &[]
            ),
            Ok(())
        );
        let errors =
            validate_form(Method::Nequi, &fixed(), Currency::COP, &values, &[]).unwrap_err();
        assert_eq!(
            errors,
            vec![
                (FieldId::Phone, REQUIRED),
                (FieldId::DocumentType, REQUIRED)
            ]
        );
    }

    #[test]
    fn problems_come_in_display_order() {
        let empty = FormValues::default();
        let problems = validate_form(Method::Pse, &open(), Currency::COP, &empty, &banks());
        assert_eq!(
            problems,
            Err(vec![
                (
                    FieldId::Amount,
                    FieldProblem::Amount(TypedAmountError::Empty)
                ),
                (FieldId::PersonType, REQUIRED),
                (FieldId::DocumentType, REQUIRED),
                (FieldId::Document, REQUIRED),
                (FieldId::Bank, FieldProblem::BankNotChosen),
                (FieldId::Email, REQUIRED),
                (FieldId::Phone, REQUIRED),
            ])
        );
        let problems = validate_form(Method::Bancolombia, &fixed(), Currency::COP, &empty, &[]);
        let order: Vec<FieldId> = problems
            .unwrap_err()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            order,
            [
                FieldId::Email,
                FieldId::Phone,
                FieldId::DocumentType,
                FieldId::Document
            ]
        );
    }

    #[test]
    fn one_bad_field_is_the_only_problem() {
        let mut values = valid_pse_form();
        values.set(FieldId::Phone, "12");
        assert_eq!(
            validate_form(Method::Pse, &fixed(), Currency::COP, &values, &banks()),
            Err(vec![(
                FieldId::Phone,
                FieldProblem::Field(FieldError::NotAMobileNumber)
            )])
        );
    }

    #[test]
    fn the_bank_must_be_in_the_list() {
        let values = valid_pse_form();
        assert_eq!(
            validate_form(Method::Pse, &fixed(), Currency::COP, &values, &[]),
            Err(vec![(FieldId::Bank, FieldProblem::UnknownBank)])
        );
    }

    #[test]
    fn banks_are_sorted_without_the_placeholder() {
        let sorted = sort_banks(vec![
            bank(0, "A continuación seleccione su banco"),
            bank(1507, "Nequi"),
            bank(1001, "BANCO DE BOGOTÁ"),
            bank(1007, "Bancolombia"),
            bank(1040, "Banco Agrario"),
        ]);
        let names: Vec<&str> = sorted.iter().map(|bank| bank.name.as_str()).collect();
        assert_eq!(
            names,
            ["Banco Agrario", "BANCO DE BOGOTÁ", "Bancolombia", "Nequi"]
        );
    }

    #[test]
    fn bank_sorting_ignores_case_and_accents() {
        let sorted = sort_banks(vec![
            bank(3, "banco falabella"),
            bank(2, "Banco Éxito"),
            bank(1, "BANCO DAVIVIENDA"),
            bank(5, "Banco Ñ"),
            bank(4, "Banco Múltiple"),
            bank(6, "Banco Ünico"),
        ]);
        let ids: Vec<u32> = sorted.iter().map(|bank| bank.id.parse().unwrap()).collect();
        // Davivienda, Éxito, Falabella, Múltiple, Ñ, Ünico.
        assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn banks_with_the_same_name_keep_a_stable_order() {
        let sorted = sort_banks(vec![bank(9, "Banco"), bank(8, "BANCO"), bank(0, "Banco")]);
        let ids: Vec<u32> = sorted.iter().map(|bank| bank.id.parse().unwrap()).collect();
        assert_eq!(ids, [8, 9]);
        assert_eq!(sort_banks(vec![bank(0, "A continuación")]), vec![]);
    }

    #[test]
    fn no_validation_panics_on_odd_input() {
        let odd = [
            "",
            " ",
            "\u{0}",
            "😀",
            "٣٣٣",
            "0",
            "-0",
            "99999999999999999999",
            "N",
            "J",
            "NIT",
            "ñandú@example.com",
            "\u{202E}3001234567",
        ];
        for method in [Method::Pse, Method::Bancolombia, Method::Nequi] {
            for text in odd {
                let mut values = FormValues::default();
                for id in FieldId::ALL {
                    values.set(id, text);
                }
                for amount_rule in [fixed(), open()] {
                    for currency in Currency::ALL {
                        let _ = validate_form(method, &amount_rule, currency, &values, &banks());
                        let _ =
                            schema(method, &amount_rule, currency, &values, &Prefill::default());
                    }
                }
            }
        }
    }
}
