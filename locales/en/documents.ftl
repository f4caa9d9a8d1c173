# Invoice and credit-note PDFs (app::documents). Amounts and dates arrive formatted.
doc-invoice = Invoice
doc-credit-note = Credit note
doc-invoice-number = Invoice number
doc-credit-note-number = Credit note number
doc-invoice-date = Invoice date
doc-credit-note-date = Date
doc-due-date = Due date
doc-payment-terms = Payment terms
doc-payment-terms-days = { $days ->
    [one] { $days } day net
   *[other] { $days } days net
}
doc-order-reference = Order reference
doc-merchant = Purchased from
doc-credits-invoice = Credits invoice { $number } of { $date }
doc-col-description = Description
doc-col-quantity = Qty
doc-col-unit-price = Unit price
doc-col-vat = VAT
doc-col-amount = Amount
doc-carried-forward = Carried forward
doc-brought-forward = Brought forward
doc-vat-line = VAT { $rate } % on { $net }
doc-invoice-fee = Invoice fee
doc-total-to-pay = Amount due
doc-total-credited = Amount credited
doc-page = Page { $page } of { $pages }
doc-pay-heading = How to pay
doc-bankgiro = Bankgiro
doc-ocr = OCR reference
doc-account = Account number
doc-kid = KID
doc-iban = IBAN
doc-bic = BIC
doc-viitenumero = Reference number
doc-fik = Payment ID (FIK)
doc-pay-note = Always quote the { $reference } when you pay, so that your payment is matched.
doc-credit-note-note = The amount is deducted from the invoice. If you have already paid it, the difference is refunded to you.
doc-terms-heading = Terms
doc-terms-interest-se = Late payment interest is charged under the Swedish Interest Act (reference rate + 8 percentage points).
doc-terms-interest-no = Late payment interest is charged under the Norwegian Late Payment Interest Act.
doc-terms-interest-fi = Late payment interest is charged under the Finnish Interest Act (reference rate + 7 percentage points).
doc-terms-interest-dk = Late payment interest is charged under the Danish Interest Act (Nationalbanken's lending rate + 8 percentage points).
doc-terms-reminder = Reminder fee: { $fee } per reminder.
doc-customer-service = Customer service
doc-org-nr = Reg. no.
doc-vat-nr = VAT no.
