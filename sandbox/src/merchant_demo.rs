//! A merchant's checkout page on a second origin, to try embedding the
//! payment page the way a merchant does (docs/embedding.md): one script tag
//! (`/public/embed.js` from the page's origin), a `<div>` and
//! `Paylink.mount`.
//!
//! - `GET /` creates a 50000.00 COP link whose `allowed_embed_origins` is
//!   exactly this origin, server-side through the provider API with the
//!   sandbox's merchant credentials (they never reach the browser), and
//!   mounts it. `?link=<uuid>` mounts that link instead; `?theme=1` passes
//!   theme tokens; `?lang=es|pt|en` passes a language. Every message the page
//!   sends is listed in `<ol id="events">` (one `<li>` of JSON each) and
//!   kept in `window.paylinkEvents`.
//! - `GET /foreign?link=<uuid>` mounts a link that does not allow this
//!   origin (default: the seeded `active` link, which only
//!   `https://merchant.example` may frame), which browsers refuse to show
//!   (`frame-ancestors`).
//! - `GET /done?result=…` is where the demo links send the payer back.

use axum::body::{to_bytes, Body};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::colurs::seed;
use crate::config::Config;
use crate::serving::static_files::{common_headers, HTML};

/// The theme `?theme=1` passes to `Paylink.mount`.
pub const DEMO_THEME: &[(&str, &str)] = &[
    ("--paylink-color-primary", "#e30613"),
    ("--paylink-color-on-primary", "#ffffff"),
];

/// Largest provider answer the demo reads.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// What the demo needs: both origins, and the provider (the sandbox's own
/// router, called in process) with the merchant credentials.
#[derive(Clone)]
pub struct MerchantDemo {
    page_origin: String,
    merchant_origin: String,
    provider: Router,
    bearer_token: String,
    api_key: String,
}

impl MerchantDemo {
    pub fn new(provider: Router, config: &Config, merchant_origin: String) -> MerchantDemo {
        MerchantDemo {
            page_origin: config.public_origin.clone(),
            merchant_origin,
            provider,
            bearer_token: config.bearer_token.clone(),
            api_key: config.api_key.clone(),
        }
    }

    /// Creates a demo link framable by this origin only; its `link_url`.
    async fn create_link(&self) -> Result<String, String> {
        let body = json!({
            "currency": "COP",
            "amount": 50000.0,
            "is_general": false,
            "description": "Pedido demo: 2 cafés de origen",
            "fee_mode": "payer",
            "merchant": { "name": "Tienda demo" },
            "callback_urls": {
                "success": format!("{}/done?result=success", self.merchant_origin),
                "cancel": format!("{}/done?result=cancel", self.merchant_origin),
            },
            "allowed_embed_origins": [self.merchant_origin],
        });
        let request = Request::post("/api/payment_link/")
            .header(
                header::AUTHORIZATION,
                format!("Bearer {}", self.bearer_token),
            )
            .header("x-api-key", &self.api_key)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .map_err(|error| error.to_string())?;
        let Ok(response) = self.provider.clone().oneshot(request).await;
        let status = response.status();
        let bytes = to_bytes(response.into_body(), MAX_ANSWER_BYTES)
            .await
            .map_err(|error| error.to_string())?;
        if status != StatusCode::CREATED {
            return Err(format!(
                "creating the demo link answered {status}: {}",
                String::from_utf8_lossy(&bytes)
            ));
        }
        let link: Value = serde_json::from_slice(&bytes).map_err(|error| error.to_string())?;
        link.get("link_url")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| "the created link has no link_url".to_owned())
    }

    fn link_url(&self, uuid: uuid::Uuid) -> String {
        format!("{}/pay/{uuid}", self.page_origin)
    }
}

/// The merchant demo's routes; served on their own listener (own origin).
pub fn routes(demo: MerchantDemo) -> Router {
    Router::new()
        .route("/", get(checkout))
        .route("/foreign", get(foreign))
        .route("/done", get(done))
        .layer(middleware::from_fn(common_headers))
        .with_state(demo)
}

/// `MERCHANT_PORT`: unset or empty means the page's port plus one, or a free
/// port when the page's was chosen freely (`PORT=0`) or is the last one.
pub fn port_from_lookup(
    lookup: impl Fn(&str) -> Option<String>,
    requested_page_port: u16,
    page_port: u16,
) -> Result<u16, String> {
    crate::config::port_next_to(lookup, "MERCHANT_PORT", 1, requested_page_port, page_port)
}

#[derive(Deserialize)]
struct CheckoutQuery {
    link: Option<String>,
    theme: Option<String>,
    lang: Option<String>,
}

async fn checkout(
    State(demo): State<MerchantDemo>,
    Query(query): Query<CheckoutQuery>,
) -> Response {
    let url = match query.link.as_deref().filter(|link| !link.is_empty()) {
        Some(link) => match uuid::Uuid::try_parse(link) {
            Ok(uuid) => demo.link_url(uuid),
            Err(_) => return problem(StatusCode::BAD_REQUEST, "`link` must be a link uuid"),
        },
        None => match demo.create_link().await {
            Ok(url) => url,
            Err(error) => return problem(StatusCode::BAD_GATEWAY, &error),
        },
    };
    let theme = (query.theme.as_deref() == Some("1")).then(|| {
        DEMO_THEME
            .iter()
            .map(|(name, value)| ((*name).to_owned(), Value::from(*value)))
            .collect::<serde_json::Map<_, _>>()
    });
    let lang = query
        .lang
        .filter(|lang| matches!(lang.as_str(), "es" | "pt" | "en"));
    let options = json!({ "url": url, "theme": theme, "lang": lang });
    page(
        &demo,
        "Tienda demo: pagar el pedido",
        "<p>Pedido demo: 2 cafés de origen. El pago se hace aquí mismo, en el marco de abajo.</p>",
        &options,
    )
}

#[derive(Deserialize)]
struct ForeignQuery {
    link: Option<String>,
}

async fn foreign(State(demo): State<MerchantDemo>, Query(query): Query<ForeignQuery>) -> Response {
    let uuid = match query.link.as_deref().filter(|link| !link.is_empty()) {
        Some(link) => match uuid::Uuid::try_parse(link) {
            Ok(uuid) => uuid,
            Err(_) => return problem(StatusCode::BAD_REQUEST, "`link` must be a link uuid"),
        },
        None => seed::ACTIVE,
    };
    let options = json!({ "url": demo.link_url(uuid) });
    page(
        &demo,
        "Tienda demo: un enlace que no permite este sitio",
        "<p>Este enlace no incluye este origen en <code>allowed_embed_origins</code>: \
         el navegador no muestra la página de pago en el marco.</p>",
        &options,
    )
}

#[derive(Deserialize)]
struct DoneQuery {
    result: Option<String>,
}

async fn done(Query(query): Query<DoneQuery>) -> Response {
    let text = match query.result.as_deref() {
        Some("success") => "¡Gracias! Recibimos tu pago.",
        Some("cancel") => "El pago no se completó.",
        _ => "De vuelta en la tienda.",
    };
    html(
        StatusCode::OK,
        format!(
            "<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Tienda demo</title><link rel=\"icon\" href=\"data:,\"></head><body><h1 id=\"result\">{text}</h1>\
             <p><a href=\"/\">Otro pedido</a></p></body></html>"
        ),
    )
}

const PAGE: &str = r#"<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fafafa; color: #222; }
  main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  #checkout { background: #fff; border: 1px solid #ddd; border-radius: 8px; overflow: hidden; }
  #events { font: 12px/1.4 ui-monospace, monospace; overflow-wrap: anywhere; padding-left: 1.5rem; }
</style>
</head>
<body>
<main>
  <h1>{{TITLE}}</h1>
  {{INTRO}}
  <div id="checkout"></div>
  <h2>Mensajes de la página de pago</h2>
  <ol id="events"></ol>
</main>
<script src="{{PAGE_ORIGIN}}/public/embed.js"></script>
<script>
  window.paylinkEvents = [];
  var options = {{OPTIONS}};
  var list = document.getElementById('events');
  window.paylinkHandle = Paylink.mount(document.getElementById('checkout'), {
    url: options.url,
    theme: options.theme || undefined,
    lang: options.lang || undefined,
    onEvent: function (message) {
      window.paylinkEvents.push(message);
      var item = document.createElement('li');
      item.textContent = JSON.stringify(message);
      list.appendChild(item);
    }
  });
</script>
</body>
</html>
"#;

fn page(demo: &MerchantDemo, title: &str, intro: &str, options: &Value) -> Response {
    // JSON inside a <script>: no `<` may end it early.
    let options = options.to_string().replace('<', "\\u003c");
    html(
        StatusCode::OK,
        PAGE.replace("{{TITLE}}", title)
            .replace("{{INTRO}}", intro)
            .replace("{{PAGE_ORIGIN}}", &demo.page_origin)
            .replace("{{OPTIONS}}", &options),
    )
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(HTML))],
        body,
    )
        .into_response()
}

fn problem(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        format!("merchant demo: {text}\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn port(vars: &[(&str, &str)], requested: u16, bound: u16) -> Result<u16, String> {
        let vars: HashMap<&str, &str> = vars.iter().copied().collect();
        port_from_lookup(
            |name| vars.get(name).map(|v| v.to_string()),
            requested,
            bound,
        )
    }

    #[test]
    fn merchant_port_defaults_to_the_next_one_or_a_free_one() {
        assert_eq!(port(&[], 8080, 8080), Ok(8081));
        assert_eq!(port(&[], 0, 41234), Ok(0));
        assert_eq!(port(&[], 65535, 65535), Ok(0));
        assert_eq!(port(&[("MERCHANT_PORT", "9000")], 8080, 8080), Ok(9000));
        assert_eq!(port(&[("MERCHANT_PORT", "0")], 8080, 8080), Ok(0));
        assert_eq!(port(&[("MERCHANT_PORT", " ")], 8080, 8080), Ok(8081));
        assert!(port(&[("MERCHANT_PORT", "x")], 8080, 8080).is_err());
    }

    fn demo() -> MerchantDemo {
        let config = Config {
            public_origin: "http://127.0.0.1:7000".into(),
            ..Config::default()
        };
        MerchantDemo::new(
            crate::app(config.clone()),
            &config,
            "http://127.0.0.1:7001".into(),
        )
    }

    async fn get_text(path: &str) -> (StatusCode, String) {
        let response = routes(demo())
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn the_checkout_mounts_a_new_link_framable_by_this_origin_only() {
        let demo = demo();
        let url = demo.create_link().await.unwrap();
        let uuid = url.strip_prefix("http://127.0.0.1:7000/pay/").unwrap();
        let request = Request::get(format!("/api/payment_link/{uuid}/"))
            .body(Body::empty())
            .unwrap();
        let response = demo.provider.clone().oneshot(request).await.unwrap();
        let link: Value =
            serde_json::from_slice(&to_bytes(response.into_body(), 1 << 20).await.unwrap())
                .unwrap();
        assert_eq!(
            link["allowed_embed_origins"],
            json!(["http://127.0.0.1:7001"])
        );

        let (status, page) = get_text("/?theme=1").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(r#"<script src="http://127.0.0.1:7000/public/embed.js"></script>"#));
        assert!(page.contains(r##""--paylink-color-primary":"#e30613""##));
        assert!(page.contains(r#"<ol id="events">"#));
        assert!(!page.contains("sandbox-token") && !page.contains("sandbox-key"));
    }

    #[tokio::test]
    async fn an_existing_link_or_a_foreign_one_is_mounted_as_given() {
        let (status, page) = get_text("/?link=00000000-0000-4000-8000-000000000003").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page
            .contains(r#""url":"http://127.0.0.1:7000/pay/00000000-0000-4000-8000-000000000003""#));
        assert!(page.contains(r#""theme":null"#));
        let (status, _) = get_text("/?link=%3Cscript%3E").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, page) = get_text("/foreign").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("/pay/00000000-0000-4000-8000-000000000003"));
    }
}
