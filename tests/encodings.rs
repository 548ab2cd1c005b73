//! Every supported encoding of a seed article extracts exactly what the UTF-8
//! original does. The variants are built here, from the seed, by encoding it.

use serde_json::Value;
use std::fs;
use unicode_normalization::UnicodeNormalization;

const SEED: &str = include_str!("../assets/corpus/000_6ea38480b863f6f0.txt");

fn export(path: &std::path::Path) -> Value {
    let out = assert_cmd::Command::cargo_bin("vnie")
        .unwrap()
        .args(["export", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the source path may differ between variants.
    for d in v["documents"].as_array_mut().unwrap() {
        d["source"] = Value::Null;
    }
    v
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in s.encode_utf16() {
        let b = if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

fn windows_1258(s: &str) -> Vec<u8> {
    // Windows-1258 has â, ê, ô, ơ, ư, ă, đ precomposed but writes the five tones as
    // combining marks after the letter.
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut decomposed = String::new();
    for c in s.nfc() {
        let parts: Vec<char> = c.to_string().nfd().collect();
        let tone = parts.iter().find(|p| TONES.contains(p)).copied();
        let rest: String = parts.iter().filter(|p| !TONES.contains(p)).collect();
        decomposed.extend(rest.nfc());
        decomposed.extend(tone);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&decomposed);
    assert!(!unmappable, "seed text fits Windows-1258");
    bytes.into_owned()
}

#[test]
fn every_encoding_extracts_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("utf8.txt");
    fs::write(&original, SEED).unwrap();
    let expected = export(&original);
    assert!(!expected["figures"].as_array().unwrap().is_empty());

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SEED.as_bytes());
    let crlf = SEED.replace('\n', "\r\n");
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("utf8-bom", bom),
        ("utf16le", utf16(SEED, false)),
        ("utf16be", utf16(SEED, true)),
        ("utf16le-crlf", utf16(&crlf, false)),
        ("cp1258", windows_1258(SEED)),
        ("nfd", SEED.nfd().collect::<String>().into_bytes()),
    ];
    for (name, bytes) in variants {
        let path = dir.path().join(format!("{name}.txt"));
        fs::write(&path, bytes).unwrap();
        assert_eq!(
            export(&path),
            expected,
            "{name} differs from the UTF-8 original"
        );
    }
}

#[test]
fn escape_sequences_never_survive_loading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.txt");
    let evil = "Thanh Hóa\u{1b}[31m đạt\u{1b}]52;c;aGVsbG8=\u{7} tỷ trọng\u{1b}]8;;http://x\u{1b}\\ 40%\u{9b}2J\u{202e} năm 2030.\u{7}";
    fs::write(&path, evil).unwrap();
    let out = assert_cmd::Command::cargo_bin("vnie")
        .unwrap()
        .args(["export", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let sentence = v["figures"][0]["sentence"].as_str().unwrap();
    assert!(
        !sentence
            .chars()
            .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{sentence:?}"
    );
    assert!(sentence.contains("Thanh Hóa") && sentence.contains("40%"));
}
