DROP TABLE merchant_api_keys;
DROP TABLE merchant_users;
DROP TABLE merchant_agreements;
DROP FUNCTION merchant_agreements_reject_change();
DROP TABLE merchants;
