DROP TABLE customer_addresses;
DROP FUNCTION customer_addresses_reject_change();
DROP TABLE customers;
