use super::*;

#[test]
fn the_meta_picks_the_provider_and_anything_else_is_colurs() {
    assert_eq!(
        EitherProvider::named("belvo").link_path(),
        Belvo.link_path()
    );
    for name in ["colurs", "", "Belvo", "stripe"] {
        assert_eq!(
            EitherProvider::named(name),
            EitherProvider::Colurs(Colurs),
            "{name}"
        );
    }
}
