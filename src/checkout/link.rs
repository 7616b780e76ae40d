//! The domain model of a payment link, independent of any provider's wire format.

use super::fields::{typed_amount_format, Prefill};
use super::money::{breakdown, parse_typed_amount, Breakdown, Currency, FeeMode};
use super::redirect::{is_followable, is_image_source};
use super::validate::DocumentType;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentLink {
    /// The token from the page URL: the link's uuid (Colurs) or access token (Belvo).
    pub token: String,
    pub merchant: Merchant,
    pub description: String,
    pub currency: Currency,
    pub amount: AmountRule,
    pub status: LinkStatus,
    /// ISO 8601 instant, formatted by the browser for the payer's locale.
    pub expires_at: Option<String>,
    /// The methods the payer may choose, in the provider's order; never empty
    /// for a payable link (the wire layer rejects a link without any).
    pub methods: Vec<Method>,
    pub callback_urls: Option<CallbackUrls>,
    /// The payer, when the provider already knows them (a Belvo customer).
    pub customer: Option<Customer>,
    /// Origins allowed to frame the page and receive its messages, exactly.
    pub embed_origins: Vec<String>,
    /// The reference of an attempt the provider says is still in progress
    /// on this link (another tab, another device): the page waits for it
    /// instead of starting a second payment.
    pub payment_in_progress: Option<String>,
}

/// A payer the provider knows: shown as "paying as …", their data prefilled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    pub name: String,
    pub business: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub document_type: Option<DocumentType>,
    pub document: Option<String>,
}

impl Customer {
    /// The customer's data as form prefill; the provider holds it, so it is read-only.
    pub fn prefill(&self) -> Prefill {
        Prefill {
            email: self.email.clone(),
            phone: self.phone.clone(),
            document_type: self.document_type,
            document: self.document.clone(),
            read_only: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merchant {
    pub name: String,
    pub logo_url: Option<String>,
    pub brand_color: Option<String>,
}

impl Merchant {
    /// The logo the page shows beside the name, if it may load it
    /// (`redirect::is_image_source`): else only the initial.
    pub fn logo_src(&self, allowed_origins: &[String], page_origin: &str) -> Option<&str> {
        self.logo_url
            .as_deref()
            .filter(|url| is_image_source(url, allowed_origins, page_origin))
    }

    /// The initial that stands in the logo's box until (or unless) it loads:
    /// the name's first character that is not a space or punctuation. The
    /// stylesheet capitalises it (Unicode case tables would weigh kilobytes
    /// in the bundle).
    pub fn initial(&self) -> String {
        self.name
            .chars()
            .find(|&c| {
                !(c.is_whitespace()
                    || c.is_ascii_punctuation()
                    || matches!(c, '¡' | '¿' | '«' | '»' | '“' | '”' | '‘' | '’' | '…'))
            })
            .map(String::from)
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackUrls {
    pub success: Option<String>,
    pub cancel: Option<String>,
}

/// How much is asked: a fixed amount with its fees as the provider computed
/// them, or an amount the payer types within bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountRule {
    Fixed(Breakdown),
    PayerChooses(OpenAmount),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenAmount {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub fees: FeePolicy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeePolicy {
    pub fee_rate_bps: u32,
    pub iva_rate_bps: u32,
    pub mode: FeeMode,
}

impl FeePolicy {
    pub fn apply(&self, amount_cents: i64) -> Option<Breakdown> {
        breakdown(
            amount_cents,
            self.fee_rate_bps,
            self.iva_rate_bps,
            self.mode,
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkStatus {
    Pending,
    /// A payment is in progress; the link can still be paid.
    Active,
    Paid {
        paid_at: Option<String>,
        paid_amount: Option<i64>,
    },
    Expired,
    Cancelled,
    /// A status this page does not know: shown as "still processing", never as paid.
    Unrecognized(String),
}

impl LinkStatus {
    pub fn is_payable(&self) -> bool {
        matches!(self, LinkStatus::Pending | LinkStatus::Active)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Bancolombia,
    Pse,
    Nequi,
    /// Pix via Open Finance (Brazil): the payer authorises at their bank.
    Pix,
    /// Bre-B (Colombia): the payer's bank app pays a code or a key.
    BreB,
    /// Pix QR, "copia e cola" (Brazil): the payer's bank app pays a code.
    PixQr,
}

impl PaymentLink {
    /// The breakdown to show before the payer types anything: the fixed one,
    /// or none for an open amount.
    pub fn fixed_breakdown(&self) -> Option<Breakdown> {
        match self.amount {
            AmountRule::Fixed(b) => Some(b),
            AmountRule::PayerChooses(_) => None,
        }
    }

    /// Where the payer returns after paying: the link's success URL, if the
    /// redirect rule would follow it (the shell checks again, knowing
    /// whether the page runs on a development origin).
    pub fn success_url(&self) -> Option<&str> {
        followable(self.callback_urls.as_ref()?.success.as_deref())
    }

    /// Where the payer returns after giving up, on the same terms.
    pub fn cancel_url(&self) -> Option<&str> {
        followable(self.callback_urls.as_ref()?.cancel.as_deref())
    }

    /// The breakdown to show while the payer fills the form: the fixed one,
    /// or that of the amount typed so far, once it reads as an amount.
    pub fn breakdown_for(&self, typed_amount: &str) -> Option<Breakdown> {
        match &self.amount {
            AmountRule::Fixed(b) => Some(*b),
            AmountRule::PayerChooses(open) => {
                let format = typed_amount_format(self.currency);
                open.fees
                    .apply(parse_typed_amount(typed_amount, format).ok()?)
            }
        }
    }
}

fn followable(url: Option<&str>) -> Option<&str> {
    url.filter(|url| is_followable(url, true))
}

#[cfg(test)]
#[path = "link_tests.rs"]
mod tests;
