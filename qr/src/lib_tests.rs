use qrcode::{Color, EcLevel, QrCode};

use super::*;

const URL: &[u8] = b"https://pay.example/pay/7d1c2b5e-3f4a-4b6c-9d8e-1f2a3b4c5d6e";

/// The dark modules the path draws, read back: `(x, y)` in the view box.
fn drawn((side, d): (String, String)) -> (usize, Vec<(usize, usize)>) {
    let mut dark = Vec::new();
    for rect in d.split('z').filter(|r| !r.is_empty()) {
        let rest = rect.strip_prefix('M').expect("each run starts with M");
        let (x, rest) = rest.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let (len, rest) = rest.split_once("v1H").unwrap();
        assert_eq!(rest, x, "each run closes where it started");
        let (x, y, len): (usize, usize, usize) =
            (x.parse().unwrap(), y.parse().unwrap(), len.parse().unwrap());
        dark.extend((x..x + len).map(|x| (x, y)));
    }
    (side.parse().unwrap(), dark)
}

#[test]
fn the_path_draws_exactly_the_dark_modules_of_the_code() {
    let code = QrCode::with_error_correction_level(URL, EcLevel::M).unwrap();
    let width = code.width();
    let expected: Vec<(usize, usize)> = code
        .to_colors()
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Color::Dark)
        .map(|(i, _)| (i % width + QUIET_ZONE, i / width + QUIET_ZONE))
        .collect();
    let (side, mut dark) = drawn(svg_path(URL).unwrap());
    dark.sort_by_key(|&(x, y)| (y, x));
    assert_eq!(side, width + 2 * QUIET_ZONE);
    assert_eq!(dark, expected);
}

#[test]
fn the_quiet_zone_stays_light() {
    let (side, dark) = drawn(svg_path(URL).unwrap());
    let inside = QUIET_ZONE..side - QUIET_ZONE;
    assert!(dark
        .iter()
        .all(|(x, y)| inside.contains(x) && inside.contains(y)));
}

#[test]
fn a_longer_text_gets_a_larger_code() {
    let (short, _) = drawn(svg_path(b"https://a.example/pay/abcdefgh").unwrap());
    let (long, _) = drawn(svg_path(&[b'a'; 300]).unwrap());
    assert!(long > short);
}

#[test]
fn the_svg_is_a_square_of_the_path_dark_on_white_and_hidden_from_screen_readers() {
    let (side, path) = svg_path(URL).unwrap();
    assert_eq!(
        svg(URL).unwrap(),
        format!(
            "<svg viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\">\
             <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    );
    // Nothing the page's policy refuses: no style attribute, no script, no link.
    for refused in ["style", "script", "href", "on"] {
        assert!(
            !svg(URL).unwrap().contains(&format!(" {refused}")),
            "{refused}"
        );
    }
}

#[test]
fn nothing_or_too_much_is_not_encoded() {
    assert_eq!(svg(b""), None);
    assert_eq!(svg(&[b'a'; INPUT_CAPACITY + 1]), None);
    assert!(svg(&[b'a'; INPUT_CAPACITY]).is_some());
}
