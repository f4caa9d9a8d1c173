//! Every error code the code can return has a message in every language, and the Fluent
//! files agree with each other: the UI shows `AppError::code()` (and the domain errors'
//! `code()`) through Fluent, and a missing message would show the bare code to the user.
//!
//! The codes are found by scanning the Rust sources at test time (`app/src` and `server/src`)
//! for string literals shaped like codes (`"ERR_…"`, `"POLICY_…"`, `"err-…"`), so a new code
//! is checked the moment it is written, without a list to keep up to date.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{tr_args, Lang};

/// The workspace root (this crate lives in `app/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every file under `dir` whose name ends with `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether `s` (without quotes) is shaped like an error code. Prefixes that end in `_` or
/// `-` (`"ERR_ID_"` in a test that checks a family) are not codes.
fn is_code(s: &str) -> bool {
    let upper = |rest: &str| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            && !rest.ends_with('_')
    };
    let lower = |rest: &str| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !rest.ends_with('-')
    };
    if let Some(rest) = s.strip_prefix("ERR_") {
        upper(rest)
    } else if let Some(rest) = s.strip_prefix("POLICY_") {
        upper(rest)
    } else if let Some(rest) = s.strip_prefix("err-") {
        lower(rest)
    } else {
        false
    }
}

/// The code-shaped string literals of one source text: every `"…"` span between two quotes
/// is tried, not only every other one, so a `'"'` or `\"` elsewhere cannot shift the pairing
/// and hide the codes after it.
fn codes_in(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = source;
    while let Some(open) = rest.find('"') {
        rest = &rest[open + 1..];
        let candidate = rest.split('"').next().unwrap_or_default();
        if rest.len() > candidate.len() && is_code(candidate) {
            out.insert(candidate.to_string());
        }
    }
    out
}

/// Every code in the sources, with the first file that uses it.
fn codes() -> BTreeMap<String, String> {
    let root = root();
    let mut out = BTreeMap::new();
    for dir in ["app/src", "server/src"] {
        for file in files(&root.join(dir), ".rs") {
            if file.ends_with("i18n/error_codes_test.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let shown = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            for code in codes_in(&text) {
                out.entry(code).or_insert_with(|| shown.clone());
            }
        }
    }
    out
}

/// Message ids (and the `$variables` each uses) of one Fluent file. Terms (`-x`), comments and
/// continuation lines are not messages.
fn messages(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for line in ftl.lines() {
        let Some((id, value)) = line.split_once('=') else {
            continue;
        };
        let id = id.trim_end();
        if !id.starts_with(|c: char| c.is_ascii_alphabetic())
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            continue;
        }
        let vars = value
            .split("{ $")
            .skip(1)
            .filter_map(|rest| rest.split([' ', '}']).next())
            .map(str::to_string)
            .collect();
        out.insert(id.to_string(), vars);
    }
    out
}

/// Message id → (the file defining it, its variables).
type Catalog = BTreeMap<String, (String, BTreeSet<String>)>;

/// Per language: every message (duplicates and parity are `parity_test`'s business).
fn catalog(lang: Lang) -> Catalog {
    let mut ids = BTreeMap::new();
    for file in files(&root().join("locales").join(lang.code()), ".ftl") {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (id, vars) in messages(&text) {
            ids.insert(id, (name.clone(), vars));
        }
    }
    ids
}

#[test]
fn the_scanner_finds_codes_and_skips_prefixes() {
    let src = r#"Err(AppError::invalid("x", "ERR_REQUIRED")); let p = "ERR_ID_"; "POLICY_TYPE" "err-a-b" "ERR_x" "ERRORS" '"' "ERR_AFTER_QUOTE" "#;
    let found: Vec<_> = codes_in(src).into_iter().collect();
    assert_eq!(
        found,
        vec!["ERR_AFTER_QUOTE", "ERR_REQUIRED", "POLICY_TYPE", "err-a-b"]
    );
}

#[test]
fn the_sources_have_codes() {
    let all = codes();
    for known in [
        "ERR_UNAUTHORIZED",
        "ERR_ID_FORMAT",
        "ERR_MONEY_OVERFLOW",
        "POLICY_SYNTAX",
    ] {
        assert!(all.contains_key(known), "the scan missed {known}");
    }
}

#[test]
fn every_error_code_has_a_message_in_every_language() {
    let codes = codes();
    // Every variable an error message may use (see `ui::components::error_text`): a message
    // missing one of its variables does not format, which would hide a loaded message.
    let args = [
        ("field", "x".to_string()),
        ("minutes", "1".to_string()),
        ("seconds", "1".to_string()),
        ("id", "x".to_string()),
    ];
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        let ids = catalog(lang);
        for (code, file) in &codes {
            if !ids.contains_key(code) {
                missing.push(format!("{code} ({file}) has no {} message", lang.code()));
            } else if tr_args(lang, code, &args) == *code {
                missing.push(format!(
                    "{code}: the {} bundle does not load it",
                    lang.code()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to locales/<lang>/*.ftl:\n{}",
        missing.join("\n")
    );
}
