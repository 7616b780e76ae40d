use super::*;

#[test]
fn messages_carry_source_version_and_type() {
    let json = PageMessage::Resize { height: 812 }.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"source": "paylink", "version": 1, "type": "resize", "height": 812})
    );
    let done = PageMessage::Complete {
        outcome: Outcome::Paid,
        reference: Some("mm_1".into()),
    }
    .to_json();
    let done: serde_json::Value = serde_json::from_str(&done).unwrap();
    assert_eq!(
        done,
        serde_json::json!({"source": "paylink", "version": 1, "type": "complete", "outcome": "paid", "reference": "mm_1"})
    );
    let failed = PageMessage::Complete {
        outcome: Outcome::Failed,
        reference: None,
    };
    assert!(failed.to_json().contains(r#""outcome":"failed""#));
    assert!(PageMessage::Ready.to_json().contains(r#""type":"ready""#));
}

#[test]
fn only_exact_theme_messages_of_this_version_are_read() {
    let good = r##"{"source":"paylink","version":1,"type":"theme","tokens":{"--paylink-color-primary":"#123456"}}"##;
    assert!(matches!(
        read_parent_message(good),
        Some(ParentMessage::Theme { .. })
    ));
    for bad in [
        r#"{"source":"paylink","version":2,"type":"theme","tokens":{}}"#,
        r#"{"source":"other","version":1,"type":"theme","tokens":{}}"#,
        r#"{"source":"paylink","version":1,"type":"navigate","url":"https://x"}"#,
        r#"{"source":"paylink","version":1,"type":"theme","tokens":{},"extra":1}"#,
        r#"{"source":"paylink","version":1,"type":"theme","tokens":"x"}"#,
        "not json",
        "null",
    ] {
        assert_eq!(read_parent_message(bad), None, "{bad}");
    }
}

#[test]
fn origins_match_exactly() {
    let allowed = vec![
        "https://shop.example".to_string(),
        "http://127.0.0.1:9000".to_string(),
    ];
    assert!(is_allowed_origin("https://shop.example", &allowed));
    assert!(is_allowed_origin("http://127.0.0.1:9000", &allowed));
    for origin in [
        "https://shop.example.evil",
        "https://evil.shop.example",
        "http://shop.example",
        "https://shop.example:443/",
        "HTTPS://SHOP.EXAMPLE",
        "null",
        "",
    ] {
        assert!(!is_allowed_origin(origin, &allowed), "{origin}");
    }
}
