//! The chart of accounts: list, add and rename (finance, admin).

use leptos::prelude::*;

use super::BookkeepingNav;
use crate::i18n::{t, use_lang, Lang};
use crate::ledger::accounts::{Account, AccountKind};
use crate::ledger::server_fns::{list_accounts, AddAccount, RenameAccount};
use crate::ui::components::{ActionError, CsrfField, LoadError};

/// `/bookkeeping/accounts`.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let add = ServerAction::<AddAccount>::new();
    let rename = ServerAction::<RenameAccount>::new();
    let data = Resource::new(
        move || (add.version().get(), rename.version().get()),
        |_| list_accounts(),
    );
    let kinds = AccountKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str()>{t(kind_id(k))}</option> })
        .collect_view();
    view! {
        <h1>{t("nav-bookkeeping")}</h1>
        <BookkeepingNav/>
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || data.get().map(|r| match r {
                Ok(accounts) => view! { <AccountTable accounts/> }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
            })}
        </Suspense>
        <div class="cards">
            <section class="card">
                <h2>{t("bk-add-account")}</h2>
                <ActionError result=Signal::derive(move || add.value().get())/>
                <ActionForm action=add attr:class="form" attr:id="add-account">
                    <CsrfField/>
                    <div class="field"><label for="a-number">{t("bk-account")}</label><input id="a-number" name="number" inputmode="numeric" required/></div>
                    <div class="field"><label for="a-sv">{t("bk-name-sv")}</label><input id="a-sv" name="name_sv" required/></div>
                    <div class="field"><label for="a-en">{t("bk-name-en")}</label><input id="a-en" name="name_en" required/></div>
                    <div class="field"><label for="a-kind">{t("bk-kind")}</label><select id="a-kind" name="kind">{kinds}</select></div>
                    <div class="field"><label for="a-currency">{t("bk-currency")}</label>
                        <select id="a-currency" name="currency">
                            <option value="">{t("bk-any-currency")}</option>
                            <option>"SEK"</option><option>"NOK"</option><option>"DKK"</option><option>"EUR"</option>
                        </select>
                    </div>
                    <button type="submit" class="btn btn-primary">{t("bk-add-account")}</button>
                </ActionForm>
            </section>
            <section class="card">
                <h2>{t("bk-rename-account")}</h2>
                <ActionError result=Signal::derive(move || rename.value().get())/>
                <ActionForm action=rename attr:class="form" attr:id="rename-account">
                    <CsrfField/>
                    <div class="field"><label for="r-number">{t("bk-account")}</label><input id="r-number" name="number" inputmode="numeric" required/></div>
                    <div class="field"><label for="r-sv">{t("bk-name-sv")}</label><input id="r-sv" name="name_sv" required/></div>
                    <div class="field"><label for="r-en">{t("bk-name-en")}</label><input id="r-en" name="name_en" required/></div>
                    <button type="submit" class="btn btn-primary">{t("bk-rename-account")}</button>
                </ActionForm>
            </section>
        </div>
    }
}

fn kind_id(k: AccountKind) -> &'static str {
    match k {
        AccountKind::Asset => "kind-asset",
        AccountKind::Liability => "kind-liability",
        AccountKind::Equity => "kind-equity",
        AccountKind::Income => "kind-income",
        AccountKind::Expense => "kind-expense",
    }
}

#[component]
fn AccountTable(accounts: Vec<Account>) -> impl IntoView {
    let lang = use_lang();
    let rows = accounts
        .into_iter()
        .map(|a| {
            let href = format!("/bookkeeping/statement?account={}&currency={}", a.number, a.currency.map(|c| c.code()).unwrap_or("SEK"));
            let names = a.clone();
            view! {
                <tr>
                    <td><a href=href>{a.number}</a></td>
                    <td>{let n = names.clone(); move || n.name(lang.get()).to_string()}</td>
                    <td>{move || if lang.get() == Lang::Sv { names.name_en.clone() } else { names.name_sv.clone() }}</td>
                    <td>{t(kind_id(a.kind))}</td>
                    <td>{a.currency.map(|c| c.code()).unwrap_or("")}</td>
                    <td>{a.vat_code.clone()}</td>
                    <td>{if a.active { view! { <span class="badge badge-ok">{t("bk-active")}</span> }.into_any() } else { view! { <span class="badge badge-neutral">{t("bk-inactive")}</span> }.into_any() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="accounts">
                <thead>
                    <tr>
                        <th>{t("bk-account")}</th>
                        <th>{t("field-name")}</th>
                        <th>{t("bk-other-name")}</th>
                        <th>{t("bk-kind")}</th>
                        <th>{t("bk-currency")}</th>
                        <th>{t("bk-vat")}</th>
                        <th>{t("bk-status")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
