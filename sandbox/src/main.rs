//! Starts the sandbox on 127.0.0.1 and lists the demo links.
//!
//! Environment: PORT (8080; 0 picks a free port), DIST_DIR (dist),
//! SANDBOX_BEARER (sandbox-token), SANDBOX_API_KEY (sandbox-key),
//! MIN_AMOUNT (1000.00, COP), MIN_AMOUNT_USD (1.00),
//! NEQUI_DECISION_SECONDS (3), NEQUI_TIMEOUT_SECONDS (120),
//! CONSENT_TIMEOUT_SECONDS (300), CONSENT_PROCESSING_SECONDS (1),
//! MERCHANT_PORT (PORT+1, or a free port when PORT is 0; 0 picks a free
//! port): the merchant demo, on a second origin (merchant_demo.rs);
//! BELVO_DIST_DIR (unset: none) and BELVO_PORT (PORT+2, or a free port when
//! PORT is 0): a second bundle, the Belvo page, on a third origin.
//!
//! `paylink-sandbox page-facts` instead reads a built index.html on stdin and
//! prints, as JSON, what the page policy makes of it (scripts/integrity.mjs).

use std::io::{Read, Write};
use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::process::ExitCode;

use paylink_sandbox::banner::banner;
use paylink_sandbox::config::port_next_to;
use paylink_sandbox::merchant_demo::{self, MerchantDemo};
use paylink_sandbox::serving::page_policy::PageReport;
use paylink_sandbox::{router, seeded_state, Config, StartupConfig};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = match std::env::args().nth(1).as_deref() {
        None => serve().await,
        Some("page-facts") => print_page_facts(),
        Some(other) => Err(usage(format!(
            "unknown command {other:?} (none, or page-facts)"
        ))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, problem)) => {
            eprintln!("paylink sandbox: {problem}");
            code
        }
    }
}

/// Why the process stops early, and its exit code.
type Failure = (ExitCode, String);

/// A mistake in how the sandbox was started (exit code 2).
fn usage(problem: String) -> Failure {
    (ExitCode::from(2), problem)
}

fn failure(problem: String) -> Failure {
    (ExitCode::FAILURE, problem)
}

fn print_page_facts() -> Result<(), Failure> {
    let mut html = String::new();
    std::io::stdin()
        .read_to_string(&mut html)
        .map_err(|error| usage(format!("cannot read the page on stdin: {error}")))?;
    let report = PageReport::of_html(&html);
    serde_json::to_writer(std::io::stdout().lock(), &report)
        .map_err(|error| failure(format!("cannot write the page facts: {error}")))
}

/// A listener on loopback only (the sandbox accepts any payer and must not
/// be reachable from the network), and its origin; `what` and `variable`
/// say what it is for, and how to move it.
async fn listen(port: u16, what: &str, variable: &str) -> Result<(TcpListener, String), Failure> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|error| {
            failure(format!(
                "cannot listen on 127.0.0.1:{port} for {what} (set {variable}): {error}"
            ))
        })?;
    let address = listener
        .local_addr()
        .map_err(|error| failure(format!("cannot read the bound address: {error}")))?;
    Ok((listener, Config::origin_for_port(address.port())))
}

async fn serve() -> Result<(), Failure> {
    let startup = StartupConfig::from_env().map_err(usage)?;
    let lookup = |name: &str| std::env::var(name).ok();

    let (listener, origin) = listen(startup.port, "the page", "PORT").await?;
    let port = listener.local_addr().map_or(0, |address| address.port());
    let merchant_port =
        port_next_to(lookup, "MERCHANT_PORT", 1, startup.port, port).map_err(usage)?;
    let (merchant_listener, merchant_origin) =
        listen(merchant_port, "the merchant demo", "MERCHANT_PORT").await?;
    // The Belvo page on its own origin, as a deployment serves each bundle
    // from its own host: `make run` sets BELVO_DIST_DIR.
    let belvo = match startup.belvo_dist_dir {
        None => None,
        Some(dist_dir) => {
            let belvo_port =
                port_next_to(lookup, "BELVO_PORT", 2, startup.port, port).map_err(usage)?;
            let (listener, origin) = listen(belvo_port, "the Belvo page", "BELVO_PORT").await?;
            Some((listener, origin, dist_dir))
        }
    };

    let mut config = startup.app;
    config.public_origin = origin;
    let state = seeded_state(config.clone());
    let mut served = vec![(config.public_origin.clone(), config.dist_dir.clone())];
    if let Some((listener, origin, dist_dir)) = belvo {
        served.push((origin.clone(), dist_dir.clone()));
        let belvo_page = router(state.serving(origin, dist_dir));
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, belvo_page).await {
                eprintln!("paylink sandbox: Belvo page: {error}");
            }
        });
    }
    print_banner(&served, &merchant_origin);

    let provider = router(state);
    let demo = MerchantDemo::new(provider.clone(), &config, merchant_origin);
    let demo = merchant_demo::routes(demo);
    // Ends with the process, when the page's server has shut down.
    tokio::spawn(async move {
        if let Err(error) = axum::serve(merchant_listener, demo).await {
            eprintln!("paylink sandbox: merchant demo: {error}");
        }
    });

    axum::serve(listener, provider)
        .with_graceful_shutdown(shutdown_requested())
        .await
        .map_err(|error| failure(error.to_string()))
}

fn print_banner(served: &[(String, PathBuf)], merchant_origin: &str) {
    let text = banner(served, merchant_origin, &uuid::Uuid::new_v4().to_string());
    let mut stdout = std::io::stdout().lock();
    // A closed stdout must not stop the server.
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

async fn shutdown_requested() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
