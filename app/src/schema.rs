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
