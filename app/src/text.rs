//! The one rule for text that enters Kreditor (order API bodies, batch files, portal and staff
//! forms): no NUL and no other control characters except tab, line feed and carriage return.
//!
//! Why refuse instead of strip: PostgreSQL cannot store NUL in `text` (or `\u0000` in `jsonb`),
//! so such a value used to fail deep inside a transaction as a 500; and the other control
//! characters (ESC, BEL, C1 codes) have no place in a name, address or reference but can
//! disturb terminals, CSV readers and printed invoices. Silently changing what a merchant sent
//! would make the stored order differ from their own record, so the field is named and the
//! request refused (422 in the API, a form error on the pages, a named line in a batch file).

/// The first character of `text` that no text field accepts, if any.
pub fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|c| is_forbidden(*c))
}

/// NUL, the C0 controls other than tab/LF/CR, DEL and the C1 controls.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `U+0000`: how a refused character is named in messages (it cannot be shown as itself).
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The message for `field` containing `c`.
pub fn message(field: &str, c: char) -> String {
    format!(
        "{field} contains the control character {}, which no text field accepts",
        code_point(c)
    )
}

/// Every string in `value` (object keys and values, at any depth) holding a forbidden
/// character, as (JSON path like `order_lines[2].name`, the first such character).
pub fn json_problems(value: &serde_json::Value) -> Vec<(String, char)> {
    let mut found = Vec::new();
    walk(value, &mut String::new(), &mut found);
    found
}

fn walk(value: &serde_json::Value, path: &mut String, found: &mut Vec<(String, char)>) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Some(c) = forbidden_char(s) {
                found.push((display_path(path), c));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, found);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                // A key with a control character is named with the character escaped.
                match forbidden_char(key) {
                    Some(c) => {
                        path.push_str(&key.escape_debug().to_string());
                        found.push((display_path(path), c));
                    }
                    None => path.push_str(key),
                }
                walk(item, path, found);
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "(body)".to_string()
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_controls_are_refused_tab_and_newlines_kept() {
        assert_eq!(forbidden_char("a\u{0}b"), Some('\u{0}'));
        assert_eq!(forbidden_char("esc \u{1b}[31m"), Some('\u{1b}'));
        assert_eq!(forbidden_char("c1 \u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_char("del \u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_char("Gatan 1\r\n\tc/o Ås 😀"), None);
        assert_eq!(code_point('\u{0}'), "U+0000");
    }

    #[test]
    fn json_problems_name_every_path() {
        let value = serde_json::json!({
            "merchant_reference1": "x\u{0}",
            "order_lines": [{"name": "ok"}, {"name": "bad\u{7}"}],
            "customer": {"email": "a@b.se"},
            "k\u{0}": 1,
        });
        let mut paths: Vec<String> = json_problems(&value).into_iter().map(|p| p.0).collect();
        paths.sort();
        assert_eq!(
            paths,
            vec!["k\\0", "merchant_reference1", "order_lines[1].name"]
        );
        assert!(json_problems(&serde_json::json!("\u{0}"))[0].0 == "(body)");
    }
}
