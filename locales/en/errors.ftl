# Error codes the services return (AppError::code() and the domain errors' code()) that had no
# message yet. Written without variables, so they read well wherever they are shown.

## Amounts typed by people (app::money::ParseReason)
ERR_AMOUNT_EMPTY = Enter an amount.
ERR_AMOUNT_INVALID_CHARACTER = The amount contains a character that does not belong in an amount.
ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR = Use the decimal separator of the chosen language: a comma in Swedish, a point in English.
ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS = The amount has more than one decimal separator.
ERR_AMOUNT_MISSING_DIGITS = Digits are missing before or after the decimal separator.
ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR = A thousands separator is in the wrong place.
ERR_AMOUNT_MISPLACED_MINUS = A minus sign may only come first, and only once.
ERR_AMOUNT_TOO_MANY_DECIMALS = The amount has more decimals than the currency allows.
ERR_AMOUNT_UNKNOWN_CURRENCY = The amount names an unknown currency.
ERR_AMOUNT_WRONG_CURRENCY = The amount is in a different currency than expected.
ERR_AMOUNT_DUPLICATE_CURRENCY = The currency is given more than once.
ERR_AMOUNT_OUT_OF_RANGE = The amount is too large.

## Money arithmetic (app::money::MoneyError)
ERR_MONEY_CURRENCY_MISMATCH = Amounts in different currencies cannot be combined.
ERR_MONEY_NOT_ROUNDED = The amount has more decimals than the currency allows.
ERR_MONEY_OVERFLOW = The amount is too large.
ERR_MONEY_NO_PARTS = An amount cannot be split into zero parts.
ERR_MONEY_INVALID_WEIGHTS = The amount cannot be split by these shares.

## National identity numbers (app::customers::national_id::IdError)
ERR_ID_FORMAT = The national identity number does not have the format used in the country.
ERR_ID_DATE = The national identity number contains a date that does not exist.
ERR_ID_CHECK_DIGIT = The check digit of the national identity number does not match. Check for typing mistakes.
ERR_ID_CENTURY = The century of the birth date in the national identity number cannot be determined.
ERR_ID_FUTURE_BIRTH_DATE = The birth date in the national identity number is in the future.
ERR_ID_UNSUPPORTED_COUNTRY = National identity numbers of this country cannot be checked.

## SIE files (app::ledger::sie::SieError)
ERR_SIE_UNBALANCED_VOUCHER = A voucher in the SIE file does not balance.
ERR_SIE_EMPTY_VOUCHER = A voucher in the SIE file has no rows.
ERR_SIE_DUPLICATE_VOUCHER = Two vouchers in the SIE file have the same series and number.
ERR_SIE_VOUCHER_OUTSIDE_YEAR = A voucher in the SIE file is dated outside the fiscal year.
ERR_SIE_UNKNOWN_ACCOUNT = The SIE file uses an account that is not in the chart of accounts.
ERR_SIE_DUPLICATE_ACCOUNT = An account appears twice in the chart of accounts of the SIE file.
ERR_SIE_WRONG_ACCOUNT_KIND = The SIE file has an opening, closing or result balance on the wrong kind of account.
ERR_SIE_DUPLICATE_BALANCE = An account has more than one balance of the same kind in the SIE file.
ERR_SIE_TOO_MANY_DECIMALS = An amount in the SIE file has more than two decimals.
ERR_SIE_BALANCE_MISMATCH = The balances of an account in the SIE file do not agree with its transactions.
ERR_SIE_INVALID_YEAR = The fiscal year of the SIE file ends before it starts.
ERR_SIE_UNENCODABLE = A character cannot be written in the SIE file's character set (code page 437).
ERR_SIE_SYNTAX = The SIE file cannot be read: it does not follow the SIE format.

## PolicyRules compile errors (app::credit::policy::PolicyErrorKind)
POLICY_SYNTAX = The rules do not follow the PolicyRules grammar.
POLICY_UNKNOWN_FACT = The rules use a fact that does not exist.
POLICY_TYPE = The rules compare or combine values of types that do not fit together.
POLICY_CURRENCY_MISMATCH = The rules combine amounts in different currencies.
POLICY_DUPLICATE_RULE = Two rules have the same name.
POLICY_DEFAULT = The rules must end with exactly one default line.
POLICY_REASON_CODE = Reason codes are written in capitals with underscores, e.g. UNDERAGE.
POLICY_SCOPE = The ruleset header or a for scope is malformed.

## Writes whose outcome is unknown, and portal forms sent twice (app::kdb, app::portal::order_actions)
COMMIT_UNCERTAIN = The connection to the database was lost while the action was being saved, so we cannot tell whether it was carried out. Check the order below before trying again.
ERR_PORTAL_FORM_TOKEN = This form was already sent with other content, or it is incomplete. The page now shows the order as it is; fill in the form again.
