//! Diesel tables of orders, captures, invoices, refunds and API idempotency keys (one
//! migration, one file: they are written together by the order service).

diesel::table! {
    /// Orders placed through the order API.
    orders (id) {
        id -> Uuid,
        merchant_id -> Uuid,
        agreement_id -> Int8,
        customer_id -> Uuid,
        billing_address_id -> Nullable<Int8>,
        decision_id -> Int8,
        purchase_country -> Text,
        purchase_currency -> Text,
        locale -> Text,
        payment_method -> Text,
        status -> Text,
        order_amount -> Int8,
        original_order_amount -> Int8,
        order_tax_amount -> Int8,
        captured_amount -> Int8,
        refunded_amount -> Int8,
        released_amount -> Int8,
        order_lines -> Jsonb,
        merchant_reference1 -> Text,
        merchant_reference2 -> Text,
        customer_email -> Text,
        customer_phone -> Text,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    /// Captures (shipments) of orders.
    captures (id) {
        id -> Uuid,
        order_id -> Uuid,
        merchant_id -> Uuid,
        captured_amount -> Int8,
        refunded_amount -> Int8,
        description -> Text,
        reference -> Text,
        order_lines -> Jsonb,
        shipping_info -> Jsonb,
        captured_at -> Timestamptz,
    }
}

diesel::table! {
    /// Invoices, one per capture.
    invoices (id) {
        id -> Uuid,
        country -> Text,
        invoice_number -> Int8,
        ocr -> Text,
        currency -> Text,
        merchant_id -> Uuid,
        customer_id -> Uuid,
        order_id -> Uuid,
        capture_id -> Uuid,
        billing_address_id -> Nullable<Int8>,
        language -> Text,
        invoice_date -> Date,
        due_date -> Date,
        goods_amount -> Int8,
        invoice_fee -> Int8,
        total_amount -> Int8,
        vat_breakdown -> Jsonb,
        credited_amount -> Int8,
        paid_amount -> Int8,
        status -> Text,
        created_at -> Timestamptz,
        paid_on -> Nullable<Date>,
    }
}

diesel::table! {
    /// Refunds with their credit notes.
    refunds (id) {
        id -> Uuid,
        order_id -> Uuid,
        merchant_id -> Uuid,
        capture_id -> Uuid,
        invoice_id -> Uuid,
        refunded_amount -> Int8,
        description -> Text,
        reference -> Text,
        order_lines -> Jsonb,
        credit_note_number -> Int8,
        vat_breakdown -> Jsonb,
        refunded_at -> Timestamptz,
    }
}

diesel::table! {
    /// Money owed back to customers.
    customer_payouts (id) {
        id -> Uuid,
        customer_id -> Uuid,
        refund_id -> Uuid,
        currency -> Text,
        amount -> Int8,
        status -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    /// Stored responses of the order API by Idempotency-Key.
    api_idempotency_keys (merchant_id, idempotency_key) {
        merchant_id -> Uuid,
        idempotency_key -> Text,
        request_hash -> Text,
        response_status -> Int4,
        response_body -> Text,
        response_location -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(captures -> orders (order_id));
diesel::joinable!(invoices -> captures (capture_id));
diesel::joinable!(refunds -> captures (capture_id));

diesel::allow_tables_to_appear_in_same_query!(
    orders,
    captures,
    invoices,
    refunds,
    customer_payouts,
);
