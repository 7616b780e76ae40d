//! Settings of a sandbox instance, and how they are read from the environment.

use std::path::{Path, PathBuf};

use crate::colurs::model::Currency;
use crate::shared::money::Cents;
use crate::test_controls::clock::Clock;

pub const DEFAULT_PORT: u16 = 8080;

/// Everything the application needs; tests build it directly.
#[derive(Clone, Debug)]
pub struct Config {
    /// Scheme, host and port the sandbox is reached at, without a trailing
    /// slash; `link_url` and bank-page URLs are built from it.
    pub public_origin: String,
    /// The built payment page (`index.html` and its assets).
    pub dist_dir: PathBuf,
    /// The designers' gallery, served at `/gallery/`. Built apart from the
    /// page's bundles, so it can never be deployed with them.
    pub gallery_dir: PathBuf,
    pub bearer_token: String,
    pub api_key: String,
    /// Smallest fixed amount (and smallest typed amount) for COP links.
    pub min_amount_cop: Cents,
    pub min_amount_usd: Cents,
    pub fee_rate_bps: u32,
    pub iva_rate_bps: u32,
    /// How long the simulated Nequi payer takes to answer the push, for the
    /// approve and decline test numbers.
    pub nequi_decision_seconds: u64,
    /// How long a Nequi push lives before the payment is EXPIRED.
    pub nequi_timeout_seconds: u64,
    /// How long a bank payment (Bancolombia, PSE; Belvo PSE) waits for a
    /// payer who never comes back from the bank page before it is EXPIRED.
    pub bank_timeout_seconds: u64,
    /// How long a Belvo Open Finance consent waits for the payer before the
    /// payment intent is FAILED (Open Finance Brasil: 5 minutes).
    pub consent_timeout_seconds: u64,
    /// How long an authorised Belvo payment intent is PROCESSING before it
    /// SUCCEEDED.
    pub consent_processing_seconds: u64,
    /// How long a Bre-B code can be paid (processors: about 10 minutes).
    pub breb_code_seconds: u64,
    /// How long a Pix QR code can be paid.
    pub pix_qr_seconds: u64,
    pub clock: Clock,
}

impl Config {
    pub fn min_amount(&self, currency: Currency) -> Cents {
        match currency {
            Currency::Cop => self.min_amount_cop,
            Currency::Usd => self.min_amount_usd,
        }
    }

    /// A sandbox reached over http on loopback is a development setup, where
    /// the page follows loopback http too (the redirect rule).
    pub fn is_development(&self) -> bool {
        ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"]
            .iter()
            .any(|loopback| self.public_origin.starts_with(loopback))
    }

    pub fn origin_for_port(port: u16) -> String {
        format!("http://127.0.0.1:{port}")
    }

    /// `dist-gallery` in the directory that holds `dist_dir`, where
    /// `make build` writes the gallery next to the page's bundles.
    pub fn gallery_next_to(dist_dir: &Path) -> PathBuf {
        dist_dir.with_file_name(GALLERY_DIR_NAME)
    }
}

pub const GALLERY_DIR_NAME: &str = "dist-gallery";

impl Default for Config {
    fn default() -> Self {
        Config {
            public_origin: Config::origin_for_port(DEFAULT_PORT),
            dist_dir: PathBuf::from("dist"),
            gallery_dir: PathBuf::from(GALLERY_DIR_NAME),
            bearer_token: "sandbox-token".into(),
            api_key: "sandbox-key".into(),
            min_amount_cop: Cents::units(1000),
            min_amount_usd: Cents::units(1),
            fee_rate_bps: 200,
            iva_rate_bps: 1900,
            nequi_decision_seconds: 3,
            nequi_timeout_seconds: 120,
            bank_timeout_seconds: 900,
            consent_timeout_seconds: 300,
            consent_processing_seconds: 1,
            breb_code_seconds: 600,
            pix_qr_seconds: 900,
            clock: Clock::system(),
        }
    }
}

/// What the process needs beyond the application: where to listen.
#[derive(Clone, Debug)]
pub struct StartupConfig {
    /// 0 asks the system for a free port.
    pub port: u16,
    pub app: Config,
    /// A second bundle (the Belvo page), served on its own origin.
    pub belvo_dist_dir: Option<PathBuf>,
}

impl StartupConfig {
    /// Reads `PORT`, `DIST_DIR`, `GALLERY_DIR` (default: `dist-gallery` next
    /// to `DIST_DIR`), `SANDBOX_BEARER`, `SANDBOX_API_KEY`, `MIN_AMOUNT`,
    /// `MIN_AMOUNT_USD`, the `*_SECONDS` timings and `BELVO_DIST_DIR`
    /// through `lookup`; unset or empty means default.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<StartupConfig, String> {
        let read = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let mut app = Config::default();
        let mut port = DEFAULT_PORT;

        if let Some(value) = read("PORT") {
            port = value
                .trim()
                .parse()
                .map_err(|_| format!("PORT must be a port number, got {value:?}"))?;
        }
        if let Some(value) = read("DIST_DIR") {
            app.dist_dir = PathBuf::from(value);
        }
        app.gallery_dir = match read("GALLERY_DIR") {
            Some(value) => PathBuf::from(value),
            None => Config::gallery_next_to(&app.dist_dir),
        };
        if let Some(value) = read("SANDBOX_BEARER") {
            app.bearer_token = value;
        }
        if let Some(value) = read("SANDBOX_API_KEY") {
            app.api_key = value;
        }
        if let Some(value) = read("MIN_AMOUNT") {
            app.min_amount_cop = parse_minimum("MIN_AMOUNT", &value)?;
        }
        if let Some(value) = read("MIN_AMOUNT_USD") {
            app.min_amount_usd = parse_minimum("MIN_AMOUNT_USD", &value)?;
        }
        for (name, seconds) in [
            ("NEQUI_DECISION_SECONDS", &mut app.nequi_decision_seconds),
            ("NEQUI_TIMEOUT_SECONDS", &mut app.nequi_timeout_seconds),
            ("BANK_TIMEOUT_SECONDS", &mut app.bank_timeout_seconds),
            ("CONSENT_TIMEOUT_SECONDS", &mut app.consent_timeout_seconds),
            (
                "CONSENT_PROCESSING_SECONDS",
                &mut app.consent_processing_seconds,
            ),
            ("BREB_CODE_SECONDS", &mut app.breb_code_seconds),
            ("PIX_QR_SECONDS", &mut app.pix_qr_seconds),
        ] {
            if let Some(value) = read(name) {
                *seconds = value.trim().parse().map_err(|_| {
                    format!("{name} must be a whole number of seconds, got {value:?}")
                })?;
            }
        }
        let belvo_dist_dir = read("BELVO_DIST_DIR").map(PathBuf::from);
        Ok(StartupConfig {
            port,
            app,
            belvo_dist_dir,
        })
    }

    pub fn from_env() -> Result<StartupConfig, String> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }
}

/// The port variable `name`: unset or empty means the page's port plus
/// `offset`, or a free port when the page's was chosen freely (`PORT=0`) or
/// is too near the last one.
pub fn port_next_to(
    lookup: impl Fn(&str) -> Option<String>,
    name: &str,
    offset: u16,
    requested_page_port: u16,
    page_port: u16,
) -> Result<u16, String> {
    match lookup(name).filter(|value| !value.trim().is_empty()) {
        Some(value) => value
            .trim()
            .parse()
            .map_err(|_| format!("{name} must be a port number, got {value:?}")),
        None if requested_page_port == 0 => Ok(0),
        None => Ok(page_port.checked_add(offset).unwrap_or(0)),
    }
}

fn parse_minimum(name: &str, value: &str) -> Result<Cents, String> {
    Cents::parse_decimal(value.trim())
        .ok()
        .filter(|amount| !amount.is_negative())
        .ok_or_else(|| {
            format!("{name} must be a non-negative amount such as 1000.00, got {value:?}")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn startup(vars: &[(&str, &str)]) -> Result<StartupConfig, String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        StartupConfig::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_match_the_documented_contract() {
        let startup = startup(&[]).unwrap();
        assert_eq!(startup.port, 8080);
        assert_eq!(startup.app.dist_dir, PathBuf::from("dist"));
        assert_eq!(startup.app.gallery_dir, PathBuf::from("dist-gallery"));
        assert_eq!(startup.app.bearer_token, "sandbox-token");
        assert_eq!(startup.app.api_key, "sandbox-key");
        assert_eq!(startup.app.min_amount_cop, Cents::units(1000));
        assert_eq!(startup.app.nequi_decision_seconds, 3);
        assert_eq!(startup.app.nequi_timeout_seconds, 120);
        let app = &startup.app;
        assert_eq!(
            (app.consent_timeout_seconds, app.consent_processing_seconds),
            (300, 1)
        );
        assert_eq!(startup.belvo_dist_dir, None);
    }

    #[test]
    fn reads_every_variable() {
        let startup = startup(&[
            ("PORT", "0"),
            ("DIST_DIR", "/tmp/page"),
            ("SANDBOX_BEARER", "b"),
            ("SANDBOX_API_KEY", "k"),
            ("MIN_AMOUNT", "500.50"),
            ("MIN_AMOUNT_USD", "2"),
            ("NEQUI_DECISION_SECONDS", "0"),
            ("NEQUI_TIMEOUT_SECONDS", "45"),
            ("BANK_TIMEOUT_SECONDS", "60"),
            ("CONSENT_TIMEOUT_SECONDS", "30"),
            ("CONSENT_PROCESSING_SECONDS", "0"),
            ("BELVO_DIST_DIR", "/tmp/belvo"),
        ])
        .unwrap();
        assert_eq!(startup.port, 0);
        assert_eq!(startup.app.dist_dir, PathBuf::from("/tmp/page"));
        assert_eq!(
            (
                startup.app.bearer_token.as_str(),
                startup.app.api_key.as_str()
            ),
            ("b", "k")
        );
        assert_eq!(startup.app.min_amount_cop, Cents::from_cents(50_050));
        assert_eq!(startup.app.min_amount_usd, Cents::units(2));
        assert_eq!(startup.app.nequi_decision_seconds, 0);
        assert_eq!(startup.app.nequi_timeout_seconds, 45);
        let app = &startup.app;
        assert_eq!(
            (
                app.bank_timeout_seconds,
                app.consent_timeout_seconds,
                app.consent_processing_seconds
            ),
            (60, 30, 0)
        );
        assert_eq!(startup.belvo_dist_dir, Some(PathBuf::from("/tmp/belvo")));
    }

    #[test]
    fn the_gallery_is_found_next_to_the_page_unless_set() {
        for (dist, gallery) in [
            ("/srv/build/dist-belvo", "/srv/build/dist-gallery"),
            ("/tmp/snapshot/dist/", "/tmp/snapshot/dist-gallery"),
            ("dist", "dist-gallery"),
        ] {
            let startup = startup(&[("DIST_DIR", dist)]).unwrap();
            assert_eq!(startup.app.gallery_dir, PathBuf::from(gallery), "{dist}");
        }
        let set = startup(&[("DIST_DIR", "/a/dist"), ("GALLERY_DIR", "/b/designs")]).unwrap();
        assert_eq!(set.app.gallery_dir, PathBuf::from("/b/designs"));
    }

    #[test]
    fn refuses_malformed_values() {
        assert!(startup(&[("PORT", "eighty")]).unwrap_err().contains("PORT"));
        assert!(startup(&[("MIN_AMOUNT", "-1")])
            .unwrap_err()
            .contains("MIN_AMOUNT"));
        assert!(startup(&[("MIN_AMOUNT", "10.001")]).is_err());
        assert!(startup(&[("NEQUI_TIMEOUT_SECONDS", "2m")]).is_err());
        assert!(startup(&[("CONSENT_TIMEOUT_SECONDS", "5m")])
            .unwrap_err()
            .contains("CONSENT_TIMEOUT_SECONDS"));
    }

    #[test]
    fn a_second_port_defaults_to_the_next_one_or_a_free_one() {
        let port = |vars: &[(&str, &str)], requested, bound| {
            let vars: HashMap<&str, &str> = vars.iter().copied().collect();
            let lookup = |name: &str| vars.get(name).map(|v| v.to_string());
            port_next_to(lookup, "MERCHANT_PORT", 1, requested, bound)
        };
        assert_eq!(port(&[], 8080, 8080), Ok(8081));
        assert_eq!(port(&[], 0, 41234), Ok(0));
        assert_eq!(port(&[], 65535, 65535), Ok(0));
        assert_eq!(port(&[("MERCHANT_PORT", "9000")], 8080, 8080), Ok(9000));
        assert_eq!(port(&[("MERCHANT_PORT", "0")], 8080, 8080), Ok(0));
        assert_eq!(port(&[("MERCHANT_PORT", " ")], 8080, 8080), Ok(8081));
        assert!(port(&[("MERCHANT_PORT", "x")], 8080, 8080).is_err());
    }
}
