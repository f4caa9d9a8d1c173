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
static NB: LanguageIdentifier = langid!("nb");
static FI: LanguageIdentifier = langid!("fi");
static DA: LanguageIdentifier = langid!("da");
static DE: LanguageIdentifier = langid!("de");

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
    /// Norwegian Bokmål.
    Nb,
    /// Finnish.
    Fi,
    /// Danish.
    Da,
    /// German.
    De,
}

impl Lang {
    /// Every language the UI offers.
    pub const ALL: [Lang; 6] = [Lang::Sv, Lang::En, Lang::Nb, Lang::Fi, Lang::Da, Lang::De];

    /// BCP 47 code, also the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Nb => "nb",
            Lang::Fi => "fi",
            Lang::Da => "da",
            Lang::De => "de",
        }
    }

    /// The language's own name, for the language switch (a reader finds their language even
    /// when the page is in one they cannot read).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::En => "English",
            Lang::Nb => "Norsk bokmål",
            Lang::Fi => "Suomi",
            Lang::Da => "Dansk",
            Lang::De => "Deutsch",
        }
    }

    /// Parses a code; regions are ignored (`sv-SE` is `sv`), and the generic Norwegian codes
    /// `no` and `nn` count as Bokmål, the written standard Kreditor offers.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "fi" => Some(Lang::Fi),
            "da" => Some(Lang::Da),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The language of a market: what a customer in `country` reads when the order names none.
    pub fn of_country(country: crate::ktime::Country) -> Lang {
        use crate::ktime::Country;
        match country {
            Country::SE => Lang::Sv,
            Country::NO => Lang::Nb,
            Country::FI => Lang::Fi,
            Country::DK => Lang::Da,
            Country::DE => Lang::De,
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
            Lang::Nb => &NB,
            Lang::Fi => &FI,
            Lang::Da => &DA,
            Lang::De => &DE,
        }
    }
}

/// The message `id` in `lang`; the id itself when missing (visible, so it gets fixed).
pub fn tr(lang: Lang, id: &str) -> String {
    LOCALES
        .try_lookup(lang.id(), id)
        .unwrap_or_else(|| id.to_string())
}

/// Arguments that are counts: passed to Fluent as numbers so a message can choose its plural
/// form (`[one] 1 dag *[other] 3 dagar`); Fluent only matches plural categories on numbers.
/// Everything else stays text, because a reference like `007` or a postal code must not be
/// reformatted as a number.
const COUNT_ARGS: [&str; 5] = ["count", "days", "minutes", "seconds", "total"];

/// The message `id` in `lang` with named arguments.
pub fn tr_args(lang: Lang, id: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = if COUNT_ARGS.contains(k) {
                FluentValue::try_number(v.as_str())
            } else {
                FluentValue::from(v.clone())
            };
            (Cow::Borrowed(*k), value)
        })
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
mod parity_test;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_language_codes_and_headers() {
        assert_eq!(Lang::parse("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de-AT"), Some(Lang::De));
        assert_eq!(Lang::parse("no"), Some(Lang::Nb));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(
            Lang::from_accept_language("fr-FR,en;q=0.8,sv;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("nb-NO,sv;q=0.5"), Some(Lang::Nb));
        assert_eq!(Lang::from_accept_language("fr"), None);
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

    /// Counts choose the plural form per language; other arguments are never reformatted.
    #[test]
    fn counts_take_the_plural_form_of_each_language() {
        let days = |lang, n: &str| tr_args(lang, "settings-offset-days", &[("days", n.into())]);
        assert_eq!(days(Lang::Sv, "1"), "1 dag före väggklockan");
        assert_eq!(days(Lang::Sv, "3"), "3 dagar före väggklockan");
        assert_eq!(days(Lang::En, "1"), "1 day ahead of the wall clock");
        assert_eq!(days(Lang::Fi, "2"), "2 päivää todellisen ajan edellä");
        assert_eq!(days(Lang::De, "1"), "1 Tag vor der tatsächlichen Zeit");
        assert_eq!(days(Lang::Da, "0"), "0 dage foran den virkelige tid");
        assert_eq!(
            tr_args(
                Lang::En,
                "portal-batch-row-invoice",
                &[("number", "007".into())]
            ),
            "Invoice 007"
        );
    }
}
