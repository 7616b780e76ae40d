use super::*;

#[derive(Deserialize)]
struct Holder {
    amount: WireDecimal,
}

fn read(json: &str) -> Result<i64, serde_json::Error> {
    serde_json::from_str::<Holder>(json).map(|h| h.amount.0)
}

#[test]
fn reads_numbers_and_strings_exactly() {
    assert_eq!(read(r#"{"amount": 51190.00}"#).unwrap(), 5_119_000);
    assert_eq!(read(r#"{"amount": 1000}"#).unwrap(), 100_000);
    assert_eq!(read(r#"{"amount": "1234.12"}"#).unwrap(), 123_412);
    // 0.1 + 0.2 style values survive: no binary floating point on the way.
    assert_eq!(read(r#"{"amount": 0.29}"#).unwrap(), 29);
}

#[test]
fn refuses_what_is_not_an_exact_amount() {
    assert!(read(r#"{"amount": 1.005}"#).is_err());
    assert!(read(r#"{"amount": 1e3}"#).is_err());
    assert!(read(r#"{"amount": "abc"}"#).is_err());
    assert!(read(r#"{"amount": true}"#).is_err());
    assert!(read(r#"{"amount": null}"#).is_err());
}

#[test]
fn a_charged_amount_is_above_zero() {
    assert_eq!(WireDecimal(1).charged(), Ok(1));
    assert!(matches!(
        WireDecimal(0).charged(),
        Err(ApiError::Malformed(_))
    ));
    assert!(matches!(
        WireDecimal(-100).charged(),
        Err(ApiError::Malformed(_))
    ));
}
