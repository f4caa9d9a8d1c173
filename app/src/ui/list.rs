//! The list-page kit every staff and portal list is built from: a filter form that is a plain
//! GET form (works without JavaScript, shows what the query string holds, so a filtered list
//! is a link one can share), a data table with right-aligned amount columns, an optional
//! totals row, an empty state, and keyset paging links (newest, newer, older) built from the
//! current query. The table grows with the page: no inner scroll box.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::params::ParamsMap;
use serde::{de::DeserializeOwned, Serialize};

use super::components::LoadError;
use crate::error::AppError;
use crate::i18n::{t, tr, use_lang, Lang};
use crate::money::{Currency, Money};

/// Minor units in `currency` as `lang` writes money (`1 250,00 kr`); an unknown currency code
/// as the bare number and the code.
pub fn format_minor(minor: i64, currency: &str, lang: Lang) -> String {
    match Currency::parse(currency) {
        Some(c) => Money::from_minor(minor, c).format(lang),
        None => format!("{minor} {currency}"),
    }
}

/// A query parameter, or "".
pub fn param(q: &ParamsMap, name: &str) -> String {
    q.get(name).unwrap_or_default()
}

/// Words on the screen: a Fluent message id (translated, following the language switch) or
/// text shown as it is (a merchant's name, a country code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A message id.
    Msg(String),
    /// Literal text.
    Raw(String),
}

impl Label {
    /// A message id.
    pub fn msg(id: impl Into<String>) -> Self {
        Label::Msg(id.into())
    }
}

impl IntoRender for Label {
    type Output = AnyView;
    fn into_render(self) -> AnyView {
        match self {
            Label::Msg(id) => {
                let lang = use_lang();
                (move || tr(lang.get(), &id)).into_any()
            }
            Label::Raw(text) => text.into_any(),
        }
    }
}

/// A GET form for the list at `action`; the fields go in as children, the submit button comes
/// last. Without JavaScript the browser puts the fields in the query string.
#[component]
pub fn FilterForm(
    /// The list's path.
    action: &'static str,
    /// The form's id (tests and skip links use it).
    #[prop(optional)]
    id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="get" action=action class="filters" id=id>
            {children()}
            <button type="submit" class="btn btn-secondary">{t("filter")}</button>
        </form>
    }
}

/// The current value of query parameter `name`, following client-side navigation.
fn query_value(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| param(q, name))
}

/// A text (or `kind`: search, date) field prefilled from the query; its id is `f-{name}`.
#[component]
pub fn FilterInput(
    /// The query parameter.
    name: &'static str,
    /// The label's message id.
    label: &'static str,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    let value = query_value(name);
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <input id=id name=name type=kind value=value prop:value=value/>
        </div>
    }
}

/// A checkbox that filters when ticked (`name=1`); its id is `f-{name}`.
#[component]
pub fn FilterCheck(
    /// The query parameter.
    name: &'static str,
    /// The label's message id.
    label: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    let label_for = id.clone();
    let value = query_value(name);
    let on = move || !value().is_empty();
    view! {
        <div class="field">
            <label for=label_for>
                <input id=id name=name type="checkbox" value="1" checked=on prop:checked=on/>
                " " {t(label)}
            </label>
        </div>
    }
}

/// A choice with an "all" first option (the empty value); its id is `f-{name}`.
#[component]
pub fn FilterSelect(
    /// The query parameter.
    name: &'static str,
    /// The label's message id.
    label: &'static str,
    /// (value, label) of each option.
    options: Vec<(String, Label)>,
    /// The message id of the "no filter" option.
    #[prop(default = "cr-all")]
    all: &'static str,
) -> impl IntoView {
    let id = format!("f-{name}");
    let value = query_value(name);
    let options = options
        .into_iter()
        .map(|(v, text)| {
            let chosen = {
                let v = v.clone();
                move || value() == v
            };
            view! { <option value=v selected=chosen.clone() prop:selected=chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name>
                <option value="">{t(all)}</option>
                {options}
            </select>
        </div>
    }
}

/// A column heading of a [`DataTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    /// The message id (or, when `literal`, the text itself).
    pub label: &'static str,
    /// Amounts and numbers: right-aligned, tabular figures.
    pub num: bool,
    /// `label` is shown as it is.
    pub literal: bool,
}

impl Col {
    /// A left-aligned column headed by message `label`.
    pub const fn text(label: &'static str) -> Col {
        Col {
            label,
            num: false,
            literal: false,
        }
    }
    /// A right-aligned (amount or number) column headed by message `label`.
    pub const fn num(label: &'static str) -> Col {
        Col {
            label,
            num: true,
            literal: false,
        }
    }
    /// A left-aligned column headed by `text` as it is (`""` for a column of buttons).
    pub const fn literal_text(text: &'static str) -> Col {
        Col {
            label: text,
            num: false,
            literal: true,
        }
    }
    /// A right-aligned column headed by `text` as it is (`#`).
    pub const fn literal_num(text: &'static str) -> Col {
        Col {
            label: text,
            num: true,
            literal: true,
        }
    }
}

/// Keyset paging of a list, newest first. `key` is the query parameter holding the cursor of
/// an older page (`after`, `before_id`: rows after that one), `newer_key` the one holding the
/// cursor of a newer page (rows before that one); `next` and `prev` are the cursors the links
/// carry, when such a page exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// The older page's cursor parameter.
    pub key: &'static str,
    /// The cursor of the next (older) page.
    pub next: Option<String>,
    /// The newer page's cursor parameter (`before`).
    pub newer_key: &'static str,
    /// The cursor of the previous (newer) page.
    pub prev: Option<String>,
}

/// Which page of a keyset list was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageDir {
    /// The first (newest) page.
    Newest,
    /// The page of rows older than a cursor (`after`).
    Older,
    /// The page of rows newer than a cursor (`before`): loaded oldest first, then turned.
    Newer,
}

impl PageDir {
    /// The direction of a request with these cursors (`after` wins when both are sent).
    pub fn of(after: bool, before: bool) -> PageDir {
        match (after, before) {
            (true, _) => PageDir::Older,
            (false, true) => PageDir::Newer,
            _ => PageDir::Newest,
        }
    }
}

impl Paging {
    /// Only older pages (and back to the newest): `next` is the older page's cursor.
    pub fn older(key: &'static str, next: Option<String>) -> Self {
        Paging {
            key,
            next,
            newer_key: "before",
            prev: None,
        }
    }

    /// Paging by id, full pages only: a page of `page_size` rows may have an older one after
    /// `last_id`.
    pub fn by_id(key: &'static str, rows: usize, page_size: usize, last_id: Option<i64>) -> Self {
        Paging::older(
            key,
            (rows == page_size)
                .then_some(last_id)
                .flatten()
                .map(|id| id.to_string()),
        )
    }

    /// The links of a page loaded in direction `dir` with one row more than a page (`more`:
    /// that row came back, so the list goes on that way); `first` and `last` are the cursors
    /// of the page's first (newest) and last (oldest) row. A page reached by "older" has newer
    /// rows before it, one reached by "newer" has older rows after it.
    pub fn keyset(dir: PageDir, more: bool, first: Option<String>, last: Option<String>) -> Self {
        let (next, prev) = match dir {
            PageDir::Newest => (last.filter(|_| more), None),
            PageDir::Older => (last.filter(|_| more), first),
            PageDir::Newer => (last, first.filter(|_| more)),
        };
        Paging {
            key: "after",
            next,
            newer_key: "before",
            prev,
        }
    }
}

/// Up to one page of `rows` loaded in direction `dir` with one row more than `page_size`:
/// the page newest first, and whether the list goes on in that direction.
pub fn keyset_page<T>(dir: PageDir, mut rows: Vec<T>, page_size: usize) -> (Vec<T>, bool) {
    let more = rows.len() > page_size;
    rows.truncate(page_size);
    if dir == PageDir::Newer {
        rows.reverse();
    }
    (rows, more)
}

/// `path?query` with `key` set to `cursor` (or removed) and empty parameters dropped, so the
/// other filters carry over.
pub fn with_cursor(path: &str, query: &ParamsMap, key: &str, cursor: Option<&str>) -> String {
    let mut q: ParamsMap = query
        .into_iter()
        .filter(|(k, v)| k.as_ref() != key && !v.is_empty())
        .map(|(k, v)| (k.clone(), v.to_string()))
        .collect();
    if let Some(c) = cursor {
        q.insert(key.to_string(), c.to_string());
    }
    format!("{path}{}", q.to_query_string())
}

/// `query` without parameter `key`.
fn without(query: &ParamsMap, key: &str) -> ParamsMap {
    query
        .into_iter()
        .filter(|(k, _)| k.as_ref() != key)
        .map(|(k, v)| (k.clone(), v.to_string()))
        .collect()
}

/// Sums of each amount column per currency, in order of first appearance: the totals row of a
/// page (amounts in different currencies are never added together).
pub fn sum_by_currency<const N: usize>(
    rows: impl Iterator<Item = (String, [i64; N])>,
) -> Vec<(String, [i64; N])> {
    let mut sums: Vec<(String, [i64; N])> = Vec::new();
    for (currency, amounts) in rows {
        let i = match sums.iter().position(|(c, _)| *c == currency) {
            Some(i) => i,
            None => {
                sums.push((currency, [0; N]));
                sums.len() - 1
            }
        };
        for (sum, a) in sums[i].1.iter_mut().zip(amounts) {
            *sum = sum.saturating_add(a);
        }
    }
    sums
}

/// Per currency on the page: a totals row (`<tr>` each, for [`DataTable`]'s `totals`) under
/// amount columns that follow `lead` other cells and precede `trail` more.
pub fn totals_row<const N: usize>(
    sums: Vec<(String, [i64; N])>,
    lead: usize,
    trail: usize,
) -> Option<AnyView> {
    let lang = use_lang();
    (!sums.is_empty()).then(|| {
        sums.into_iter()
            .map(|(currency, amounts)| {
                let cells = amounts
                    .map(|a| {
                        let c = currency.clone();
                        view! { <td class="num">{move || format_minor(a, &c, lang.get())}</td> }
                    })
                    .to_vec();
                view! {
                    <tr class="totals">
                        <th scope="row" colspan=lead>{t("list-page-total")}</th>
                        {cells}
                        {(trail > 0).then(|| view! { <td colspan=trail></td> })}
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    })
}

/// The rows of a list as a table under `cols`, or the `empty` message when there are none;
/// an optional totals row (a `<tr>`), and the paging links.
#[component]
pub fn DataTable(
    /// The headings.
    cols: &'static [Col],
    /// The rows (`<tr>` each).
    rows: Vec<AnyView>,
    /// The message id shown when there are no rows.
    empty: &'static str,
    /// The table's `data-testid`.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// A totals row (`<tr>`), shown under the rows.
    #[prop(optional_no_strip)]
    totals: Option<AnyView>,
    /// Keyset paging.
    #[prop(optional_no_strip)]
    paging: Option<Paging>,
) -> impl IntoView {
    let pager = paging.map(|p| view! { <Pager paging=p/> });
    if rows.is_empty() {
        let empty_id = testid.map(|id| format!("{id}-empty"));
        return view! { <p class="empty" data-testid=empty_id>{t(empty)}</p> {pager} }.into_any();
    }
    let head = cols
        .iter()
        .map(|c| {
            let class = c.num.then_some("num");
            let text = if c.literal {
                Label::Raw(c.label.into())
            } else {
                Label::msg(c.label)
            };
            view! { <th class=class>{text}</th> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data" data-testid=testid>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
                {totals.map(|tr| view! { <tfoot>{tr}</tfoot> })}
            </table>
        </div>
        {pager}
    }
    .into_any()
}

/// "Newest" back to the first page and "Newer" to the previous one when on a later page;
/// "Older" when there is an older page. Each link keeps the filters and carries one cursor.
#[component]
fn Pager(paging: Paging) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let query = use_query_map().get_untracked();
    // The query without the newer page's cursor (`with_cursor` replaces the older one's).
    let rest = without(&query, paging.newer_key);
    let later_page = query.get(paging.key).is_some() || query.get(paging.newer_key).is_some();
    let newest = later_page.then(|| with_cursor(&path, &rest, paging.key, None));
    let newer = paging.prev.as_deref().map(|p| {
        with_cursor(
            &path,
            &without(&rest, paging.key),
            paging.newer_key,
            Some(p),
        )
    });
    let older = paging
        .next
        .as_deref()
        .map(|n| with_cursor(&path, &rest, paging.key, Some(n)));
    (newest.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=t("paging")>
                {newest.map(|href| view! { <a href=href rel="first" data-testid="page-newest">{t("newest")}</a> })}
                {newer.map(|href| view! { <a href=href rel="prev" data-testid="page-newer">{t("newer")}</a> })}
                {older.map(|href| view! { <a href=href rel="next" data-testid="page-older">{t("older")}</a> })}
            </nav>
        }
    })
}

/// The loaded value of `data` shown by `show`, "…" while it loads, the error box if it failed.
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    show: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let show = show.clone();
                data.get().map(move |r| match r {
                    Ok(v) => show(v).into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_replaces_the_old_one_and_the_filters_stay() {
        let q: ParamsMap = [
            ("status", "open"),
            ("after", "x"),
            ("q", "a b&c"),
            ("to", ""),
        ]
        .into_iter()
        .collect();
        let href = with_cursor("/invoices", &q, "after", Some("y"));
        assert!(href.starts_with("/invoices?"), "{href}");
        assert!(
            href.contains("status=open") && href.contains("after=y"),
            "{href}"
        );
        assert!(!href.contains("after=x") && !href.contains("to="), "{href}");
        assert!(href.contains("q=a%20b%26c"), "{href}");
        assert!(!with_cursor("/audit", &q, "after", None).contains("after"));
    }

    #[test]
    fn totals_never_mix_currencies() {
        let rows =
            [("SEK", [100, 50]), ("EUR", [7, 0]), ("SEK", [1, 1])].map(|(c, a)| (c.to_string(), a));
        assert_eq!(
            sum_by_currency(rows.into_iter()),
            vec![("SEK".to_string(), [101, 51]), ("EUR".to_string(), [7, 0])]
        );
    }

    #[test]
    fn only_a_full_page_has_an_older_one() {
        assert_eq!(
            Paging::by_id("before_id", 50, 50, Some(7)).next.as_deref(),
            Some("7")
        );
        assert_eq!(Paging::by_id("before_id", 49, 50, Some(7)).next, None);
    }
}
