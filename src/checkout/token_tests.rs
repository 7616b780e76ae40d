use super::*;

#[test]
fn reads_uuids_and_access_tokens() {
    assert_eq!(
        token_from_path("/pay/550e8400-e29b-41d4-a716-446655440000"),
        Some("550e8400-e29b-41d4-a716-446655440000")
    );
    assert_eq!(
        token_from_path("/pay/YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU/"),
        Some("YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU")
    );
}

#[test]
fn references_share_the_alphabet() {
    assert!(is_valid_reference("mm_xyz789"));
    assert!(!is_valid_reference("mm/../x"));
    assert!(!is_valid_reference("mm"));
}

#[test]
fn refuses_what_could_inject_into_an_api_path() {
    for path in [
        "/pay/",
        "/pay/short",
        "/pay/../../api/payment_link",
        "/pay/abc%2F..%2Fadmin-xx",
        "/pay/550e8400-e29b-41d4-a716-446655440000/pay",
        "/pay/550e8400?x=1-e29b-41d4",
        "/other/550e8400-e29b-41d4-a716-446655440000",
        &format!("/pay/{}", "a".repeat(65)),
    ] {
        assert_eq!(token_from_path(path), None, "{path}");
    }
}
