# Fejlkoder, som tjenesterne returnerer (AppError::code() og domænefejlenes code()), og som endnu
# manglede en meddelelse. Uden variabler, så de kan vises hvor som helst. Dansk.

## Beløb, som nogen har skrevet (app::money::ParseReason)
ERR_AMOUNT_EMPTY = Angiv et beløb.
ERR_AMOUNT_INVALID_CHARACTER = Beløbet indeholder et tegn, der ikke hører hjemme i et beløb.
ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR = Brug decimaltegnet for det valgte sprog: komma på svensk, punktum på engelsk.
ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS = Beløbet har mere end ét decimaltegn.
ERR_AMOUNT_MISSING_DIGITS = Der mangler cifre før eller efter decimaltegnet.
ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR = En tusindtalsseparator står et forkert sted.
ERR_AMOUNT_MISPLACED_MINUS = Et minustegn må kun stå først og kun én gang.
ERR_AMOUNT_TOO_MANY_DECIMALS = Beløbet har flere decimaler, end valutaen tillader.
ERR_AMOUNT_UNKNOWN_CURRENCY = Beløbet angiver en ukendt valuta.
ERR_AMOUNT_WRONG_CURRENCY = Beløbet er i en anden valuta end forventet.
ERR_AMOUNT_DUPLICATE_CURRENCY = Valutaen er angivet mere end én gang.
ERR_AMOUNT_OUT_OF_RANGE = Beløbet er for stort.

## Beregninger med penge (app::money::MoneyError)
ERR_MONEY_CURRENCY_MISMATCH = Beløb i forskellige valutaer kan ikke kombineres.
ERR_MONEY_NOT_ROUNDED = Beløbet har flere decimaler, end valutaen tillader.
ERR_MONEY_OVERFLOW = Beløbet er for stort.
ERR_MONEY_NO_PARTS = Et beløb kan ikke deles i nul dele.
ERR_MONEY_INVALID_WEIGHTS = Beløbet kan ikke fordeles efter disse andele.

## Personnumre (app::customers::national_id::IdError)
ERR_ID_FORMAT = Personnummeret har ikke det format, der bruges i landet.
ERR_ID_DATE = Personnummeret indeholder en dato, der ikke findes.
ERR_ID_CHECK_DIGIT = Personnummerets kontrolciffer stemmer ikke. Kontroller, at det er skrevet korrekt.
ERR_ID_CENTURY = Det er ikke muligt at afgøre, hvilket århundrede fødselsdatoen i personnummeret hører til.
ERR_ID_FUTURE_BIRTH_DATE = Fødselsdatoen i personnummeret ligger i fremtiden.
ERR_ID_UNSUPPORTED_COUNTRY = Personnumre fra dette land kan ikke kontrolleres.

## SIE-filer (app::ledger::sie::SieError)
ERR_SIE_UNBALANCED_VOUCHER = Et bilag i SIE-filen balancerer ikke.
ERR_SIE_EMPTY_VOUCHER = Et bilag i SIE-filen har ingen linjer.
ERR_SIE_DUPLICATE_VOUCHER = To bilag i SIE-filen har samme serie og nummer.
ERR_SIE_VOUCHER_OUTSIDE_YEAR = Et bilag i SIE-filen er dateret uden for regnskabsåret.
ERR_SIE_UNKNOWN_ACCOUNT = SIE-filen bruger en konto, der ikke findes i kontoplanen.
ERR_SIE_DUPLICATE_ACCOUNT = En konto forekommer to gange i SIE-filens kontoplan.
ERR_SIE_WRONG_ACCOUNT_KIND = SIE-filen har en primosaldo, ultimosaldo eller et resultat på en forkert kontotype.
ERR_SIE_DUPLICATE_BALANCE = En konto har mere end én saldo af samme slags i SIE-filen.
ERR_SIE_TOO_MANY_DECIMALS = Et beløb i SIE-filen har mere end to decimaler.
ERR_SIE_BALANCE_MISMATCH = En kontos saldi i SIE-filen stemmer ikke med kontoens transaktioner.
ERR_SIE_INVALID_YEAR = SIE-filens regnskabsår slutter, før det begynder.
ERR_SIE_UNENCODABLE = Et tegn kan ikke skrives i SIE-filens tegnsæt (tegntabel 437).
ERR_SIE_SYNTAX = SIE-filen kan ikke læses: den følger ikke SIE-formatet.

## Kompileringsfejl i PolicyRules (app::credit::policy::PolicyErrorKind)
POLICY_SYNTAX = Reglerne følger ikke PolicyRules-grammatikken.
POLICY_UNKNOWN_FACT = Reglerne bruger et faktum, der ikke findes.
POLICY_TYPE = Reglerne sammenligner eller kombinerer værdier af typer, der ikke passer sammen.
POLICY_CURRENCY_MISMATCH = Reglerne kombinerer beløb i forskellige valutaer.
POLICY_DUPLICATE_RULE = To regler har samme navn.
POLICY_DEFAULT = Reglerne skal slutte med præcis én standardlinje.
POLICY_REASON_CODE = Årsagskoder skrives med versaler og understregninger, f.eks. UNDERAGE.
POLICY_SCOPE = Regelsættets overskrift eller et for-afsnit er forkert udformet.

## Skrivninger med ukendt udfald, og portalformularer, der sendes to gange (app::kdb, app::portal::order_actions)
COMMIT_UNCERTAIN = Forbindelsen til databasen blev afbrudt, mens handlingen blev gemt, så vi kan ikke se, om den blev udført. Kontroller ordren nedenfor, før du prøver igen.
ERR_PORTAL_FORM_TOKEN = Denne formular er allerede sendt med et andet indhold, eller den er ufuldstændig. Siden viser nu ordren, som den er; udfyld formularen igen.
