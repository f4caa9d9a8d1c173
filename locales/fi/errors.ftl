# Palveluiden palauttamat virhekoodit (AppError::code() ja toimialavirheiden code()), joilta
# puuttui vielä viesti. Kirjoitettu ilman muuttujia, jotta ne toimivat missä tahansa näytettyinä.

## Käyttäjän kirjoittamat summat (app::money::ParseReason)
ERR_AMOUNT_EMPTY = Anna summa.
ERR_AMOUNT_INVALID_CHARACTER = Summassa on merkki, joka ei kuulu summaan.
ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR = Käytä valitun kielen desimaalierotinta: suomessa pilkkua, englannissa pistettä.
ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS = Summassa on useampi kuin yksi desimaalierotin.
ERR_AMOUNT_MISSING_DIGITS = Desimaalierottimen edeltä tai perästä puuttuu numeroita.
ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR = Tuhaterotin on väärässä kohdassa.
ERR_AMOUNT_MISPLACED_MINUS = Miinusmerkki saa olla vain alussa ja vain kerran.
ERR_AMOUNT_TOO_MANY_DECIMALS = Summassa on enemmän desimaaleja kuin valuutta sallii.
ERR_AMOUNT_UNKNOWN_CURRENCY = Summassa on tuntematon valuutta.
ERR_AMOUNT_WRONG_CURRENCY = Summa on eri valuutassa kuin odotettiin.
ERR_AMOUNT_DUPLICATE_CURRENCY = Valuutta on annettu useammin kuin kerran.
ERR_AMOUNT_OUT_OF_RANGE = Summa on liian suuri.

## Rahalaskenta (app::money::MoneyError)
ERR_MONEY_CURRENCY_MISMATCH = Eri valuutoissa olevia summia ei voi yhdistää.
ERR_MONEY_NOT_ROUNDED = Summassa on enemmän desimaaleja kuin valuutta sallii.
ERR_MONEY_OVERFLOW = Summa on liian suuri.
ERR_MONEY_NO_PARTS = Summaa ei voi jakaa nollaan osaan.
ERR_MONEY_INVALID_WEIGHTS = Summaa ei voi jakaa näillä osuuksilla.

## Henkilötunnukset (app::customers::national_id::IdError)
ERR_ID_FORMAT = Henkilötunnus ei ole maassa käytetyssä muodossa.
ERR_ID_DATE = Henkilötunnuksessa on päivämäärä, jota ei ole olemassa.
ERR_ID_CHECK_DIGIT = Henkilötunnuksen tarkistusmerkki ei täsmää. Tarkista, onko tunnuksessa kirjoitusvirhe.
ERR_ID_CENTURY = Henkilötunnuksen syntymäajan vuosisataa ei voi päätellä.
ERR_ID_FUTURE_BIRTH_DATE = Henkilötunnuksen syntymäaika on tulevaisuudessa.
ERR_ID_UNSUPPORTED_COUNTRY = Tämän maan henkilötunnuksia ei voi tarkistaa.

## SIE-tiedostot (app::ledger::sie::SieError)
ERR_SIE_UNBALANCED_VOUCHER = SIE-tiedostossa on tosite, jonka debet ja kredit eivät täsmää.
ERR_SIE_EMPTY_VOUCHER = SIE-tiedoston tositteella ei ole rivejä.
ERR_SIE_DUPLICATE_VOUCHER = SIE-tiedostossa on kaksi tositetta, joilla on sama sarja ja numero.
ERR_SIE_VOUCHER_OUTSIDE_YEAR = SIE-tiedoston tosite on päivätty tilikauden ulkopuolelle.
ERR_SIE_UNKNOWN_ACCOUNT = SIE-tiedostossa käytetään tiliä, jota ei ole tilikartassa.
ERR_SIE_DUPLICATE_ACCOUNT = Sama tili esiintyy SIE-tiedoston tilikartassa kahdesti.
ERR_SIE_WRONG_ACCOUNT_KIND = SIE-tiedostossa on alkusaldo, loppusaldo tai tulos väärän tyyppisellä tilillä.
ERR_SIE_DUPLICATE_BALANCE = Tilillä on SIE-tiedostossa useampi kuin yksi samanlainen saldo.
ERR_SIE_TOO_MANY_DECIMALS = SIE-tiedoston summassa on enemmän kuin kaksi desimaalia.
ERR_SIE_BALANCE_MISMATCH = Tilin saldot SIE-tiedostossa eivät täsmää tilin tapahtumiin.
ERR_SIE_INVALID_YEAR = SIE-tiedoston tilikausi päättyy ennen kuin se alkaa.
ERR_SIE_UNENCODABLE = Merkkiä ei voi kirjoittaa SIE-tiedoston merkistöllä (koodisivu 437).
ERR_SIE_SYNTAX = SIE-tiedostoa ei voi lukea: se ei noudata SIE-muotoa.

## PolicyRules-sääntöjen käännösvirheet (app::credit::policy::PolicyErrorKind)
POLICY_SYNTAX = Säännöt eivät noudata PolicyRules-kielioppia.
POLICY_UNKNOWN_FACT = Säännöissä käytetään lähtötietoa, jota ei ole olemassa.
POLICY_TYPE = Säännöissä verrataan tai yhdistetään arvoja, joiden tyypit eivät sovi yhteen.
POLICY_CURRENCY_MISMATCH = Säännöissä yhdistetään eri valuutoissa olevia summia.
POLICY_DUPLICATE_RULE = Kahdella säännöllä on sama nimi.
POLICY_DEFAULT = Sääntöjen on päätyttävä täsmälleen yhteen oletusriviin.
POLICY_REASON_CODE = Syykoodit kirjoitetaan isoilla kirjaimilla ja alaviivoilla, esim. UNDERAGE.
POLICY_SCOPE = Sääntöjoukon otsikko tai for-osio on virheellinen.

## Kirjoitukset, joiden lopputulos on tuntematon, ja kahdesti lähetetyt portaalilomakkeet (app::kdb, app::portal::order_actions)
COMMIT_UNCERTAIN = Yhteys tietokantaan katkesi toimintoa tallennettaessa, joten emme tiedä, tuliko toiminto tehdyksi. Tarkista alla oleva tilaus ennen kuin yrität uudelleen.
ERR_PORTAL_FORM_TOKEN = Tämä lomake on jo lähetetty eri sisällöllä, tai se on puutteellinen. Sivulla näkyy nyt tilauksen nykyinen tila; täytä lomake uudelleen.
