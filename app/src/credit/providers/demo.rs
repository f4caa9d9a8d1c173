//! The generated demo registry (`server/data/registry-demo.csv`): fictitious people with
//! valid ids across SE/NO/FI/DK, deterministic so the shipped file can be checked against
//! this generator and regenerated identically.
//!
//! The ids pass their countries' checks but may belong to real people (every valid number
//! does, eventually), so the file is for demo and test installations only.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use super::import::REGISTRY_HEADER;
use super::{country_code, RiskClass};
use crate::customers::national_id::{generate_valid, NationalId, Sex};
use crate::ktime::Country;

/// A fixed seed: the demo file must come out the same on every machine.
pub const DEMO_SEED: u64 = 0x4b52_4544;

/// No one in the demo is born after this day (the generator draws 1940 to 2005): the date
/// ids are checked against, fixed so the file does not depend on when it is generated.
const LATEST_BIRTH: NaiveDate = match NaiveDate::from_ymd_opt(2006, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Number of people in the shipped demo file.
pub const DEMO_PEOPLE: usize = 3000;

/// Given names (women's, men's), family names and (street, postal code, city) per country.
struct Names {
    country: Country,
    women: &'static [&'static str],
    men: &'static [&'static str],
    family: &'static [&'static str],
    streets: &'static [&'static str],
    places: &'static [(&'static str, &'static str)],
}

const NORDIC: [Names; 4] = [
    Names {
        country: Country::SE,
        women: &[
            "Anna", "Maria", "Karin", "Elsa", "Ingrid", "Sara", "Linnea", "Maja",
        ],
        men: &[
            "Erik", "Lars", "Johan", "Nils", "Oskar", "Gustav", "Axel", "Karl",
        ],
        family: &[
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
            "Lindqvist",
            "Berg",
        ],
        streets: &[
            "Storgatan",
            "Kungsgatan",
            "Drottninggatan",
            "Skolgatan",
            "Björkvägen",
            "Ekvägen",
            "Sjövägen",
            "Kyrkogatan",
        ],
        places: &[
            ("114 55", "Stockholm"),
            ("411 06", "Göteborg"),
            ("211 20", "Malmö"),
            ("753 20", "Uppsala"),
            ("903 26", "Umeå"),
            ("582 24", "Linköping"),
        ],
    },
    Names {
        country: Country::NO,
        women: &[
            "Kari", "Ingrid", "Sigrid", "Astrid", "Ragnhild", "Solveig", "Nora", "Ingeborg",
        ],
        men: &[
            "Ola", "Magnus", "Henrik", "Jonas", "Håkon", "Eirik", "Sindre", "Knut",
        ],
        family: &[
            "Hansen",
            "Johansen",
            "Olsen",
            "Larsen",
            "Andersen",
            "Pedersen",
            "Nilsen",
            "Kristiansen",
            "Berg",
            "Haugen",
            "Bakken",
        ],
        streets: &[
            "Storgata",
            "Kirkegata",
            "Skolegata",
            "Fjordveien",
            "Bjørkeveien",
            "Strandgata",
            "Sjøgata",
        ],
        places: &[
            ("0150", "Oslo"),
            ("5003", "Bergen"),
            ("7011", "Trondheim"),
            ("4006", "Stavanger"),
            ("9008", "Tromsø"),
        ],
    },
    Names {
        country: Country::FI,
        women: &[
            "Aino", "Helmi", "Liisa", "Sanna", "Kaisa", "Venla", "Aada", "Elina",
        ],
        men: &[
            "Matti", "Juha", "Mikko", "Antti", "Ville", "Eero", "Timo", "Jussi",
        ],
        family: &[
            "Korhonen",
            "Virtanen",
            "Mäkinen",
            "Nieminen",
            "Mäkelä",
            "Hämäläinen",
            "Laine",
            "Heikkinen",
            "Koskinen",
            "Järvinen",
        ],
        streets: &[
            "Mannerheimintie",
            "Hämeenkatu",
            "Kauppakatu",
            "Koulukatu",
            "Rantatie",
            "Koivukuja",
            "Puistokatu",
        ],
        places: &[
            ("00100", "Helsinki"),
            ("33100", "Tampere"),
            ("20100", "Turku"),
            ("90100", "Oulu"),
            ("40100", "Jyväskylä"),
        ],
    },
    Names {
        country: Country::DK,
        women: &[
            "Mette", "Hanne", "Kirsten", "Freja", "Ida", "Signe", "Karen", "Sofie",
        ],
        men: &[
            "Jens", "Søren", "Lars", "Mads", "Rasmus", "Anders", "Niels", "Frederik",
        ],
        family: &[
            "Nielsen",
            "Jensen",
            "Hansen",
            "Pedersen",
            "Andersen",
            "Christensen",
            "Larsen",
            "Sørensen",
            "Rasmussen",
            "Jørgensen",
        ],
        streets: &[
            "Vestergade",
            "Østergade",
            "Nørregade",
            "Søndergade",
            "Strandvejen",
            "Skovvej",
            "Kirkevej",
        ],
        places: &[
            ("2100", "København Ø"),
            ("8000", "Aarhus C"),
            ("5000", "Odense C"),
            ("9000", "Aalborg"),
            ("6700", "Esbjerg"),
        ],
    },
];

/// SplitMix64: a tiny, well-mixed generator; enough to vary names and ages reproducibly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }
}

/// The risk band a demo score falls in (higher score, lower risk).
fn risk_class(score: usize) -> RiskClass {
    match score {
        800.. => RiskClass::A,
        650..=799 => RiskClass::B,
        500..=649 => RiskClass::C,
        300..=499 => RiskClass::D,
        _ => RiskClass::E,
    }
}

/// The demo registry as CSV: the header and `people` rows, the countries in turn, born
/// between 1940 and 2005.
pub fn demo_registry_csv(people: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from(REGISTRY_HEADER);
    out.push('\n');
    let mut seen = HashSet::new();
    let first_day = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap_or_default();
    let mut made = 0;
    let mut serial: u32 = 0;
    while made < people {
        let names = &NORDIC[made % NORDIC.len()];
        serial = serial.wrapping_add(1);
        let days = u64::try_from(rng.below(65 * 365)).unwrap_or(0);
        let Some(born) = first_day.checked_add_days(Days::new(days)) else {
            continue;
        };
        let Some(id) = generate_valid(names.country, born, serial) else {
            continue;
        };
        // The given name follows the sex the number encodes, so the demo data looks plausible
        // on the customer page.
        let sex = NationalId::parse(names.country, &id, LATEST_BIRTH)
            .ok()
            .and_then(|parsed| parsed.sex());
        let given = match sex {
            Some(Sex::Male) => names.men,
            _ => names.women,
        };
        if !seen.insert((names.country, id.clone())) {
            continue;
        }
        let (postal, city) = names.places[rng.below(names.places.len())];
        let score = 150 + rng.below(851);
        let _ = writeln!(
            out,
            "{},{},{},{},{} {},{},{},{},{}",
            country_code(names.country),
            id,
            rng.pick(given),
            rng.pick(names.family),
            rng.pick(names.streets),
            1 + rng.below(120),
            postal,
            city,
            score,
            risk_class(score).as_str(),
        );
        made += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_sized() {
        let a = demo_registry_csv(40, DEMO_SEED);
        assert_eq!(a, demo_registry_csv(40, DEMO_SEED));
        assert_eq!(a.lines().count(), 41);
        assert!(a.lines().skip(1).any(|l| l.starts_with("FI,")));
    }
}
