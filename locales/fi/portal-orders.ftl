# Kauppiasportaali: tilaukset — suomi.

## Tilausvirheet (OrderError::code(), samat koodit kuin API:n error_code).
VALIDATION_ERROR = Tarkista nämä kentät: { $fields }.
ORDER_NOT_FOUND = Tilausta ei ole olemassa.
CAPTURE_NOT_FOUND = Veloitusta ei ole olemassa.
REFUND_NOT_FOUND = Hyvitystä ei ole olemassa.
REJECTED = Luottopäätös oli kielteinen.
CAPTURE_NOT_ALLOWED = Veloitus ei ole mahdollinen: summa on suurempi kuin jäljellä oleva määrä, tai tilausta ei voi enää veloittaa.
REFUND_NOT_ALLOWED = Hyvitys ei ole mahdollinen: summa on suurempi kuin veloitettu ja vielä hyvittämätön määrä.
NOT_ALLOWED = Ei mahdollista tilauksen nykyisessä tilassa (esimerkiksi peruuttaminen veloituksen jälkeen).
PAYMENT_METHOD_UNAVAILABLE = Maksutapaa ei vielä tarjota.
MERCHANT_INACTIVE = Kauppiaan käyttö on keskeytetty.
CREDIT_POLICY_UNAVAILABLE = Maalle ei ole voimassa olevaa luottopolitiikkaa.
IDEMPOTENCY_KEY_REUSED = Idempotenssiavain on jo käytetty toisessa pyynnössä.
SERVICE_UNAVAILABLE = Palvelu ei ole tilapäisesti käytettävissä. Yritä hetken kuluttua uudelleen.
INTERNAL_ERROR = Jokin meni vikaan.
CONFLICT = Toinen toiminto muutti tilausta samaan aikaan. Lataa sivu uudelleen ja yritä uudestaan.
ERR_PORTAL_ORDER_AMOUNT = { $field } ei ole kelvollinen summa (kirjoita esimerkiksi 125,00).
ERR_PORTAL_ORDERS_DATE = { $field } on annettava päivämääränä (VVVV-KK-PP).
ERR_PORTAL_ORDERS_STATUS = { $field }: tuntematon tilauksen tila.

## Tilausluettelo.
portal-orders-search = Haku (tilaustunnus, viite, sähköposti)
portal-orders-any-status = Kaikki tilat
portal-orders-from = Luotu alkaen
portal-orders-to = Luotu asti
portal-orders-filter = Hae
portal-orders-customer = Asiakkaan sähköposti
portal-orders-next = Vanhemmat tilaukset

## Tila.
portal-order-status-authorized = Hyväksytty
portal-order-status-part-captured = Osittain veloitettu
portal-order-status-captured = Veloitettu
portal-order-status-cancelled = Peruutettu
portal-order-status-expired = Vanhentunut
portal-order-status-closed = Suljettu

## Tilaus.
portal-order-back = ← Kaikki tilaukset
portal-order-title = Tilaus
portal-order-id = Tilaustunnus
portal-order-status = Tila
portal-order-amount = Tilauksen summa
portal-order-captured = Veloitettu
portal-order-refunded = Hyvitetty
portal-order-remaining = Veloittamatta
portal-order-created = Luotu
portal-order-expires = Varaus voimassa asti
portal-order-reference = Viite
portal-order-decision = Luottopäätös
portal-order-lines = Tilausrivit
portal-order-line-reference = Tuotenro
portal-order-line-name = Nimike
portal-order-line-quantity = Määrä
portal-order-line-unit-price = Yksikköhinta
portal-order-line-tax-rate = ALV %
portal-order-line-total = Yhteensä
portal-order-captures = Veloitukset ja laskut
portal-order-no-captures = Mitään ei ole vielä veloitettu.
portal-order-capture = Veloitus
portal-order-capture-reference = Viite
portal-order-invoice-number = Laskun numero
portal-order-invoice-ocr = Viitenumero
portal-order-invoice-date = Laskun päiväys
portal-order-invoice-due = Eräpäivä
portal-order-invoice-fee = Laskutuslisä
portal-order-invoice-total = Maksettava yhteensä
portal-order-invoice-due-amount = Maksamatta
portal-order-invoice-vat = ALV verokannoittain
portal-order-refunds = Hyvitykset ja hyvityslaskut
portal-order-no-refunds = Ei hyvityksiä.
portal-order-refunded-at = Hyvitetty
portal-order-captured-at = Veloitusaika
portal-order-no-lines = Tilauksella ei ole rivejä.
portal-order-event-other = Muutettu
portal-order-credit-note = Hyvityslasku
portal-order-invoice-pdf = Lasku (PDF)
portal-order-paid-back = Maksettu takaisin asiakkaalle
portal-order-timeline = Tapahtumat

## Lomakkeet.
portal-order-capture-title = Veloita summa (luo laskun)
portal-order-capture-submit = Veloita ja laskuta
portal-order-refund-title = Hyvitä summa (luo hyvityslaskun)
portal-order-refund-submit = Hyvitä
portal-order-release-submit = Vapauta jäljellä oleva varaus
portal-order-cancel-submit = Peruuta tilaus
portal-order-field-amount = Summa
portal-order-field-reference = Viite
portal-order-field-captured_amount = Veloitettava summa
portal-order-field-refunded_amount = Hyvitettävä summa
portal-order-field-description = Kuvaus
portal-order-field-order_lines = Tilausrivit

## Tapahtumat (tarkastuslokin toiminnot).
portal-order-event-order-authorize = Tilaus hyväksytty
portal-order-event-order-rejected = Tilaus hylätty
portal-order-event-order-capture = Veloitus ja lasku
portal-order-event-order-refund = Hyvitys ja hyvityslasku
portal-order-event-order-cancel = Tilaus peruutettu
portal-order-event-order-release-remaining = Jäljellä oleva varaus vapautettu
portal-order-event-order-extend-authorization = Varausta jatkettu
portal-order-event-order-increase-rejected = Korotus hylätty
portal-order-event-order-update-authorization = Tilauksen summaa muutettu
portal-order-event-order-expire = Varaus vanhentui
