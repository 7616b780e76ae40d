//! docs/openapi.yaml and the sandbox agree: every documented operation is
//! routed and answers its documented success code, and every documented
//! response schema names exactly the fields the sandbox sends.

mod belvo_support;
mod common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use belvo_support::{intent_body, SEED_CUSTOMER, SEED_LINK};
use common::{merchant_headers, pay_body, Reply, Sandbox};
use paylink_sandbox::{belvo, colurs::seed};
use yaml_rust2::{Yaml, YamlLoader};

const OPENAPI: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.yaml"));
const HTTP_METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[derive(Debug)]
struct Operation {
    method: String,
    path: String,
    success_status: Option<u16>,
    /// Lists a `security:` requirement: a merchant call.
    secured: bool,
}

fn document() -> Yaml {
    YamlLoader::load_from_str(OPENAPI)
        .expect("docs/openapi.yaml is YAML")
        .into_iter()
        .next()
        .expect("one document")
}

/// The string keys of a YAML mapping, in document order.
fn keys(node: &Yaml) -> impl Iterator<Item = (&str, &Yaml)> {
    node.as_hash()
        .into_iter()
        .flatten()
        .filter_map(|(key, value)| Some((key.as_str()?, value)))
}

/// A response code as written: YAML reads an unquoted `200` as a number.
fn status_code(key: &Yaml) -> Option<u16> {
    match key {
        Yaml::Integer(code) => u16::try_from(*code).ok(),
        Yaml::String(code) => code.parse().ok(),
        _ => None,
    }
}

/// The operations under `paths:`, each with its first 2xx response code.
fn documented_operations() -> Vec<Operation> {
    let document = document();
    let mut operations = Vec::new();
    for (path, item) in keys(&document["paths"]) {
        for (method, operation) in keys(item).filter(|(key, _)| HTTP_METHODS.contains(key)) {
            let success_status = operation["responses"]
                .as_hash()
                .into_iter()
                .flatten()
                .filter_map(|(code, _)| status_code(code))
                .find(|code| (200..300).contains(code));
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.to_owned(),
                success_status,
                secured: !operation["security"].is_badvalue(),
            });
        }
    }
    operations
}

/// The property names of `components.schemas.<name>`.
fn schema_properties(name: &str) -> BTreeSet<String> {
    let document = document();
    let schema = &document["components"]["schemas"][name];
    assert!(!schema.is_badvalue(), "schema {name}");
    keys(&schema["properties"])
        .map(|(property, _)| property.to_owned())
        .collect()
}

fn json_keys(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_object()
        .expect("a JSON object")
        .keys()
        .cloned()
        .collect()
}

/// `value` has exactly the properties of the schema `name`.
fn assert_schema(value: &serde_json::Value, name: &str) {
    assert_eq!(json_keys(value), schema_properties(name), "{name}: {value}");
}

/// A valid request for a documented operation, against the demo links.
async fn exercise(sandbox: &Sandbox, method: &str, template: &str) -> Reply {
    let fill = |uuid: uuid::Uuid| {
        template
            .replace("{uuid}", &uuid.to_string())
            .replace("{money_movement_id}", seed::ACTIVE_LINK_PAYMENT)
    };
    let belvo_path = |access_token: &str, intent_id: &str| {
        template
            .replace("{access_token}", access_token)
            .replace("{intent_id}", intent_id)
    };
    match (method, template) {
        ("POST", "/api/belvo/customers/" | "/api/belvo/payment_links/") => {
            let body = if template.contains("customers") {
                SEED_CUSTOMER
            } else {
                SEED_LINK
            };
            sandbox
                .request(Method::POST, template, &merchant_headers(), body)
                .await
        }
        ("GET", "/api/belvo/institutions/") => sandbox.institutions("?country=BRA").await,
        ("GET", "/api/belvo/payment_links/{access_token}/") => {
            sandbox
                .get(&belvo_path(belvo::seed::PIX_INDIVIDUAL, ""))
                .await
        }
        ("POST", "/api/belvo/payment_links/{access_token}/payment_intents/") => {
            sandbox
                .pay_intent(belvo::seed::PIX_INDIVIDUAL, "openapi", &[])
                .await
        }
        ("GET", "/api/belvo/payment_links/{access_token}/payment_intents/{intent_id}/") => {
            let created = sandbox
                .pay_intent(belvo::seed::PSE, "openapi-read", &[])
                .await;
            let intent_id = created.string("id");
            sandbox.get(&belvo_path(belvo::seed::PSE, &intent_id)).await
        }
        ("POST", "/api/payment_link/") => {
            sandbox
                .create_link(r#"{"currency": "COP", "amount": 50000.00}"#)
                .await
        }
        ("GET", "/api/payment_link/") => sandbox.merchant_get(template).await,
        ("POST", "/api/payment_link/{uuid}/pay/") => {
            sandbox
                .pay(seed::PENDING, "openapi", &pay_body("PSE", &[]))
                .await
        }
        ("GET", "/api/payment_link/{uuid}/payments/{money_movement_id}/") => {
            sandbox.get(&fill(seed::ACTIVE)).await
        }
        ("POST", "/api/payment_link/{uuid}/payments/{money_movement_id}/withdraw/") => {
            sandbox
                .request(Method::POST, &fill(seed::ACTIVE), &[], "")
                .await
        }
        ("GET", _) => sandbox.get(&fill(seed::PENDING)).await,
        _ => {
            panic!("{method} {template} is documented but this test has no request for it: add one")
        }
    }
}

#[test]
fn the_document_is_read_completely() {
    let operations = documented_operations();
    let documented: BTreeSet<String> = operations
        .iter()
        .map(|op| format!("{} {}", op.method, op.path))
        .collect();
    let expected: BTreeSet<String> = [
        "POST /api/payment_link/",
        "GET /api/payment_link/",
        "GET /api/payment_link/{uuid}/",
        "GET /api/pse/banks/",
        "POST /api/payment_link/{uuid}/pay/",
        "GET /api/payment_link/{uuid}/payments/{money_movement_id}/",
        "POST /api/payment_link/{uuid}/payments/{money_movement_id}/withdraw/",
        "POST /api/belvo/customers/",
        "POST /api/belvo/payment_links/",
        "GET /api/belvo/payment_links/{access_token}/",
        "GET /api/belvo/institutions/",
        "POST /api/belvo/payment_links/{access_token}/payment_intents/",
        "GET /api/belvo/payment_links/{access_token}/payment_intents/{intent_id}/",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(documented, expected);
    assert!(
        operations.iter().all(|op| op.success_status.is_some()),
        "{operations:?}"
    );
    assert!(schema_properties("Link").contains("total_to_pay"));
}

#[tokio::test]
async fn every_documented_operation_is_routed_and_succeeds() {
    let sandbox = Sandbox::new();
    for operation in documented_operations() {
        let reply = exercise(&sandbox, &operation.method, &operation.path).await;
        let expected = StatusCode::from_u16(operation.success_status.unwrap()).unwrap();
        assert_eq!(
            reply.status,
            expected,
            "{} {}: {}",
            operation.method,
            operation.path,
            reply.text()
        );
        assert_eq!(reply.header("content-type"), Some("application/json"));
    }
}

#[tokio::test]
async fn response_schemas_name_exactly_the_fields_sent() {
    let sandbox = Sandbox::new();

    // `payment_in_progress` is sent only while a payment is pending.
    let waiting = sandbox.link(seed::ACTIVE).await.json();
    assert_schema(&waiting, "Link");
    assert_schema(&waiting["payment_in_progress"], "PaymentInProgress");
    let mut link = json_keys(&sandbox.link(seed::PENDING).await.json());
    link.insert("payment_in_progress".to_owned());
    assert_eq!(link, schema_properties("Link"));

    let page = sandbox.merchant_get("/api/payment_link/").await.json();
    assert_schema(&page, "LinkPage");

    let banks = sandbox.get("/api/pse/banks/").await.json();
    assert_schema(&banks[1], "PseBank");

    // `payment_code` is sent only for a method paid by code (BRE_B).
    let with_code = |value: &serde_json::Value| {
        let mut fields = json_keys(value);
        fields.insert("payment_code".to_owned());
        fields
    };
    let pay_reply = sandbox
        .pay(seed::PENDING, "schema", &pay_body("PSE", &[]))
        .await
        .json();
    assert_eq!(with_code(&pay_reply), schema_properties("PayReply"));

    let payment = sandbox
        .payment(seed::ACTIVE, seed::ACTIVE_LINK_PAYMENT)
        .await
        .json();
    assert_eq!(with_code(&payment), schema_properties("Payment"));

    let breb_link = sandbox
        .create_link(r#"{"currency": "COP", "amount": 50000.00, "allowed_methods": ["BRE_B"]}"#)
        .await
        .json();
    let breb_uuid = uuid::Uuid::parse_str(breb_link["uuid"].as_str().unwrap()).unwrap();
    let code_reply = sandbox
        .pay(breb_uuid, "schema", r#"{"payment_method": "BRE_B"}"#)
        .await
        .json();
    assert_schema(&code_reply, "PayReply");
    assert_schema(&code_reply["payment_code"], "PaymentCode");
    let code_payment = sandbox
        .payment(breb_uuid, code_reply["money_movement_id"].as_str().unwrap())
        .await
        .json();
    assert_schema(&code_payment, "Payment");

    let validation_error = sandbox.create_link("{}").await.json();
    let in_progress = sandbox
        .pay(seed::PENDING, "schema-again", &pay_body("PSE", &[]))
        .await
        .json();
    assert_eq!(in_progress["error"], "PaymentInProgress");
    let belvo_in_progress = sandbox.pay_intent(belvo::seed::PSE, "schema", &[]).await;
    assert_eq!(belvo_in_progress.status, StatusCode::CREATED);
    let belvo_in_progress = sandbox
        .pay_intent(belvo::seed::PSE, "schema-again", &[])
        .await
        .json();
    assert_eq!(belvo_in_progress["error"], "PaymentInProgress");
    // Each error sends some of the documented fields, and together all of them.
    let error_fields = schema_properties("Error");
    let mut sent = BTreeSet::new();
    for error in [validation_error, in_progress, belvo_in_progress] {
        assert!(json_keys(&error).is_subset(&error_fields), "{error}");
        sent.extend(json_keys(&error));
    }
    assert_eq!(sent, error_fields);

    let create_fields = schema_properties("CreateLinkRequest");
    for accepted in [
        "currency",
        "amount",
        "is_general",
        "description",
        "fee_mode",
        "expires_at",
        "callback_urls",
        "allowed_methods",
        "merchant",
        "allowed_embed_origins",
    ] {
        assert!(create_fields.contains(accepted), "{accepted}");
    }
    let pay_fields = schema_properties("PayRequest");
    let sent: BTreeSet<String> = json_keys(&serde_json::from_str(&pay_body("PSE", &[])).unwrap());
    assert!(sent.is_subset(&pay_fields), "{sent:?} vs {pay_fields:?}");
}

#[tokio::test]
async fn merchant_operations_are_the_ones_documented_with_credentials() {
    let sandbox = Sandbox::new();
    let operations = documented_operations();
    assert_eq!(
        operations.iter().filter(|op| op.secured).count(),
        4,
        "Colurs create and list, Belvo customers and payment links"
    );
    for operation in operations {
        let path = operation
            .path
            .replace("{uuid}", &seed::PENDING.to_string())
            .replace("{money_movement_id}", seed::ACTIVE_LINK_PAYMENT)
            .replace("{access_token}", belvo::seed::PIX_INDIVIDUAL)
            .replace("{intent_id}", &uuid::Uuid::new_v4().to_string());
        let method = Method::from_bytes(operation.method.as_bytes()).unwrap();
        let without_credentials = sandbox
            .request(method, &path, &[("Idempotency-Key", "x")], "{}")
            .await;
        assert_eq!(
            without_credentials.status == StatusCode::UNAUTHORIZED,
            operation.secured,
            "{} {}",
            operation.method,
            operation.path
        );
    }
    // The credentials the document names are the ones the sandbox checks.
    assert!(OPENAPI.contains("name: x-api-key") && OPENAPI.contains("scheme: bearer"));
}

#[tokio::test]
async fn belvo_schemas_name_exactly_the_fields_sent() {
    let sandbox = Sandbox::new();

    let customer = sandbox.create_customer(SEED_CUSTOMER).await.json();
    assert_schema(&customer, "BelvoCustomer");

    // `payment_in_progress` is sent only while an intent is under way.
    let idle_fields = |link: &serde_json::Value| {
        let mut fields = json_keys(link);
        fields.insert("payment_in_progress".to_owned());
        fields
    };
    let created = sandbox.create_belvo_link(SEED_LINK).await.json();
    assert_eq!(idle_fields(&created), schema_properties("BelvoPaymentLink"));
    let link = sandbox.belvo_link(belvo::seed::PIX_BUSINESS).await.json();
    assert_eq!(idle_fields(&link), schema_properties("BelvoPaymentLink"));
    assert_schema(&link["customer"], "BelvoCustomer");

    let institutions = sandbox.institutions("?country=COL").await.json();
    assert_schema(&institutions[0], "BelvoInstitution");

    let intent = sandbox
        .pay_intent(belvo::seed::PIX_INDIVIDUAL, "schema", &[])
        .await
        .json();
    assert_schema(&intent, "BelvoPaymentIntent");
    let waiting = sandbox.belvo_link(belvo::seed::PIX_INDIVIDUAL).await.json();
    assert_schema(&waiting, "BelvoPaymentLink");
    assert_schema(&waiting["payment_in_progress"], "BelvoPaymentInProgress");
    assert_schema(
        &intent["payment_method_information"]["open_finance"],
        "BelvoRedirect",
    );
    let pix_qr_link = sandbox
        .create_belvo_link(
            &SEED_LINK
                .replace(
                    r#""pse"
  ],"#,
                    r#""open_finance", "pix_qr"
  ],"#,
                )
                .replace(r#""pse": {"#, r#""open_finance": {"#)
                .replace("\"amount\": 1000", "\"amount\": \"1234.12\"")
                .replace(
                    "06dc2f14-1217-4480-9b36-550a944a39d1",
                    &belvo::seed::ANA_SOUZA.to_string(),
                ),
        )
        .await;
    assert_eq!(
        pix_qr_link.status,
        StatusCode::CREATED,
        "{}",
        pix_qr_link.text()
    );
    let code = sandbox
        .create_intent(
            &pix_qr_link.string("access_token"),
            "schema",
            r#"{"payment_method_details": {"pix_qr": {}}, "confirm": true}"#,
        )
        .await
        .json();
    assert_schema(&code, "BelvoPaymentIntent");
    assert_schema(&code["payment_method_information"]["pix_qr"], "BelvoPixQr");

    let id = intent["id"].as_str().unwrap();
    sandbox.consent(id, "approve-query").await;
    sandbox.advance(1);
    let succeeded = sandbox.intent(belvo::seed::PIX_INDIVIDUAL, id).await.json();
    assert_schema(&succeeded["charges"][0], "BelvoCharge");

    let customer_fields = schema_properties("BelvoCreateCustomerRequest");
    let sent = json_keys(&serde_json::from_str(SEED_CUSTOMER).unwrap());
    assert_eq!(sent, customer_fields);
    let link_fields = schema_properties("BelvoCreatePaymentLinkRequest");
    let sent = json_keys(&serde_json::from_str(SEED_LINK).unwrap());
    assert!(sent.is_subset(&link_fields), "{sent:?} vs {link_fields:?}");
    for extension in ["merchant", "allowed_embed_origins"] {
        assert!(link_fields.contains(extension), "{extension}");
    }
    let intent_fields = schema_properties("BelvoPaymentIntentRequest");
    let sent = json_keys(
        &serde_json::from_str(&intent_body(
            belvo::seed::PIX_INDIVIDUAL,
            "open_finance",
            &[],
        ))
        .unwrap(),
    );
    assert!(
        sent.is_subset(&intent_fields),
        "{sent:?} vs {intent_fields:?}"
    );
    assert_eq!(
        schema_properties("BelvoPayerChoice"),
        [
            "beneficiary_bank_account",
            "callback_url",
            "cpf",
            "payer_institution"
        ]
        .into_iter()
        .map(str::to_owned)
        .collect()
    );
}
