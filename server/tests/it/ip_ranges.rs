//! The IP-range table on the real database pair: lookups of IPv4, IPv6 and unknown addresses
//! (on the primary and the standby), the empty table, imports that name the bad line and
//! column, all-or-nothing replacement, idempotent re-imports and the demo file.

use std::net::IpAddr;

use app::credit::ip_ranges::{
    count, import_ip_ranges_csv, latest_import, lookup, ImportError, ImportReport,
};
use app::kdb::testing::TestDb;
use app::kdb::{Ctx, Kdb, KdbError, ScopedFutureExt};

const GOOD: &str = "start_ip,end_ip,country
192.0.2.0,192.0.2.255,SE
198.51.100.0,198.51.100.255,NO
203.0.113.0,203.0.113.255,FI
2001:db8::,2001:db8:0:ffff:ffff:ffff:ffff:ffff,DK
2001:db8:1::,2001:db8:1:ffff:ffff:ffff:ffff:ffff,SE
0.0.0.0,0.255.255.255,ZZ
";

/// The same addresses, mostly moved to other countries, and 192.0.2.0/24 gone.
const OTHER: &str = "start_ip,end_ip,country
198.51.100.0,198.51.100.255,DK
2001:db8::,2001:db8::ffff,FI
";

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

/// The country of `addr` read on the primary.
async fn country(kdb: &Kdb, addr: &str) -> Option<String> {
    let addr = ip(addr);
    kdb.read_primary(|c| async move { lookup(c, addr).await }.scope_boxed())
        .await
        .unwrap()
}

async fn ranges(kdb: &Kdb) -> i64 {
    kdb.read_primary(|c| async move { count(c).await }.scope_boxed())
        .await
        .unwrap()
}

async fn imports(kdb: &Kdb) -> i64 {
    use app::credit::ip_ranges::schema::ip_range_imports;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    kdb.read_primary(|c| {
        async move {
            Ok::<_, KdbError>(
                ip_range_imports::table
                    .count()
                    .get_result::<i64>(c)
                    .await?,
            )
        }
        .scope_boxed()
    })
    .await
    .unwrap()
}

async fn import(kdb: &Kdb, text: &str) -> Result<ImportReport, ImportError> {
    import_ip_ranges_csv(kdb, &Ctx::system("test"), text.as_bytes()).await
}

fn row_errors(err: &ImportError) -> Vec<(usize, &'static str)> {
    let ImportError::Invalid(rows) = err else {
        panic!("expected row errors, got {err}");
    };
    rows.iter().map(|r| (r.line, r.column)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_table_knows_no_address() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    assert_eq!(ranges(&kdb).await, 0);
    for addr in [
        "192.0.2.1",
        "0.0.0.0",
        "2001:db8::1",
        "::",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ] {
        assert_eq!(country(&kdb, addr).await, None, "{addr}");
    }
    let latest = kdb
        .read_primary(|c| async move { latest_import(c).await }.scope_boxed())
        .await
        .unwrap();
    assert_eq!(latest, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn lookups_find_ipv4_and_ipv6_ranges_and_nothing_else() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let report = import(&kdb, GOOD).await.unwrap();
    assert_eq!(
        (
            report.rows,
            report.ranges,
            report.ipv4,
            report.ipv6,
            report.unknown,
            report.replaced,
            report.already_imported
        ),
        (6, 5, 3, 2, 1, 0, false)
    );
    assert_eq!(report.file_sha256.len(), 64);
    assert_eq!(ranges(&kdb).await, 5);
    for (addr, expected) in [
        ("192.0.2.0", Some("SE")),
        ("192.0.2.77", Some("SE")),
        ("192.0.2.255", Some("SE")),
        ("::ffff:192.0.2.9", Some("SE")),
        ("198.51.100.1", Some("NO")),
        ("203.0.113.200", Some("FI")),
        ("2001:db8::1", Some("DK")),
        ("2001:db8:0:ffff:ffff:ffff:ffff:ffff", Some("DK")),
        ("2001:db8:1:abcd::5", Some("SE")),
        // Just outside, in gaps, in the unknown (ZZ) range, and beyond every range.
        ("192.0.1.255", None),
        ("192.0.3.0", None),
        ("8.8.8.8", None),
        ("0.0.0.1", None),
        ("255.255.255.255", None),
        ("2001:db8:2::", None),
        ("::1", None),
        ("ffff::1", None),
    ] {
        assert_eq!(country(&kdb, addr).await.as_deref(), expected, "{addr}");
    }
    // The standby answers the same (decisions may read there) once it has replayed the
    // import: a synchronous commit waits for the standby's flush, not its replay.
    let addr = ip("2001:db8:1::42");
    let mut on_standby = None;
    for _ in 0..100 {
        on_standby = kdb
            .read(|c| async move { lookup(c, addr).await }.scope_boxed())
            .await
            .unwrap();
        if on_standby.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(on_standby.as_deref(), Some("SE"));

    let latest = kdb
        .read_primary(|c| async move { latest_import(c).await }.scope_boxed())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            latest.file_sha256.as_str(),
            latest.rows,
            latest.imported_by.as_str()
        ),
        (report.file_sha256.as_str(), 5, "test")
    );
    assert_eq!(
        crate::common::audit_count(&kdb, "ip_ranges.import").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn import_errors_name_the_line_and_column() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let bad = "start_ip,end_ip,country
192.0.2.0,192.0.2.255,SE
198.51.100.9,198.51.100.0,NO
203.0.113.0,2001:db8::1,FI
2001:db8::,2001:db8::zz,DK
10.0.0.0,10.0.0.255,sweden
192.0.2.128,192.0.2.130,NO
";
    let err = import(&kdb, bad).await.unwrap_err();
    assert_eq!(
        row_errors(&err),
        vec![
            (3, "end_ip"),
            (4, "end_ip"),
            (5, "end_ip"),
            (6, "country"),
            (7, "start_ip"),
        ]
    );
    let text = err.to_string();
    assert!(
        text.starts_with("5 invalid row(s); first: line 3, column end_ip"),
        "{text}"
    );
    let ImportError::Invalid(rows) = &err else {
        unreachable!()
    };
    assert!(rows[1].message.contains("one family"), "{}", rows[1]);
    assert!(rows[4].message.contains("line 2"), "{}", rows[4]);

    let err = import(&kdb, "from,to,country\n192.0.2.0,192.0.2.255,SE\n")
        .await
        .unwrap_err();
    assert!(matches!(err, ImportError::Header), "{err}");
    let err = import(&kdb, "start_ip,end_ip,country\n").await.unwrap_err();
    assert!(matches!(err, ImportError::Empty), "{err}");
    let err = import_ip_ranges_csv(
        &kdb,
        &Ctx::system("test"),
        &b"start_ip,end_ip,country\n\xff\n"[..],
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ImportError::Read { line: 2, .. }), "{err}");
    assert_eq!(ranges(&kdb).await, 0);
    assert_eq!(imports(&kdb).await, 0);
    assert_eq!(
        crate::common::audit_count(&kdb, "ip_ranges.import").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_with_one_bad_row_leaves_the_table_as_it_was() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    import(&kdb, GOOD).await.unwrap();
    // OTHER with a bad country on its last line: nothing of it may land.
    let bad = format!("{OTHER}203.0.113.0,203.0.113.255,X1\n");
    let err = import(&kdb, &bad).await.unwrap_err();
    assert_eq!(row_errors(&err), vec![(4, "country")]);
    assert_eq!(ranges(&kdb).await, 5);
    assert_eq!(country(&kdb, "198.51.100.7").await.as_deref(), Some("NO"));
    assert_eq!(country(&kdb, "192.0.2.7").await.as_deref(), Some("SE"));
    assert_eq!(imports(&kdb).await, 1);
    assert_eq!(
        crate::common::audit_count(&kdb, "ip_ranges.import").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_re_import_is_a_no_op_and_a_new_file_replaces_everything() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    let first = import(&kdb, GOOD).await.unwrap();
    let again = import(&kdb, GOOD).await.unwrap();
    assert!(again.already_imported);
    assert_eq!(again.file_sha256, first.file_sha256);
    assert_eq!(again.replaced, 0);
    assert_eq!(imports(&kdb).await, 1);
    assert_eq!(
        crate::common::audit_count(&kdb, "ip_ranges.import").await,
        1
    );

    let other = import(&kdb, OTHER).await.unwrap();
    assert!(!other.already_imported);
    assert_eq!((other.ranges, other.replaced), (2, 5));
    assert_eq!(ranges(&kdb).await, 2);
    assert_eq!(
        country(&kdb, "192.0.2.7").await,
        None,
        "gone from the new file"
    );
    assert_eq!(country(&kdb, "198.51.100.7").await.as_deref(), Some("DK"));
    assert_eq!(country(&kdb, "2001:db8::1").await.as_deref(), Some("FI"));
    assert_eq!(country(&kdb, "2001:db8::1:0").await, None);
    assert_eq!(
        crate::common::audit_count(&kdb, "ip_ranges.import").await,
        2
    );

    // The first file again is a change now (the table holds OTHER), so it is imported.
    let back = import(&kdb, GOOD).await.unwrap();
    assert!(!back.already_imported);
    assert_eq!((back.ranges, back.replaced), (5, 2));
    assert_eq!(country(&kdb, "192.0.2.7").await.as_deref(), Some("SE"));
    assert_eq!(imports(&kdb).await, 3);
    assert_eq!(
        crate::common::audit_count(&kdb, "ip_ranges.import").await,
        3
    );
}

const DEMO_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/ip-ranges-demo.csv");

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_file_loads_once_and_never_over_a_real_import() {
    let db = TestDb::new().await;
    let kdb = db.kdb();
    server::demo::load_demo_ip_ranges(&kdb).await.unwrap();
    for (addr, expected) in [
        ("192.0.2.1", "SE"),
        ("198.51.100.1", "NO"),
        ("203.0.113.1", "FI"),
        ("2001:db8::1", "DK"),
        ("2001:db8:1::1", "SE"),
        ("127.0.0.1", "SE"),
    ] {
        assert_eq!(
            country(&kdb, addr).await.as_deref(),
            Some(expected),
            "{addr}"
        );
    }
    let demo_ranges = ranges(&kdb).await;
    server::demo::load_demo_ip_ranges(&kdb).await.unwrap();
    assert_eq!(imports(&kdb).await, 1);

    // An operator's file replaces the demo; a demo restart must leave it alone.
    import(&kdb, OTHER).await.unwrap();
    server::demo::load_demo_ip_ranges(&kdb).await.unwrap();
    assert_eq!(ranges(&kdb).await, 2);
    assert_ne!(demo_ranges, 2);
    assert_eq!(imports(&kdb).await, 2);

    // The shipped file reads from disk the same as the compiled-in copy.
    let file = tokio::fs::File::open(DEMO_FILE).await.unwrap();
    let report = import_ip_ranges_csv(&kdb, &Ctx::system("test"), file)
        .await
        .unwrap();
    assert_eq!(i64::try_from(report.ranges).unwrap(), demo_ranges);
}
