//! Diesel tables of the cases domain (`migrations/2026-12-08-000015_payments`).

diesel::table! {
    /// Staff cases.
    cases (id) {
        id -> Uuid,
        number -> Int8,
        kind -> Text,
        status -> Text,
        priority -> Text,
        title -> Text,
        sla_due -> Timestamptz,
        assignee_id -> Nullable<Uuid>,
        customer_id -> Nullable<Uuid>,
        invoice_id -> Nullable<Uuid>,
        payment_id -> Nullable<Uuid>,
        order_id -> Nullable<Uuid>,
        resolution -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        resolved_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    /// Notes on a case.
    case_notes (id) {
        id -> Int8,
        case_id -> Uuid,
        author_id -> Nullable<Uuid>,
        body -> Text,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(case_notes -> cases (case_id));

diesel::allow_tables_to_appear_in_same_query!(cases, case_notes);
