//! Diesel tables of API batches and their rows (migrations `2026-11-28-000009_batches`,
//! `2026-12-07-000014_edges`: `inputs_purged_at`).

diesel::table! {
    /// Uploaded batch files of captures or new orders.
    api_batches (id) {
        id -> Uuid,
        merchant_id -> Uuid,
        kind -> Text,
        format -> Text,
        status -> Text,
        total_rows -> Int4,
        done_rows -> Int4,
        ok_rows -> Int4,
        error_rows -> Int4,
        created_at -> Timestamptz,
        started_at -> Nullable<Timestamptz>,
        finished_at -> Nullable<Timestamptz>,
        sha256 -> Text,
        inputs_purged_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    /// One row of a batch: its input and, once processed, its result.
    api_batch_rows (batch_id, row_no) {
        batch_id -> Uuid,
        row_no -> Int4,
        key -> Text,
        input -> Jsonb,
        status -> Text,
        error_code -> Nullable<Text>,
        error_message -> Nullable<Text>,
        result -> Nullable<Jsonb>,
        leased_until -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(api_batch_rows -> api_batches (batch_id));
diesel::allow_tables_to_appear_in_same_query!(api_batches, api_batch_rows);
