//! The facts a decision is made on: typed values by name, gathered before deciding.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;

use super::schema::FactType;

/// One fact's value. Serialised with its type (`{"type":"money","value":{…}}`) so stored
/// snapshots read back exactly, money as a string amount plus currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FactValue {
    /// `true` / `false`.
    Bool(bool),
    /// An exact number (age, counts, score).
    Number(Decimal),
    /// An amount with its currency.
    Money(Money),
    /// Text (country codes, ids, risk classes).
    String(String),
}

impl FactValue {
    /// The schema type this value has.
    pub fn fact_type(&self) -> FactType {
        match self {
            FactValue::Bool(_) => FactType::Bool,
            FactValue::Number(_) => FactType::Number,
            FactValue::Money(_) => FactType::Money,
            FactValue::String(_) => FactType::String,
        }
    }
}

/// The facts about one purchase, by name (`customer.age`).
///
/// A fact that could not be gathered is simply absent; reading it is an evaluation error
/// (the decision becomes `refer EVALUATION_ERROR`), so provider failures should be turned
/// into explicit facts such as `score.available = false` that rules test first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Facts {
    values: BTreeMap<String, FactValue>,
}

impl Facts {
    /// No facts.
    pub fn new() -> Facts {
        Facts::default()
    }

    /// Sets `name` to `value`, replacing an earlier value.
    pub fn insert(&mut self, name: impl Into<String>, value: FactValue) {
        self.values.insert(name.into(), value);
    }

    /// Builder form of [`Facts::insert`].
    pub fn with(mut self, name: impl Into<String>, value: FactValue) -> Facts {
        self.insert(name, value);
        self
    }

    /// Forgets `name` (as if its provider had failed); returns what it was.
    pub fn remove(&mut self, name: &str) -> Option<FactValue> {
        self.values.remove(name)
    }

    /// The value of `name`, if gathered.
    pub fn get(&self, name: &str) -> Option<&FactValue> {
        self.values.get(name)
    }

    /// All facts, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &FactValue)> {
        self.values.iter()
    }
}

impl FromIterator<(String, FactValue)> for Facts {
    fn from_iter<T: IntoIterator<Item = (String, FactValue)>>(iter: T) -> Facts {
        Facts {
            values: iter.into_iter().collect(),
        }
    }
}
