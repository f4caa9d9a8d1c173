//! Diesel tables of the payments domain (`migrations/2026-12-08-000015_payments`).

diesel::table! {
    /// Imported bank files.
    payment_files (id) {
        id -> Uuid,
        format -> Text,
        bank_file_id -> Text,
        sha256 -> Text,
        file_name -> Text,
        source -> Text,
        test_file -> Bool,
        summary -> Jsonb,
        imported_at -> Timestamptz,
        imported_by -> Text,
    }
}

diesel::table! {
    /// Payments, returns and deductions read from bank files.
    payments (id) {
        id -> Uuid,
        file_id -> Uuid,
        bank_ref -> Text,
        account -> Text,
        country -> Text,
        currency -> Text,
        amount -> Int8,
        kind -> Text,
        booking_date -> Date,
        value_date -> Nullable<Date>,
        refs -> Jsonb,
        information -> Jsonb,
        payer -> Jsonb,
        position -> Text,
        outcome -> Text,
        unplaced -> Int8,
        customer_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Where each part of a payment went.
    payment_allocations (id) {
        id -> Int8,
        payment_id -> Uuid,
        invoice_id -> Nullable<Uuid>,
        customer_id -> Nullable<Uuid>,
        target -> Text,
        amount -> Int8,
        booked_on -> Date,
        case_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        created_by -> Text,
    }
}

diesel::joinable!(payments -> payment_files (file_id));
diesel::joinable!(payment_allocations -> payments (payment_id));

diesel::allow_tables_to_appear_in_same_query!(payment_files, payments, payment_allocations,);
