//! Diesel table definitions, written by hand to match `migrations/`.

diesel::table! {
    staff_users (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        active -> Bool,
        language -> Text,
        failed_logins -> Int4,
        locked_until -> Nullable<Timestamptz>,
        last_login_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    web_sessions (id) {
        id -> Text,
        data -> Jsonb,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        business_time -> Timestamptz,
        recorded_at -> Timestamptz,
        actor_kind -> Text,
        actor_id -> Text,
        actor_label -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Text,
    }
}

diesel::table! {
    ktime_clock (id) {
        id -> Int2,
        offset_ms -> Int8,
        frozen_at -> Nullable<Timestamptz>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    ledger_accounts (number) {
        number -> Int4,
        name_sv -> Text,
        name_en -> Text,
        kind -> Text,
        currency -> Nullable<Text>,
        vat_code -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    ledger_closed_days (business_date) {
        business_date -> Date,
        closed_at -> Timestamptz,
        actor_label -> Text,
        result -> Jsonb,
    }
}

diesel::table! {
    journal_entries (id) {
        id -> Int8,
        business_date -> Date,
        created_at -> Timestamptz,
        event -> Text,
        description -> Text,
        entity_type -> Nullable<Text>,
        entity_id -> Nullable<Text>,
        reverses -> Nullable<Int8>,
        reason -> Nullable<Text>,
        actor_kind -> Text,
        actor_id -> Text,
        actor_label -> Text,
        idempotency_key -> Nullable<Text>,
    }
}

diesel::table! {
    journal_lines (id) {
        id -> Int8,
        entry_id -> Int8,
        line_no -> Int4,
        account -> Int4,
        amount -> Numeric,
        currency -> Text,
        merchant_id -> Nullable<Text>,
        customer_id -> Nullable<Text>,
        invoice_id -> Nullable<Text>,
    }
}

diesel::joinable!(journal_lines -> journal_entries (entry_id));
diesel::joinable!(journal_lines -> ledger_accounts (account));
diesel::allow_tables_to_appear_in_same_query!(journal_entries, journal_lines, ledger_accounts);
