//! Diesel table definitions of the ruleset store and the decision log, written by hand to
//! match `migrations/2026-11-28-000005_rulesets`.

diesel::table! {
    policy_rulesets (id) {
        id -> Int8,
        country -> Text,
        product -> Text,
        version -> Int4,
        status -> Text,
        source -> Text,
        created_by -> Text,
        created_at -> Timestamptz,
        activated_at -> Nullable<Timestamptz>,
        retired_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    credit_decisions (id) {
        id -> Int8,
        business_time -> Timestamptz,
        country -> Text,
        product -> Text,
        merchant_id -> Text,
        customer_key -> Text,
        order_ref -> Text,
        outcome -> Text,
        reason -> Text,
        ruleset_id -> Int8,
        decided_by -> Nullable<Text>,
        fired_rules -> Jsonb,
        facts -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(credit_decisions -> policy_rulesets (ruleset_id));
diesel::allow_tables_to_appear_in_same_query!(policy_rulesets, credit_decisions);
