use super::*;

#[test]
fn every_method_colurs_offers_reads_back_from_its_code() {
    for (method, code) in METHODS {
        assert_eq!(method_code(method), Some(code));
        assert_eq!(method_of(code), Some(method), "{code}");
    }
    assert_eq!(method_code(Method::Pix), None);
    assert_eq!(method_of("PIX"), None);
}
