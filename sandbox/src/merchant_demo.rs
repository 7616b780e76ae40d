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
use axum::http::{header, Request, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::colurs::seed;
use crate::config::Config;
use crate::serving::static_files::common_headers;

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

/// The demo's query: which link to mount (`?link=<uuid>`), with which theme
/// and language.
#[derive(Deserialize)]
struct DemoQuery {
    link: Option<String>,
    theme: Option<String>,
    lang: Option<String>,
    result: Option<String>,
}

impl DemoQuery {
    /// The link asked for; `None` when none is, `Err` when it is no uuid.
    fn link(&self, demo: &MerchantDemo) -> Result<Option<String>, &'static str> {
        match self.link.as_deref().filter(|link| !link.is_empty()) {
            None => Ok(None),
            Some(link) => uuid::Uuid::try_parse(link)
                .map(|uuid| Some(demo.link_url(uuid)))
                .map_err(|_| "`link` must be a link uuid"),
        }
    }
}

async fn checkout(State(demo): State<MerchantDemo>, Query(query): Query<DemoQuery>) -> Response {
    let url = match query.link(&demo) {
        Ok(Some(url)) => url,
        Ok(None) => match demo.create_link().await {
            Ok(url) => url,
            Err(error) => return problem(StatusCode::BAD_GATEWAY, &error),
        },
        Err(refused) => return problem(StatusCode::BAD_REQUEST, refused),
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

async fn foreign(State(demo): State<MerchantDemo>, Query(query): Query<DemoQuery>) -> Response {
    let url = match query.link(&demo) {
        Ok(url) => url.unwrap_or_else(|| demo.link_url(seed::ACTIVE)),
        Err(refused) => return problem(StatusCode::BAD_REQUEST, refused),
    };
    page(
        &demo,
        "Tienda demo: un enlace que no permite este sitio",
        "<p>Este enlace no incluye este origen en <code>allowed_embed_origins</code>: \
         el navegador no muestra la página de pago en el marco.</p>",
        &json!({ "url": url }),
    )
}

async fn done(Query(query): Query<DemoQuery>) -> Response {
    let text = match query.result.as_deref() {
        Some("success") => "¡Gracias! Recibimos tu pago.",
        Some("cancel") => "El pago no se completó.",
        _ => "De vuelta en la tienda.",
    };
    Html(format!(
        "<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Tienda demo</title><link rel=\"icon\" href=\"data:,\"></head><body><h1 id=\"result\">{text}</h1>\
         <p><a href=\"/\">Otro pedido</a></p></body></html>"
    ))
    .into_response()
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
    let html = PAGE
        .replace("{{TITLE}}", title)
        .replace("{{INTRO}}", intro)
        .replace("{{PAGE_ORIGIN}}", &demo.page_origin)
        .replace("{{OPTIONS}}", &options);
    Html(html).into_response()
}

fn problem(status: StatusCode, text: &str) -> Response {
    (status, format!("merchant demo: {text}\n")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

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
