//! The list-page kit every staff list is built from: a filter form that is a plain GET form
//! (works without JavaScript, shows what the query string holds, so a filtered list is a link
//! one can share), a data table with right-aligned amount columns, an optional totals row, an
//! empty state, and keyset paging links built from the current query. The table grows with
//! the page: no inner scroll box.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::params::ParamsMap;
use serde::{de::DeserializeOwned, Serialize};

use super::components::LoadError;
use crate::error::AppError;
use crate::i18n::{t, tr, use_lang};

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
    /// A right-aligned column headed by `text` as it is (`#`).
    pub const fn literal_num(text: &'static str) -> Col {
        Col {
            label: text,
            num: true,
            literal: true,
        }
    }
}

/// Keyset paging of a list, newest first: `key` is the query parameter holding the cursor
/// (`after`, `before_id`) and `next` the cursor of the older page, if there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// The cursor's query parameter.
    pub key: &'static str,
    /// The cursor of the next (older) page.
    pub next: Option<String>,
}

impl Paging {
    /// Paging by id, full pages only: a page of `page_size` rows may have an older one after
    /// `last_id`.
    pub fn by_id(key: &'static str, rows: usize, page_size: usize, last_id: Option<i64>) -> Self {
        Paging {
            key,
            next: (rows == page_size)
                .then_some(last_id)
                .flatten()
                .map(|id| id.to_string()),
        }
    }
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
        return view! { <p class="empty">{t(empty)}</p> {pager} }.into_any();
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

/// "Older" when there is an older page; "Newest" back to the first page when on a later one.
#[component]
fn Pager(paging: Paging) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let query = use_query_map().get_untracked();
    let newest = query
        .get(paging.key)
        .is_some()
        .then(|| with_cursor(&path, &query, paging.key, None));
    let older = paging
        .next
        .as_deref()
        .map(|n| with_cursor(&path, &query, paging.key, Some(n)));
    (newest.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=t("paging")>
                {newest.map(|href| view! { <a href=href rel="prev">{t("newest")}</a> })}
                {older.map(|href| view! { <a href=href rel="next">{t("older")}</a> })}
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
