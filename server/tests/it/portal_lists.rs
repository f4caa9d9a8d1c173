//! The portal's order list on the list-page kit: keyset pages of 50 both ways — "older" goes
//! on after the last row, "newer" comes back to exactly the page before (not to the first
//! one), "newest" returns to the start — with the filters kept in every link, the page's
//! totals and the kit's empty state.

use crate::common::orders::{order, Shop};
use app::kdb::{KdbError, ScopedFutureExt};
use axum::http::StatusCode;
use diesel::sql_types::Uuid as SqlUuid;
use diesel_async::RunQueryDsl;

/// The order ids of a list page, top to bottom.
fn ids(html: &str) -> Vec<String> {
    html.split("data-order-id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The href of the paging link `testid` (`page-older`, `page-newer`, `page-newest`).
fn link(html: &str, testid: &str) -> Option<String> {
    let at = html.find(&format!("data-testid=\"{testid}\""))?;
    let tag_start = html[..at].rfind("<a ")?;
    let tag = &html[tag_start..];
    let href = tag.split("href=\"").nth(1)?.split('"').next()?;
    Some(href.replace("&amp;", "&"))
}

/// 110 orders for merchant A: one through the API, 109 copies of it a minute apart (older),
/// referenced `P-001` … `P-109` (copies keep the exposure the credit limit sees out of it).
async fn many_orders(shop: &Shop) {
    let first = shop
        .create(&shop.a, &order("P-000", "paging@example.se"))
        .await;
    let first: uuid::Uuid = first.parse().unwrap();
    shop.app
        .db
        .kdb()
        .write(|c| {
            async move {
                diesel::sql_query(
                    "INSERT INTO orders SELECT (jsonb_populate_record(NULL::orders, to_jsonb(o) \
                     || jsonb_build_object('id', gen_random_uuid(), \
                        'merchant_reference1', 'P-' || lpad(g::text, 3, '0'), \
                        'created_at', o.created_at - g * interval '1 minute'))).* \
                     FROM orders o, generate_series(1, 109) g WHERE o.id = $1",
                )
                .bind::<SqlUuid, _>(first)
                .execute(c)
                .await
                .map_err(KdbError::from)
            }
            .scope_boxed()
        })
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_order_list_pages_older_and_newer_and_keeps_its_filters() {
    let shop = Shop::new().await;
    many_orders(&shop).await;
    shop.sign_in(&shop.a, "pager@butik-a.test").await;
    let get = |path: String| {
        let app = &shop.app;
        async move {
            let res = app.get(&path).await;
            assert_eq!(res.status, StatusCode::OK, "{path}: {res:?}");
            res.body
        }
    };

    let first = get("/portal?q=P-".into()).await;
    let first_ids = ids(&first);
    assert_eq!(first_ids.len(), 50);
    assert!(first.contains("<tfoot>"), "no totals row: {first}");
    assert!(link(&first, "page-newer").is_none() && link(&first, "page-newest").is_none());
    let older = link(&first, "page-older").expect("an older page");
    assert!(older.contains("q=P") && older.contains("after="), "{older}");

    let second = get(older).await;
    let second_ids = ids(&second);
    assert_eq!(second_ids.len(), 50);
    assert!(second_ids.iter().all(|id| !first_ids.contains(id)));
    assert!(
        second.contains(">P-050<"),
        "the second page starts at P-050: {second}"
    );
    let third = get(link(&second, "page-older").expect("a third page")).await;
    let third_ids = ids(&third);
    assert_eq!(third_ids.len(), 10, "110 orders: 50 + 50 + 10");
    assert!(link(&third, "page-older").is_none());

    // "Newer" from the third page is the second page again, row for row, not the first.
    let newer = link(&third, "page-newer").expect("a newer page");
    assert!(newer.contains("q=P") && newer.contains("before=") && !newer.contains("after="));
    let back = get(newer).await;
    assert_eq!(ids(&back), second_ids);
    assert!(link(&back, "page-older").is_some());
    // And newer again is the first page, which has nothing newer.
    let top = get(link(&back, "page-newer").expect("the first page")).await;
    assert_eq!(ids(&top), first_ids);
    assert!(link(&top, "page-newer").is_none());
    // "Newest" drops the cursor and keeps the filter.
    let newest = link(&third, "page-newest").expect("a newest link");
    assert!(newest.contains("q=P") && !newest.contains("after=") && !newest.contains("before="));
    assert_eq!(ids(&get(newest).await), first_ids);

    // An empty result is the kit's empty state, without paging.
    let none = get("/portal?q=no-such-order".into()).await;
    assert!(
        none.contains("data-testid=\"portal-orders-empty\""),
        "{none}"
    );
    assert!(link(&none, "page-older").is_none());
}
