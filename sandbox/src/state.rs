//! What every request handler shares: the configuration, the store, the
//! fault rules, the page's security policy and the violations reported.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::belvo::store::BelvoStore;
use crate::colurs::nequi::NequiTiming;
use crate::colurs::store::Store;
use crate::config::Config;
use crate::serving::page_policy::PagePolicy;
use crate::test_controls::clock::Timestamp;
use crate::test_controls::faults::FaultRules;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    store: Arc<Mutex<Store>>,
    faults: Arc<Mutex<FaultRules>>,
    pub page_policy: Arc<PagePolicy>,
    /// The designers' gallery (`GALLERY_DIR`): its own inline scripts, and
    /// framed by itself to show each fixture.
    pub gallery_policy: Arc<PagePolicy>,
    csp_reports: Arc<Mutex<Vec<serde_json::Value>>>,
    belvo: Arc<Mutex<BelvoStore>>,
}

impl AppState {
    pub fn new(config: Config, store: Store) -> Self {
        AppState {
            page_policy: Arc::new(PagePolicy::load(&config.dist_dir)),
            gallery_policy: Arc::new(PagePolicy::load(&config.gallery_dir)),
            config: Arc::new(config),
            store: Arc::new(Mutex::new(store)),
            faults: Arc::default(),
            csp_reports: Arc::default(),
            belvo: Arc::default(),
        }
    }

    /// The same provider (links, payments, faults, reports) reached at
    /// another origin that serves another bundle of the page: `make run`
    /// serves the Belvo page this way next to the Colurs one, as a
    /// deployment serves each from its own host.
    pub fn serving(&self, public_origin: String, dist_dir: PathBuf) -> Self {
        let config = Config {
            public_origin,
            dist_dir,
            ..(*self.config).clone()
        };
        AppState {
            page_policy: Arc::new(PagePolicy::load(&config.dist_dir)),
            config: Arc::new(config),
            ..self.clone()
        }
    }

    pub fn nequi_timing(&self) -> NequiTiming {
        NequiTiming {
            decision_seconds: self.config.nequi_decision_seconds,
            timeout_seconds: self.config.nequi_timeout_seconds,
        }
    }

    /// The store, locked, with every time-driven change applied up to the
    /// returned instant; handlers use that same instant for what they do.
    pub fn settled_store(&self) -> (MutexGuard<'_, Store>, Timestamp) {
        let mut store = lock(&self.store);
        let now = self.config.clock.now();
        store.settle(now, self.nequi_timing());
        (store, now)
    }

    /// The fault rules, locked; every change to them is a single step, so a
    /// panic elsewhere never leaves them half-updated.
    pub fn faults(&self) -> MutexGuard<'_, FaultRules> {
        lock(&self.faults)
    }

    /// The Belvo customers, links and payment intents, locked.
    pub fn belvo_store(&self) -> MutexGuard<'_, BelvoStore> {
        lock(&self.belvo)
    }

    /// The Content-Security-Policy violations browsers reported, in order.
    pub fn csp_reports(&self) -> MutexGuard<'_, Vec<serde_json::Value>> {
        lock(&self.csp_reports)
    }
}

/// A handler that panicked mid-update leaves what it held usable: every
/// update is a few field writes, and the sandbox must keep serving.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
