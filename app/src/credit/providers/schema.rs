//! Diesel tables of the fact providers, kept beside their module rather than in the shared
//! `schema.rs` so the providers can change without touching other domains.

diesel::table! {
    /// The built-in registry: one row per person, keyed by country and normalized id.
    registry_people (country, national_id) {
        country -> Text,
        national_id -> Text,
        given_name -> Text,
        family_name -> Text,
        street -> Text,
        postal_code -> Text,
        city -> Text,
        score -> Int4,
        risk_class -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// Every provider call with its outcome and latency, for the staff UI.
    provider_calls (id) {
        id -> Int8,
        provider -> Text,
        operation -> Text,
        outcome -> Text,
        attempts -> Int2,
        latency_ms -> Int4,
        recorded_at -> Timestamptz,
    }
}
