DROP TABLE credit_decisions;
DROP TABLE policy_rulesets;
