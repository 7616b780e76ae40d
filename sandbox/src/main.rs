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

use paylink_sandbox::banner::{banner, Served};
use paylink_sandbox::config::port_next_to;
use paylink_sandbox::merchant_demo::{self, MerchantDemo};
use paylink_sandbox::serving::page_policy::PageReport;
use paylink_sandbox::{router, seeded_state, Config, StartupConfig};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        None => serve().await,
        Some("page-facts") => print_page_facts(),
        Some(other) => {
            eprintln!("paylink sandbox: unknown command {other:?} (none, or page-facts)");
            ExitCode::from(2)
        }
    }
}

fn print_page_facts() -> ExitCode {
    let mut html = String::new();
    if let Err(error) = std::io::stdin().read_to_string(&mut html) {
        eprintln!("paylink sandbox: cannot read the page on stdin: {error}");
        return ExitCode::from(2);
    }
    let report = PageReport::of_html(&html);
    match serde_json::to_writer(std::io::stdout().lock(), &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("paylink sandbox: cannot write the page facts: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> ExitCode {
    let startup = match StartupConfig::from_env() {
        Ok(startup) => startup,
        Err(problem) => {
            eprintln!("paylink sandbox: {problem}");
            return ExitCode::from(2);
        }
    };

    // Loopback only: the sandbox accepts any payer and must not be reachable
    // from the network.
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, startup.port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "paylink sandbox: cannot listen on 127.0.0.1:{}: {error}",
                startup.port
            );
            return ExitCode::FAILURE;
        }
    };
    let port = match listener.local_addr() {
        Ok(address) => address.port(),
        Err(error) => {
            eprintln!("paylink sandbox: cannot read the bound address: {error}");
            return ExitCode::FAILURE;
        }
    };

    let merchant_port = match merchant_demo::port_from_lookup(
        |name| std::env::var(name).ok(),
        startup.port,
        port,
    ) {
        Ok(merchant_port) => merchant_port,
        Err(problem) => {
            eprintln!("paylink sandbox: {problem}");
            return ExitCode::from(2);
        }
    };
    let merchant_listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, merchant_port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "paylink sandbox: cannot listen on 127.0.0.1:{merchant_port} for the merchant demo \
                 (set MERCHANT_PORT): {error}"
            );
            return ExitCode::FAILURE;
        }
    };
    let merchant_origin = match merchant_listener.local_addr() {
        Ok(address) => Config::origin_for_port(address.port()),
        Err(error) => {
            eprintln!("paylink sandbox: cannot read the bound address: {error}");
            return ExitCode::FAILURE;
        }
    };

    // The Belvo page on its own origin, as a deployment serves each bundle
    // from its own host: `make run` sets BELVO_DIST_DIR.
    let belvo_listener = match &startup.belvo_dist_dir {
        None => None,
        Some(_) => {
            let belvo_port = match port_next_to(
                |name| std::env::var(name).ok(),
                "BELVO_PORT",
                2,
                startup.port,
                port,
            ) {
                Ok(belvo_port) => belvo_port,
                Err(problem) => {
                    eprintln!("paylink sandbox: {problem}");
                    return ExitCode::from(2);
                }
            };
            match TcpListener::bind((Ipv4Addr::LOCALHOST, belvo_port)).await {
                Ok(listener) => Some(listener),
                Err(error) => {
                    eprintln!(
                        "paylink sandbox: cannot listen on 127.0.0.1:{belvo_port} for the Belvo \
                         page (set BELVO_PORT): {error}"
                    );
                    return ExitCode::FAILURE;
                }
            }
        }
    };

    let mut config = startup.app;
    config.public_origin = Config::origin_for_port(port);
    let state = seeded_state(config.clone());
    let mut served = vec![(config.public_origin.clone(), config.dist_dir.clone())];

    if let (Some(listener), Some(dist_dir)) = (belvo_listener, startup.belvo_dist_dir) {
        let origin = match listener.local_addr() {
            Ok(address) => Config::origin_for_port(address.port()),
            Err(error) => {
                eprintln!("paylink sandbox: cannot read the bound address: {error}");
                return ExitCode::FAILURE;
            }
        };
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
    let demo = merchant_demo::routes(MerchantDemo::new(
        provider.clone(),
        &config,
        merchant_origin,
    ));
    // Ends with the process, when the page's server has shut down.
    tokio::spawn(async move {
        if let Err(error) = axum::serve(merchant_listener, demo).await {
            eprintln!("paylink sandbox: merchant demo: {error}");
        }
    });

    let served = axum::serve(listener, provider)
        .with_graceful_shutdown(shutdown_requested())
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("paylink sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_banner(served: &[(String, PathBuf)], merchant_origin: &str) {
    let pages: Vec<Served> = served
        .iter()
        .map(|(origin, dist_dir)| Served { origin, dist_dir })
        .collect();
    let text = banner(&pages, merchant_origin, &uuid::Uuid::new_v4().to_string());
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
