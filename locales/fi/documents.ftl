# Invoice and credit-note PDFs (app::documents). Amounts and dates arrive formatted.
doc-invoice = Lasku
doc-credit-note = Hyvityslasku
doc-invoice-number = Laskun numero
doc-credit-note-number = Hyvityslaskun numero
doc-invoice-date = Laskun päivämäärä
doc-credit-note-date = Päivämäärä
doc-due-date = Eräpäivä
doc-payment-terms = Maksuehto
doc-payment-terms-days = { $days ->
    [one] { $days } päivä netto
   *[other] { $days } päivää netto
}
doc-order-reference = Tilausviite
doc-merchant = Ostettu kaupasta
doc-credits-invoice = Hyvittää laskun { $number } ({ $date })
doc-col-description = Kuvaus
doc-col-quantity = Määrä
doc-col-unit-price = A-hinta
doc-col-vat = ALV
doc-col-amount = Summa
doc-carried-forward = Siirto seuraavalle sivulle
doc-brought-forward = Siirto edelliseltä sivulta
doc-vat-line = ALV { $rate } %, veroton { $net }
doc-invoice-fee = Laskutuslisä
doc-total-to-pay = Maksettava
doc-total-credited = Hyvitetty summa
doc-page = Sivu { $page }/{ $pages }
doc-pay-heading = Maksutiedot
doc-bankgiro = Bankgiro
doc-ocr = OCR-numero
doc-account = Tilinumero
doc-kid = KID
doc-iban = IBAN
doc-bic = BIC
doc-viitenumero = Viitenumero
doc-fik = Maksutunnus (FIK)
doc-pay-note = Käytä maksaessasi aina { $reference }, jotta maksusi kohdistuu oikein.
doc-credit-note-note = Summa vähennetään laskusta. Jos olet jo maksanut laskun, erotus palautetaan sinulle.
doc-terms-heading = Ehdot
doc-terms-interest-se = Eräpäivän jälkeen maksetulle summalle peritään viivästyskorkoa Ruotsin korkolain mukaan (viitekorko + 8 prosenttiyksikköä).
doc-terms-interest-no = Eräpäivän jälkeen maksetulle summalle peritään viivästyskorkoa Norjan viivästyskorkolain mukaan.
doc-terms-interest-fi = Eräpäivän jälkeen maksetulle summalle peritään viivästyskorkoa korkolain mukaan (viitekorko + 7 prosenttiyksikköä).
doc-terms-interest-dk = Eräpäivän jälkeen maksetulle summalle peritään viivästyskorkoa Tanskan korkolain mukaan (keskuspankin lainakorko + 8 prosenttiyksikköä).
doc-terms-reminder = Muistutusmaksu: { $fee } / maksumuistutus.
doc-customer-service = Asiakaspalvelu
doc-org-nr = Y-tunnus
doc-vat-nr = ALV-numero
