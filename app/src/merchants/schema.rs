//! Diesel tables of the merchants migration.

diesel::table! {
    merchants (id) {
        id -> Uuid,
        legal_name -> Text,
        org_nr -> Text,
        country -> Text,
        currency -> Text,
        contact_email -> Text,
        contact_phone -> Text,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    merchant_agreements (id) {
        id -> Int8,
        merchant_id -> Uuid,
        version -> Int4,
        valid_from -> Date,
        invoice_fee -> Numeric,
        commission_percent -> Numeric,
        commission_fixed -> Numeric,
        payment_terms_days -> Int4,
        authorization_days -> Int4,
        settlement_schedule -> Text,
        payout_account -> Text,
        reminder_fees -> Bool,
        created_by -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    merchant_users (id) {
        id -> Uuid,
        merchant_id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        active -> Bool,
        failed_logins -> Int4,
        locked_until -> Nullable<Timestamptz>,
        last_login_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    merchant_api_keys (key_id) {
        key_id -> Text,
        merchant_id -> Uuid,
        secret_hash -> Text,
        label -> Text,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        last_used_at -> Nullable<Timestamptz>,
    }
}
