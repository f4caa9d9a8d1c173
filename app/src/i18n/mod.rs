//! Languages and translations (Fluent files in `locales/`, embedded at compile time so the
//! server and the browser show the same words), and locale formatting of numbers and dates.

pub mod format;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, static_loader, LanguageIdentifier, Loader};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "sv",
        // No Unicode isolation marks: they would end up in tests' text matches and in PDFs.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language the UI offers.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// BCP 47 code, also the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses a code; `sv-SE` and `en-GB` count as `sv` and `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .find_map(|part| Lang::parse(part.split(';').next().unwrap_or("")))
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// The message `id` in `lang`; the id itself when missing (visible, so it gets fixed).
pub fn tr(lang: Lang, id: &str) -> String {
    LOCALES
        .try_lookup(lang.id(), id)
        .unwrap_or_else(|| id.to_string())
}

/// The message `id` in `lang` with named arguments.
pub fn tr_args(lang: Lang, id: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES
        .try_lookup_with_args(lang.id(), id, &map)
        .unwrap_or_else(|| id.to_string())
}

/// The page's language signal, provided by the root component.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::default()))
}

/// A reactive translation: re-renders when the language changes.
pub fn t(id: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || tr(lang.get(), id)
}

#[cfg(test)]
mod error_codes_test;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_language_codes_and_headers() {
        assert_eq!(Lang::parse("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(
            Lang::from_accept_language("de-DE,en;q=0.8,sv;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fr"), None);
    }

    /// Message ids and the `$variables` each uses, from one Fluent file.
    fn messages(
        ftl: &str,
    ) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let mut out = std::collections::BTreeMap::new();
        for line in ftl.lines() {
            let Some((id, value)) = line.split_once(" = ") else {
                continue;
            };
            if id.starts_with(char::is_alphabetic) && !id.contains(' ') {
                let vars = value
                    .split("{ $")
                    .skip(1)
                    .filter_map(|rest| rest.split([' ', '}']).next())
                    .map(str::to_string)
                    .collect();
                out.insert(id.to_string(), vars);
            }
        }
        out
    }

    #[test]
    fn swedish_and_english_have_the_same_messages_and_variables() {
        let sv = messages(include_str!("../../../locales/sv/main.ftl"));
        let en = messages(include_str!("../../../locales/en/main.ftl"));
        assert!(sv.len() > 50);
        let only_sv: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !sv.contains_key(*k)).collect();
        assert!(
            only_sv.is_empty() && only_en.is_empty(),
            "sv only: {only_sv:?}, en only: {only_en:?}"
        );
        for (id, vars) in &sv {
            assert_eq!(vars, &en[id], "variables of {id} differ");
        }
    }

    #[test]
    fn translations_exist_in_both_languages() {
        assert_eq!(tr(Lang::Sv, "nav-dashboard"), "Översikt");
        assert_eq!(tr(Lang::En, "nav-dashboard"), "Dashboard");
        assert_eq!(tr(Lang::En, "no-such-message"), "no-such-message");
        assert_eq!(
            tr_args(
                Lang::En,
                "ERR_TOO_MANY_ATTEMPTS",
                &[("seconds", "15".into())]
            ),
            "Too many attempts. Try again in 15 seconds."
        );
    }
}
