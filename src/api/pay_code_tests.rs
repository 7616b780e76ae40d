use super::*;

fn wire(payload: &str, key: Option<&str>) -> PaymentCodeWire {
    PaymentCodeWire {
        payload: payload.into(),
        expires_at: "2026-12-02T15:47:43Z".into(),
        key: key.map(Into::into),
        receiving_entity: Some("  Colurs \u{202E} ".into()),
    }
}

#[test]
fn a_code_reads_with_its_key_and_a_clean_entity() {
    let code = wire("000201...6304ABCD", Some("@tiendaaurora"))
        .into_domain()
        .expect("a code");
    assert_eq!(code.payload, "000201...6304ABCD");
    assert_eq!(code.expires_at, "2026-12-02T15:47:43Z");
    assert_eq!(code.key.as_deref(), Some("@tiendaaurora"));
    // Hidden characters cannot reorder what the payer reads beside it.
    assert_eq!(code.receiving_entity.as_deref(), Some("Colurs"));
    assert_eq!(code.clock_offset_ms, 0);
}

#[test]
fn a_key_that_cleans_to_nothing_is_absent() {
    let code = wire("0002", Some(" \u{200B} ")).into_domain().unwrap();
    assert_eq!(code.key, None);
}

#[test]
fn a_payload_a_bank_app_could_not_read_is_refused() {
    let too_long = "0".repeat(513);
    for payload in ["", "0002\n01", "0002é", too_long.as_str()] {
        assert!(
            wire(payload, None).into_domain().is_err(),
            "{payload:?} was read"
        );
    }
    assert!(wire(&"0".repeat(512), None).into_domain().is_ok());
}

#[test]
fn a_code_without_expiry_is_refused() {
    let code = PaymentCodeWire {
        expires_at: String::new(),
        ..wire("0002", None)
    };
    assert!(code.into_domain().is_err());
}
