//! Customers: identities, records and addresses.

pub mod national_id;
