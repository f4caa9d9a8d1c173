//! The `server` binary: `serve`, `migrate`, `create-staff`, `create-merchant`,
//! `create-merchant-user` and admin tasks.

use std::process::ExitCode;
use std::time::Duration;

use app::auth::staff::{create_staff, NewStaff};
use app::auth::Role;
use app::kdb::{Ctx, ScopedFutureExt};
use app::ktime::AppEnv;
use clap::{Parser, Subcommand};
use server::config::Config;

mod bench_documents;

#[derive(Parser)]
#[command(name = "server", about = "Kreditor: invoice and installment payments")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve HTTP on BIND_ADDR until SIGTERM/Ctrl-C.
    Serve,
    /// Apply pending migrations on the primary and exit.
    Migrate,
    /// Create a staff user and print a generated password (shown once).
    CreateStaff {
        /// Login e-mail.
        #[arg(long)]
        email: String,
        /// admin, support or finance.
        #[arg(long)]
        role: String,
        /// Display name (default: the e-mail's local part).
        #[arg(long)]
        name: Option<String>,
    },
    /// Register a merchant (e-store) and print its id, for scripts and first set-up; staff
    /// normally register merchants on the back office's merchant screen.
    CreateMerchant {
        /// Legal name.
        #[arg(long)]
        name: String,
        /// Country: SE, NO, FI, DK or DE.
        #[arg(long, default_value = "SE")]
        country: String,
        /// Organisation number.
        #[arg(long)]
        org_nr: String,
        /// Contact e-mail.
        #[arg(long)]
        email: String,
        /// Settlement currency (default: the country's own; EUR for FI and DE).
        #[arg(long)]
        currency: Option<String>,
        /// Contact phone.
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// Create an API key for a merchant and print its id and secret (the secret shown once).
    CreateApiKey {
        /// The merchant's id.
        #[arg(long)]
        merchant: String,
        /// What the key is for.
        #[arg(long, default_value = "integration")]
        label: String,
    },
    /// Create a merchant portal user and print a generated password (shown once).
    CreateMerchantUser {
        /// The merchant's id or organisation number.
        #[arg(long)]
        merchant: String,
        /// Login e-mail.
        #[arg(long)]
        email: String,
        /// owner or staff.
        #[arg(long, default_value = "owner")]
        role: String,
    },
    /// Import a bank file of payments (camt.054 or BgMax, recognised by content): all-or-nothing,
    /// and importing the same file again changes nothing. Errors name the line or XML path.
    ImportPayments {
        /// The bank file.
        file: std::path::PathBuf,
    },
    /// Load the registry (address and score lookup) from a CSV file: all-or-nothing, and a
    /// re-import of the same file changes nothing. Errors name the line and column.
    ImportRegistry {
        /// The CSV file (header: country,national_id,given_name,family_name,street,postal_code,city,score,risk_class).
        file: std::path::PathBuf,
    },
    /// Replace the IP-range table (the country of a buyer's IP address) with a CSV country
    /// file: all-or-nothing, and a re-import of the loaded file changes nothing. Errors name
    /// the line and column.
    ImportIpRanges {
        /// The CSV file (header: start_ip,end_ip,country; IPv4 or IPv6 per row, both ends
        /// inclusive; country ZZ = unknown, not stored).
        file: std::path::PathBuf,
    },
    /// Write the SIE 4 file of a period to standard output (`> books.se`).
    ExportSie {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// The currency's books (SEK, NOK, DKK, EUR).
        #[arg(long, default_value = "SEK")]
        currency: String,
    },
    /// Benchmark the credit engine: decisions per second on the default ruleset.
    BenchCredit {
        /// How many decisions to make.
        #[arg(long, default_value_t = 1_000_000)]
        decisions: usize,
        /// How many end-to-end decisions (facts from a fresh `kreditor_bench_credit` database).
        #[arg(long, default_value_t = 20_000)]
        e2e_decisions: usize,
    },
    /// Benchmark the order API: N clients doing create → capture against the real router on a
    /// fresh `kreditor_bench_orders` database, compared with pgbench running the same
    /// statements (the database ceiling).
    BenchOrders {
        /// Concurrent clients (and pgbench clients).
        #[arg(long, default_value_t = 8)]
        clients: usize,
        /// Create → capture pairs per round (about 5 s on a laptop-sized pair).
        #[arg(long, default_value_t = 1_000)]
        orders: usize,
        /// Rounds of API, pgbench and commit floor taking turns.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Benchmark invoice PDFs: one-page invoices per second vs reportlab (interleaved
    /// rounds), then a print batch of many invoices into one PDF.
    BenchDocuments {
        /// Invoices per side per round.
        #[arg(long, default_value_t = 2_000)]
        invoices: usize,
        /// Rounds of Kreditor and reportlab taking turns.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Invoices in the print batch (0: none).
        #[arg(long, default_value_t = 10_000)]
        batch: usize,
    },
    /// Benchmark the ledger: post about LINES journal lines into a fresh `kreditor_bench`
    /// database, time the trial balance and the SIE export, and compare with `ledger bal`.
    BenchLedger {
        /// How many journal lines to post.
        #[arg(long, default_value_t = 1_000_000)]
        lines: usize,
        /// Interleaved rounds (each loads the journal into a fresh database).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init();
    } else {
        builder.init();
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logs(config.log_json);
    match run(cli.command, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let env = config.env;
    let state = server::state_from_config(config)?;
    let kdb = state.services.kdb.clone();
    match command {
        Command::Migrate => {
            let applied = kdb.migrate().await?;
            println!(
                "applied {} migration(s): {}",
                applied.len(),
                applied.join(", ")
            );
        }
        Command::CreateStaff { email, role, name } => {
            let role = Role::parse(&role).ok_or("--role: must be admin, support or finance")?;
            let (staff, password) = create_staff(
                &kdb,
                &Ctx::system("create-staff"),
                NewStaff {
                    email,
                    display_name: name,
                    role,
                    password: None,
                },
            )
            .await?;
            println!(
                "Created staff user {} ({})",
                staff.email,
                staff.role.as_str()
            );
            println!("Password (shown once): {password}");
        }
        Command::CreateMerchant {
            name,
            country,
            org_nr,
            email,
            currency,
            phone,
        } => {
            let currency = currency.unwrap_or_else(|| {
                match country.trim().to_ascii_uppercase().as_str() {
                    "NO" => "NOK",
                    "DK" => "DKK",
                    "FI" | "DE" => "EUR",
                    _ => "SEK",
                }
                .to_string()
            });
            let form = app::merchants::MerchantForm::parse(
                &name, &org_nr, &country, &currency, &email, &phone,
            )
            .map_err(|e| format!("{}: {}", e.code(), e))?;
            let id = uuid::Uuid::new_v4();
            let (form, ctx) = (&form, &Ctx::system("create-merchant"));
            // Orders need terms: the merchant starts with the standard agreement from today,
            // which staff change on the merchant page (a new version from a later date).
            let today = state.services.ktime.today(&kdb, form.country).await?;
            let terms = &server::demo_merchant::demo_terms();
            let merchant = kdb
                .write(|c| {
                    async move {
                        let m = app::merchants::store::create(c, ctx, id, form).await?;
                        app::merchants::agreements::add(c, ctx, m.id, today, terms).await?;
                        Ok::<_, app::merchants::store::MerchantError>(m)
                    }
                    .scope_boxed()
                })
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Created merchant {} ({} {})",
                merchant.legal_name,
                merchant.country.code(),
                merchant.org_nr
            );
            println!("Merchant id: {}", merchant.id);
            println!(
                "Agreement v1 in force from {today}: invoice fee 29.00, commission 2.5 % + 1.00, 14 days to pay, 28-day authorizations"
            );
        }
        Command::CreateApiKey { merchant, label } => {
            let merchant_id = uuid::Uuid::parse_str(merchant.trim())
                .map_err(|_| format!("--merchant: {merchant:?} is not a merchant id"))?;
            let (key_id, secret) = app::merchants::credentials::generate();
            let (ctx, key, pass, label) =
                (&Ctx::system("create-api-key"), &key_id, &secret, &label);
            kdb.write(|c| {
                async move {
                    app::merchants::credentials::create(c, ctx, merchant_id, label, key, pass).await
                }
                .scope_boxed()
            })
            .await
            .map_err(|e| e.to_string())?;
            println!("API key id: {key_id}");
            println!("Secret (shown once): {secret}");
        }
        Command::CreateMerchantUser {
            merchant,
            email,
            role,
        } => {
            let found = kdb
                .read_primary(|c| {
                    let merchant = merchant.clone();
                    async move { app::merchants::store::search(c, &merchant).await }.scope_boxed()
                })
                .await?;
            let id = match merchant.parse::<uuid::Uuid>() {
                Ok(id) => id,
                Err(_) => match found.as_slice() {
                    [one] => one.id,
                    [] => {
                        return Err(format!("--merchant: no merchant matches {merchant:?}").into());
                    }
                    _ => {
                        return Err(format!(
                            "--merchant: {} merchants match {merchant:?}; give the id",
                            found.len()
                        )
                        .into());
                    }
                },
            };
            let (user, password) = app::merchants::users::create_with_password(
                &kdb,
                &Ctx::system("create-merchant-user"),
                id,
                &email,
                &role,
            )
            .await
            .map_err(|e| format!("{}: {}", e.code(), e))?;
            println!("Created merchant user {} ({})", user.email, user.role);
            println!("Password (shown once): {password}");
        }
        Command::ImportPayments { file } => {
            server::payments_cli::import_payments(&state.services, &file).await?;
        }
        Command::ImportRegistry { file } => {
            let today = state
                .services
                .ktime
                .today(&kdb, app::ktime::Country::SE)
                .await?;
            let reader = tokio::io::BufReader::new(
                tokio::fs::File::open(&file)
                    .await
                    .map_err(|e| format!("{}: {e}", file.display()))?,
            );
            let report = app::credit::providers::import_registry_csv(
                &kdb,
                &Ctx::system("import-registry"),
                today,
                reader,
            )
            .await
            .map_err(|e| e.to_string())?;
            println!(
                "Imported {}: {} rows, {} new, {} updated, {} unchanged",
                file.display(),
                report.rows,
                report.inserted,
                report.updated,
                report.unchanged
            );
        }
        Command::ImportIpRanges { file } => {
            // Country files run to hundreds of thousands of rows: the one transaction that
            // replaces the table gets minutes, not the request limits.
            let mut db = kdb.config().clone();
            let long = Duration::from_secs(600);
            db.statement_timeout = db.statement_timeout.max(long);
            db.transaction_timeout = db.transaction_timeout.max(long);
            db.commit_deadline = db.commit_deadline.max(Duration::from_secs(60));
            let kdb = app::kdb::Kdb::new(db)?;
            let reader = tokio::fs::File::open(&file)
                .await
                .map_err(|e| format!("{}: {e}", file.display()))?;
            let report = app::credit::ip_ranges::import_ip_ranges_csv(
                &kdb,
                &Ctx::system("import-ip-ranges"),
                reader,
            )
            .await
            .map_err(|e| match &e {
                // Every bad row at once, so one run shows all there is to fix.
                app::credit::ip_ranges::ImportError::Invalid(rows) => {
                    let rows: Vec<String> = rows.iter().map(ToString::to_string).collect();
                    format!("{e}\n{}", rows.join("\n"))
                }
                _ => e.to_string(),
            })?;
            if report.already_imported {
                println!(
                    "{} is already loaded (sha256 {}): nothing changed",
                    file.display(),
                    report.file_sha256
                );
            } else {
                println!(
                    "Imported {}: {} rows, {} ranges ({} IPv4, {} IPv6), {} unknown (ZZ) skipped, {} old ranges replaced",
                    file.display(),
                    report.rows,
                    report.ranges,
                    report.ipv4,
                    report.ipv6,
                    report.unknown,
                    report.replaced
                );
            }
        }
        Command::ExportSie { from, to, currency } => {
            let s = &state.services;
            let bytes = server::bookkeeping::sie_bytes(
                &s.kdb,
                &s.ktime,
                &state.config.company,
                &currency.to_ascii_uppercase(),
                from,
                to,
            )
            .await?;
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
        Command::BenchCredit {
            decisions,
            e2e_decisions,
        } => {
            server::bench_credit::run(decisions)?;
            server::bench_credit_e2e::run(&state.config, e2e_decisions).await?;
        }
        Command::BenchOrders {
            clients,
            orders,
            rounds,
        } => {
            server::bench_orders::run(&state.config, clients, orders, rounds).await?;
        }
        Command::BenchDocuments {
            invoices,
            rounds,
            batch,
        } => {
            bench_documents::run(invoices, rounds, batch)?;
        }
        Command::BenchLedger { lines, rounds } => {
            server::bench_ledger::run(&state.config, lines, rounds).await?;
        }
        Command::Serve => {
            let applied = kdb.migrate().await?;
            tracing::info!(count = applied.len(), "migrations applied");
            // One active default ruleset per country, so decisions can be made from the start.
            let seeded =
                app::credit::rulesets::store::seed_defaults(&kdb, &state.services.ktime).await?;
            if !seeded.is_empty() {
                tracing::info!(count = seeded.len(), "default credit rulesets seeded");
            }
            if env == AppEnv::Demo {
                let password = server::demo::ensure_demo_admin(&kdb).await?;
                println!(
                    "Demo admin login: {} / {password}",
                    server::demo::DEMO_ADMIN
                );
                let posted = server::demo::seed_demo_books(&kdb, &state.services.ktime).await?;
                server::demo::load_demo_registry(&kdb, &state.services.ktime).await?;
                server::demo::load_demo_ip_ranges(&kdb).await?;
                if posted > 0 {
                    println!("Demo books: {posted} journal entries posted");
                }
                let shop = server::demo_merchant::ensure_ready_merchant(
                    &kdb,
                    &state.services.ktime,
                    "Demobutiken AB",
                    "556677-0001",
                    app::ktime::Country::SE,
                )
                .await
                .map_err(|e| e.to_string())?;
                println!(
                    "Demo merchant {}: API key id {} / secret {} (HTTP Basic for /v1; reference at /v1/docs)",
                    shop.merchant_id, shop.key_id, shop.secret
                );
                let owner =
                    server::demo::ensure_demo_merchant_owner(&kdb, shop.merchant_id).await?;
                println!(
                    "Demo merchant portal login (/portal/login): {} / {owner}",
                    server::demo::DEMO_MERCHANT_OWNER
                );
            }
            serve(state).await?;
        }
    }
    Ok(())
}

async fn serve(state: server::state::AppState) -> Result<(), Box<dyn std::error::Error>> {
    let addr = state.config.bind_addr;
    let store = app::auth::session_store::PgSessionStore::new(state.services.kdb.clone());
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(600)).await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
        }
    });
    server::jobs::spawn(
        state.services.clone(),
        server::jobs::JobSettings::of(&state.config),
    );
    let internal_addr = state.config.internal_bind_addr;
    let internal = tokio::net::TcpListener::bind(internal_addr)
        .await
        .map_err(|e| format!("INTERNAL_BIND_ADDR {internal_addr}: {e}"))?;
    let internal_app = server::internal::router(state.clone());
    tokio::spawn(async move {
        if let Err(e) = axum::serve(internal, internal_app).await {
            tracing::error!(error = %e, "internal listener stopped");
        }
    });
    let app = server::router::build(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("BIND_ADDR {addr}: {e}"))?;
    println!(
        "Kreditor listening on http://{addr} (metrics and readiness on http://{internal_addr})"
    );
    // With the peer address: login rate limits and the order API limit per client address.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C; axum then stops accepting and drains in-flight requests.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received: draining requests");
}
