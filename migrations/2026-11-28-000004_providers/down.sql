DROP TABLE provider_calls;
DROP TABLE registry_people;
