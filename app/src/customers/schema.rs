//! Diesel tables of the customers migration.

diesel::table! {
    customers (id) {
        id -> Uuid,
        country -> Text,
        national_id -> Text,
        given_name -> Text,
        family_name -> Text,
        email -> Text,
        phone -> Text,
        language -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    customer_addresses (id) {
        id -> Int8,
        customer_id -> Uuid,
        care_of -> Text,
        street -> Text,
        postal_code -> Text,
        city -> Text,
        country -> Text,
        source -> Text,
        verified -> Bool,
        recorded_at -> Timestamptz,
        recorded_by -> Text,
    }
}
