//! A TCP stand-in between KDB and the test primary that loses a COMMIT: it reads the client's
//! side of the PostgreSQL protocol and cuts the connection at a COMMIT, either before the
//! COMMIT reaches the server or after the server answered it (the answer is lost). Used by
//! the KDB tests and by the order API's "commit uncertain" test through the HTTP router.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::kdb::testing::TestDb;

/// What the stand-in does to the first COMMIT that passes through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Forwards the COMMIT, waits for the server's answer (so the commit has happened) and
    /// closes the client's connection instead of passing the answer on.
    Answer,
    /// Closes both connections before the COMMIT reaches the server (so it never happens).
    Commit,
}

/// A TCP stand-in between KDB and the test primary that reads the client's side of the
/// PostgreSQL protocol (startup, then `type, length, body` messages) and cuts the connection
/// at the first simple-query `COMMIT`; everything else passes unchanged.
pub struct CommitCutter {
    pub port: u16,
    /// COMMITs cut so far (at most one).
    pub cuts: Arc<AtomicU32>,
    /// Whether new connections are still let through.
    pub accepting: Arc<AtomicBool>,
}

impl CommitCutter {
    /// Starts the stand-in; with `refuse_after`, no connection is let through once the cut is
    /// made (the primary is "gone" for whoever tries to look the outcome up).
    pub async fn start(cut: Cut, refuse_after: bool) -> Self {
        Self::start_when(cut, refuse_after, None).await
    }

    /// Like [`CommitCutter::start`], but only the COMMIT of a transaction that sent a
    /// statement containing `trigger` (e.g. `"invoices"`) is cut, so a test through the HTTP
    /// router can aim at the write that does the work, not at an earlier one. With
    /// `refuse_after`, every other connection through the stand-in is closed at the cut as
    /// well (a pooled connection could otherwise still reach the primary).
    pub async fn start_when(cut: Cut, refuse_after: bool, trigger: Option<&'static str>) -> Self {
        let upstream = app::kdb::testing::test_hosts()
            .split(',')
            .next()
            .unwrap()
            .to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let cuts = Arc::new(AtomicU32::new(0));
        let accepting = Arc::new(AtomicBool::new(true));
        let armed = Arc::new(AtomicBool::new(true));
        let (c, a) = (cuts.clone(), accepting.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if !AtomicBool::load(&a, Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let Ok(server) = tokio::net::TcpStream::connect(&upstream).await else {
                    continue;
                };
                let (armed, cuts, accepting) = (armed.clone(), c.clone(), a.clone());
                tokio::spawn(async move {
                    let rules = Rules {
                        cut,
                        refuse_after,
                        trigger,
                    };
                    relay(client, server, rules, armed, cuts, accepting).await;
                });
            }
        });
        CommitCutter {
            port,
            cuts,
            accepting,
        }
    }

    /// A KDB whose primary is reached through the stand-in; short deadlines so a test that
    /// waits for one stays quick.
    pub fn kdb(&self, db: &TestDb) -> app::kdb::Kdb {
        db.kdb_with(|c| {
            c.write_url = self.url(db);
            c.read_url = None;
            c.connect_timeout = Duration::from_millis(500);
            c.commit_deadline = Duration::from_secs(1);
            c.retry_deadline = Duration::from_secs(2);
        })
    }

    /// This database's primary through the stand-in (for a configuration's write URL).
    pub fn url(&self, db: &TestDb) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{}", self.port, db.name)
    }

    /// Lets connections through again (the primary is "back").
    pub fn reopen(&self) {
        self.accepting.store(true, Ordering::SeqCst);
    }
}

/// What one relayed connection does.
#[derive(Clone, Copy)]
struct Rules {
    cut: Cut,
    refuse_after: bool,
    trigger: Option<&'static str>,
}

/// Relays one connection until either side closes, cutting it at the first COMMIT (of a
/// transaction that sent `trigger`, when one is given).
async fn relay(
    client: tokio::net::TcpStream,
    server: tokio::net::TcpStream,
    rules: Rules,
    armed: Arc<AtomicBool>,
    cuts: Arc<AtomicU32>,
    accepting: Arc<AtomicBool>,
) {
    let Rules {
        cut,
        refuse_after,
        trigger,
    } = rules;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut client_rx, mut client_tx) = client.into_split();
    let (mut server_rx, mut server_tx) = server.into_split();
    let watched = accepting.clone();
    // Set when this connection's COMMIT went to the server: its answer is swallowed.
    let swallow = Arc::new(AtomicBool::new(false));
    let swallow_up = swallow.clone();
    let this_one_cut = swallow.clone();
    let upward = async move {
        let mut buf: Vec<u8> = Vec::new();
        let mut started = false;
        // Whether the open transaction sent the trigger statement (always, without one).
        let mut aimed = trigger.is_none();
        let mut chunk = [0u8; 16384];
        loop {
            let n = client_rx.read(&mut chunk).await.unwrap_or(0);
            if n == 0 {
                return;
            }
            buf.extend_from_slice(&chunk[..n]);
            // Forward every complete message; keep a partial one for the next read.
            loop {
                let header = if started { 5 } else { 4 };
                if buf.len() < header {
                    break;
                }
                let len_at = header - 4;
                let len = u32::from_be_bytes(buf[len_at..len_at + 4].try_into().unwrap()) as usize;
                let total = len_at + len;
                if buf.len() < total {
                    break;
                }
                let message: Vec<u8> = buf.drain(..total).collect();
                if !started {
                    // SSLRequest / GSSENCRequest are followed by the real startup message.
                    let code = u32::from_be_bytes(message[4..8].try_into().unwrap());
                    started = !matches!(code, 80_877_103 | 80_877_104);
                } else if matches!(message[0], b'Q' | b'P') {
                    let sql = String::from_utf8_lossy(&message[5..]);
                    if trigger.is_some_and(|t| sql.contains(t)) {
                        aimed = true;
                    }
                    let is_commit = message[0] == b'Q'
                        && sql
                            .trim_end_matches('\0')
                            .trim()
                            .eq_ignore_ascii_case("COMMIT");
                    if is_commit && !aimed {
                        // Another transaction's COMMIT: passes, and the next one is watched.
                    } else if is_commit && armed.swap(false, Ordering::SeqCst) {
                        cuts.fetch_add(1, Ordering::SeqCst);
                        if refuse_after {
                            accepting.store(false, Ordering::SeqCst);
                        }
                        if cut == Cut::Commit {
                            return;
                        }
                        swallow_up.store(true, Ordering::SeqCst);
                    }
                }
                if server_tx.write_all(&message).await.is_err() {
                    return;
                }
            }
        }
    };
    let downward = async move {
        let mut chunk = [0u8; 16384];
        loop {
            let n = server_rx.read(&mut chunk).await.unwrap_or(0);
            if n == 0 || AtomicBool::load(&swallow, Ordering::SeqCst) {
                // The server answered the COMMIT (it is done): the client never hears it.
                return;
            }
            if client_tx.write_all(&chunk[..n]).await.is_err() {
                return;
            }
        }
    };
    // With `refuse_after`, a cut elsewhere closes this connection too (checked every few ms);
    // the cut connection itself ends when the server has answered its COMMIT.
    let severed = async move {
        loop {
            tokio::time::sleep(Duration::from_millis(5)).await;
            if refuse_after
                && !AtomicBool::load(&watched, Ordering::SeqCst)
                && !AtomicBool::load(&this_one_cut, Ordering::SeqCst)
            {
                return;
            }
        }
    };
    // Whichever ends first ends the connection: both sockets are dropped here.
    tokio::select! {
        () = upward => {}
        () = downward => {}
        () = severed => {}
    }
}
