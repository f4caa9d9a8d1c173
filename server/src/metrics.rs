//! Prometheus metrics in text format: HTTP requests by route and status, a latency histogram,
//! pool usage and the database pair's state. Kept in integers (microseconds) and printed with
//! exact decimal seconds.
//!
//! Labels come from a closed set only: the route *template* (`/v1/orders/{order_id}`, never the
//! path a caller typed; anything no route matched is `unmatched`) and one of the standard
//! methods (anything else is `OTHER`). A scanner sending random paths or made-up methods so
//! cannot grow the series without bound. Served on the internal listener (`internal.rs`).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use app::kdb::Kdb;

/// Histogram bucket upper bounds in microseconds (5 ms … 10 s).
const BUCKETS_US: [u64; 11] = [
    5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000,
    10_000_000,
];

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS_US.len()],
    count: u64,
    sum_us: u64,
}

/// The route label of requests no route matched.
pub const UNMATCHED: &str = "unmatched";

/// The method label: the standard methods as they are, every other method `OTHER`.
pub fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// Request counters and latency histograms, keyed by route.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
}

impl Metrics {
    /// Records one finished request.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        if let Ok(mut m) = self.requests.lock() {
            *m.entry((method.to_string(), route.to_string(), status))
                .or_default() += 1;
        }
        if let Ok(mut m) = self.latency.lock() {
            let h = m.entry(route.to_string()).or_default();
            h.count += 1;
            h.sum_us = h.sum_us.saturating_add(us);
            for (i, bound) in BUCKETS_US.iter().enumerate() {
                if us <= *bound {
                    h.buckets[i] += 1;
                }
            }
        }
    }

    /// The HTTP part of the exposition.
    pub fn render_http(&self, out: &mut String) {
        out.push_str(
            "# HELP kreditor_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE kreditor_http_requests_total counter\n");
        if let Ok(m) = self.requests.lock() {
            for ((method, route, status), n) in m.iter() {
                let _ = writeln!(
                    out,
                    "kreditor_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        out.push_str(
            "# HELP kreditor_http_request_duration_seconds HTTP request latency by route.\n",
        );
        out.push_str("# TYPE kreditor_http_request_duration_seconds histogram\n");
        if let Ok(m) = self.latency.lock() {
            for (route, h) in m.iter() {
                let route = escape(route);
                for (i, bound) in BUCKETS_US.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "kreditor_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{}\"}} {}",
                        seconds(*bound),
                        h.buckets[i]
                    );
                }
                let _ = writeln!(out, "kreditor_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}", h.count);
                let _ = writeln!(
                    out,
                    "kreditor_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                    seconds(h.sum_us)
                );
                let _ = writeln!(
                    out,
                    "kreditor_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                    h.count
                );
            }
        }
    }
}

/// Microseconds as exact decimal seconds (`1500` → `0.0015`).
fn seconds(us: u64) -> String {
    let frac = format!("{:06}", us % 1_000_000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{}", us / 1_000_000)
    } else {
        format!("{}.{frac}", us / 1_000_000)
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The whole exposition: `metrics`' HTTP series, then the pools and the pair's state.
pub async fn render(metrics: &Metrics, kdb: &Kdb) -> String {
    let mut out = String::new();
    metrics.render_http(&mut out);
    app::orders::alerts::render_metrics(&mut out);

    out.push_str("# HELP kreditor_db_pool_connections Open connections per pool.\n# TYPE kreditor_db_pool_connections gauge\n");
    out.push_str("# HELP kreditor_db_pool_available Idle connections per pool.\n# TYPE kreditor_db_pool_available gauge\n");
    out.push_str("# HELP kreditor_db_pool_max Maximum connections per pool.\n# TYPE kreditor_db_pool_max gauge\n");
    for p in kdb.pool_stats() {
        let _ = writeln!(
            out,
            "kreditor_db_pool_connections{{pool=\"{}\"}} {}",
            p.pool, p.size
        );
        let _ = writeln!(
            out,
            "kreditor_db_pool_available{{pool=\"{}\"}} {}",
            p.pool, p.available
        );
        let _ = writeln!(
            out,
            "kreditor_db_pool_max{{pool=\"{}\"}} {}",
            p.pool, p.max_size
        );
    }

    let db = app::kdb::status::probe(kdb).await;
    out.push_str("# HELP kreditor_db_primary_up 1 when a primary answers.\n# TYPE kreditor_db_primary_up gauge\n");
    let _ = writeln!(out, "kreditor_db_primary_up {}", u8::from(db.primary_up));
    out.push_str("# HELP kreditor_db_standby_up 1 when a hot standby answers.\n# TYPE kreditor_db_standby_up gauge\n");
    let _ = writeln!(out, "kreditor_db_standby_up {}", u8::from(db.standby_up));
    out.push_str("# HELP kreditor_db_replicas_streaming Standbys streaming from the primary.\n# TYPE kreditor_db_replicas_streaming gauge\n");
    let streaming = db
        .replicas
        .iter()
        .filter(|r| r.state == "streaming")
        .count();
    let _ = writeln!(out, "kreditor_db_replicas_streaming {streaming}");
    out.push_str("# HELP kreditor_db_replication_lag_seconds Replay lag per standby.\n# TYPE kreditor_db_replication_lag_seconds gauge\n");
    for r in &db.replicas {
        let lag_us = u64::try_from(r.replay_lag_ms.unwrap_or(0)).unwrap_or(0) * 1000;
        let _ = writeln!(
            out,
            "kreditor_db_replication_lag_seconds{{standby=\"{}\",sync_state=\"{}\"}} {}",
            escape(&r.application_name),
            escape(&r.sync_state),
            seconds(lag_us)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_exact_decimals() {
        assert_eq!(seconds(0), "0");
        assert_eq!(seconds(5_000), "0.005");
        assert_eq!(seconds(1_500), "0.0015");
        assert_eq!(seconds(2_500_000), "2.5");
        assert_eq!(seconds(10_000_000), "10");
    }

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.observe("GET", "/", 200, Duration::from_millis(7));
        m.observe("GET", "/", 200, Duration::from_millis(300));
        let mut out = String::new();
        m.render_http(&mut out);
        assert!(out
            .contains("kreditor_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"));
        assert!(out.contains("le=\"0.005\"} 0"));
        assert!(out.contains("le=\"0.01\"} 1"));
        assert!(out.contains("le=\"0.5\"} 2"));
        assert!(out.contains("kreditor_http_request_duration_seconds_count{route=\"/\"} 2"));
    }
}
