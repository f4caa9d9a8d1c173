# Feilkoder som tjenestene returnerer (AppError::code() og domenefeilenes code()) og som ennå
# manglet melding. Uten variabler, slik at de kan vises hvor som helst. Norsk bokmål.

## Beløp som noen har skrevet inn (app::money::ParseReason)
ERR_AMOUNT_EMPTY = Skriv inn et beløp.
ERR_AMOUNT_INVALID_CHARACTER = Beløpet inneholder et tegn som ikke hører hjemme i et beløp.
ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR = Bruk desimaltegnet for det valgte språket: komma på svensk, punktum på engelsk.
ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS = Beløpet har mer enn ett desimaltegn.
ERR_AMOUNT_MISSING_DIGITS = Det mangler sifre før eller etter desimaltegnet.
ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR = Et tusenskilletegn står på feil sted.
ERR_AMOUNT_MISPLACED_MINUS = Et minustegn kan bare stå først, og bare én gang.
ERR_AMOUNT_TOO_MANY_DECIMALS = Beløpet har flere desimaler enn valutaen tillater.
ERR_AMOUNT_UNKNOWN_CURRENCY = Beløpet angir en ukjent valuta.
ERR_AMOUNT_WRONG_CURRENCY = Beløpet er i en annen valuta enn forventet.
ERR_AMOUNT_DUPLICATE_CURRENCY = Valutaen er angitt mer enn én gang.
ERR_AMOUNT_OUT_OF_RANGE = Beløpet er for stort.

## Beregninger med penger (app::money::MoneyError)
ERR_MONEY_CURRENCY_MISMATCH = Beløp i forskjellige valutaer kan ikke kombineres.
ERR_MONEY_NOT_ROUNDED = Beløpet har flere desimaler enn valutaen tillater.
ERR_MONEY_OVERFLOW = Beløpet er for stort.
ERR_MONEY_NO_PARTS = Et beløp kan ikke deles i null deler.
ERR_MONEY_INVALID_WEIGHTS = Beløpet kan ikke fordeles etter disse andelene.

## Fødselsnumre (app::customers::national_id::IdError)
ERR_ID_FORMAT = Fødselsnummeret har ikke formatet som brukes i landet.
ERR_ID_DATE = Fødselsnummeret inneholder en dato som ikke finnes.
ERR_ID_CHECK_DIGIT = Kontrollsifferet i fødselsnummeret stemmer ikke. Sjekk at det er skrevet riktig.
ERR_ID_CENTURY = Det er ikke mulig å avgjøre hvilket århundre fødselsdatoen i fødselsnummeret hører til.
ERR_ID_FUTURE_BIRTH_DATE = Fødselsdatoen i fødselsnummeret ligger i fremtiden.
ERR_ID_UNSUPPORTED_COUNTRY = Fødselsnumre fra dette landet kan ikke kontrolleres.

## SIE-filer (app::ledger::sie::SieError)
ERR_SIE_UNBALANCED_VOUCHER = Et bilag i SIE-filen går ikke i balanse.
ERR_SIE_EMPTY_VOUCHER = Et bilag i SIE-filen har ingen linjer.
ERR_SIE_DUPLICATE_VOUCHER = To bilag i SIE-filen har samme serie og nummer.
ERR_SIE_VOUCHER_OUTSIDE_YEAR = Et bilag i SIE-filen er datert utenfor regnskapsåret.
ERR_SIE_UNKNOWN_ACCOUNT = SIE-filen bruker en konto som ikke finnes i kontoplanen.
ERR_SIE_DUPLICATE_ACCOUNT = En konto forekommer to ganger i SIE-filens kontoplan.
ERR_SIE_WRONG_ACCOUNT_KIND = SIE-filen har inngående saldo, utgående saldo eller resultat på feil type konto.
ERR_SIE_DUPLICATE_BALANCE = En konto har mer enn én saldo av samme type i SIE-filen.
ERR_SIE_TOO_MANY_DECIMALS = Et beløp i SIE-filen har mer enn to desimaler.
ERR_SIE_BALANCE_MISMATCH = Saldoene for en konto i SIE-filen stemmer ikke med kontoens transaksjoner.
ERR_SIE_INVALID_YEAR = Regnskapsåret i SIE-filen slutter før det begynner.
ERR_SIE_UNENCODABLE = Et tegn kan ikke skrives i SIE-filens tegnsett (tegntabell 437).
ERR_SIE_SYNTAX = SIE-filen kan ikke leses: den følger ikke SIE-formatet.

## Kompileringsfeil i PolicyRules (app::credit::policy::PolicyErrorKind)
POLICY_SYNTAX = Reglene følger ikke PolicyRules-grammatikken.
POLICY_UNKNOWN_FACT = Reglene bruker et faktum som ikke finnes.
POLICY_TYPE = Reglene sammenligner eller kombinerer verdier av typer som ikke passer sammen.
POLICY_CURRENCY_MISMATCH = Reglene kombinerer beløp i forskjellige valutaer.
POLICY_DUPLICATE_RULE = To regler har samme navn.
POLICY_DEFAULT = Reglene må slutte med nøyaktig én standardlinje.
POLICY_REASON_CODE = Årsakskoder skrives med store bokstaver og understrek, f.eks. UNDERAGE.
POLICY_SCOPE = Regelsettets overskrift eller et for-avsnitt er feilformatert.

## Skriveoperasjoner med ukjent utfall, og portalskjemaer som sendes to ganger (app::kdb, app::portal::order_actions)
COMMIT_UNCERTAIN = Forbindelsen til databasen ble brutt mens handlingen ble lagret, så vi kan ikke si om den ble utført. Kontroller ordren nedenfor før du prøver igjen.
ERR_PORTAL_FORM_TOKEN = Dette skjemaet er allerede sendt med annet innhold, eller det er ufullstendig. Siden viser nå ordren slik den er; fyll ut skjemaet på nytt.
