//! The ruleset store: versions per (country, product), drafts that are saved even when they
//! do not compile (so work is never lost), activation that requires a clean compile and
//! retires the previous version in the same audited transaction, and start-up seeding.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

use super::schema::policy_rulesets as pr;
use super::types::{country_code, CompileMessage, Product, RulesetStatus, RulesetSummary};
use crate::credit::policy::{compile, default_ruleset_source, Ruleset};
use crate::error::AppError;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, Kdb, KdbError, Retryable, ScopedFutureExt};
use crate::ktime::{Country, Ktime};

/// Largest source accepted: rulesets are read by people, and the editor posts them whole.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;

/// The (country, product) pairs seeded with the country default at start: the launch markets'
/// invoice product.
pub const SEEDED: [(Country, Product); 4] = [
    (Country::SE, Product::Invoice),
    (Country::NO, Product::Invoice),
    (Country::FI, Product::Invoice),
    (Country::DK, Product::Invoice),
];

/// What can go wrong changing a ruleset.
#[derive(Debug, thiserror::Error)]
pub enum RulesetError {
    /// No ruleset with this id.
    #[error("ruleset {0} does not exist")]
    NotFound(i64),
    /// Only drafts may be edited or activated.
    #[error("ruleset {0} is not a draft")]
    NotDraft(i64),
    /// The source does not compile; activation refused.
    #[error("ruleset {id} has {count} compile errors")]
    Invalid {
        /// The ruleset.
        id: i64,
        /// How many errors.
        count: usize,
    },
    /// The source is larger than [`MAX_SOURCE_BYTES`].
    #[error("ruleset source too large")]
    TooLarge,
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<diesel::result::Error> for RulesetError {
    fn from(e: diesel::result::Error) -> Self {
        RulesetError::Db(e.into())
    }
}

impl Retryable for RulesetError {
    fn is_retryable(&self) -> bool {
        matches!(self, RulesetError::Db(e) if e.is_retryable())
    }
}

impl From<RulesetError> for AppError {
    fn from(e: RulesetError) -> Self {
        match e {
            RulesetError::NotFound(_) => AppError::invalid("id", "ERR_NOT_FOUND"),
            RulesetError::NotDraft(_) => AppError::Refused {
                code: "ERR_RULESET_NOT_DRAFT".into(),
            },
            RulesetError::Invalid { .. } => AppError::Refused {
                code: "ERR_RULESET_INVALID".into(),
            },
            RulesetError::TooLarge => AppError::invalid("policy_source", "ERR_RULESET_TOO_LARGE"),
            RulesetError::Db(e) => e.into(),
        }
    }
}

type SummaryRow = (
    i64,
    String,
    String,
    i32,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// The columns of a [`RulesetSummary`], in [`SummaryRow`] order.
macro_rules! summary_columns {
    () => {
        (
            pr::id,
            pr::country,
            pr::product,
            pr::version,
            pr::status,
            pr::created_by,
            pr::created_at,
            pr::activated_at,
            pr::retired_at,
        )
    };
}

fn to_summary(r: SummaryRow) -> RulesetSummary {
    RulesetSummary {
        id: r.0,
        country: r.1,
        product: Product::parse(&r.2).unwrap_or(Product::Invoice),
        version: r.3,
        status: RulesetStatus::parse(&r.4).unwrap_or(RulesetStatus::Retired),
        created_by: r.5,
        created_at: r.6,
        activated_at: r.7,
        retired_at: r.8,
    }
}

/// Every version, by country, product and newest version first.
pub async fn list(conn: &mut Conn) -> Result<Vec<RulesetSummary>, KdbError> {
    let rows: Vec<SummaryRow> = pr::table
        .order((pr::country, pr::product, pr::version.desc()))
        .select(summary_columns!())
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(to_summary).collect())
}

/// One version with its source.
pub async fn get(conn: &mut Conn, id: i64) -> Result<Option<(RulesetSummary, String)>, KdbError> {
    let row: Option<(SummaryRow, String)> = pr::table
        .find(id)
        .select((summary_columns!(), pr::source))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(|(r, s)| (to_summary(r), s)))
}

/// The active version of (country, product) with its source.
pub async fn active(
    conn: &mut Conn,
    country: &str,
    product: Product,
) -> Result<Option<(RulesetSummary, String)>, KdbError> {
    let row: Option<(SummaryRow, String)> = pr::table
        .filter(pr::country.eq(country))
        .filter(pr::product.eq(product.as_str()))
        .filter(pr::status.eq(RulesetStatus::Active.as_str()))
        .select((summary_columns!(), pr::source))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(|(r, s)| (to_summary(r), s)))
}

/// The compiled active ruleset of (country, product) and its id, for the order API to decide
/// with. `None` when there is none, or when the stored source no longer compiles (logged:
/// the caller must refer the purchase rather than guess).
pub async fn active_ruleset(
    conn: &mut Conn,
    country: Country,
    product: Product,
) -> Result<Option<(i64, Ruleset)>, KdbError> {
    let Some((summary, source)) = active(conn, country_code(country), product).await? else {
        return Ok(None);
    };
    match compile(&source) {
        Ok(ruleset) => Ok(Some((summary.id, ruleset))),
        Err(errors) => {
            tracing::error!(
                ruleset = summary.id,
                errors = errors.len(),
                "active ruleset does not compile"
            );
            Ok(None)
        }
    }
}

/// Compiled active rulesets by id. An active ruleset's source never changes (only drafts are
/// edited; activation makes a new version), so a compiled copy stays right for as long as the
/// process lives; only the cheap "which id is active" query runs per decision.
fn compiled_cache(
) -> &'static std::sync::Mutex<std::collections::HashMap<i64, std::sync::Arc<Ruleset>>> {
    static CACHE: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<i64, std::sync::Arc<Ruleset>>>,
    > = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// [`active_ruleset`] without re-reading and re-compiling the source of a ruleset already
/// compiled by this process.
pub async fn active_ruleset_cached(
    conn: &mut Conn,
    country: Country,
    product: Product,
) -> Result<Option<(i64, std::sync::Arc<Ruleset>)>, KdbError> {
    let id: Option<i64> = pr::table
        .filter(pr::country.eq(country_code(country)))
        .filter(pr::product.eq(product.as_str()))
        .filter(pr::status.eq(RulesetStatus::Active.as_str()))
        .select(pr::id)
        .first(conn)
        .await
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    let cached = compiled_cache()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&id)
        .cloned();
    if let Some(ruleset) = cached {
        return Ok(Some((id, ruleset)));
    }
    let Some((compiled_id, ruleset)) = active_ruleset(conn, country, product).await? else {
        return Ok(None);
    };
    let ruleset = std::sync::Arc::new(ruleset);
    compiled_cache()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(compiled_id, ruleset.clone());
    Ok(Some((compiled_id, ruleset)))
}

/// Compile errors of `source` as the editor shows them (empty = it compiles).
pub fn check_source(source: &str) -> Vec<CompileMessage> {
    match compile(source) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| CompileMessage::from_error(e, source))
            .collect(),
    }
}

/// Creates a new draft version of (country, product), starting from the active version's
/// source, or the country default when there is none.
pub async fn create_draft(
    conn: &mut Conn,
    ctx: &Ctx,
    ktime: &Ktime,
    country: Country,
    product: Product,
) -> Result<i64, RulesetError> {
    let code = country_code(country);
    let now = ktime.now_in(conn).await?;
    // Lock the scope's versions so two drafts created at once get distinct numbers.
    let versions: Vec<i32> = pr::table
        .filter(pr::country.eq(code))
        .filter(pr::product.eq(product.as_str()))
        .select(pr::version)
        .for_update()
        .load(conn)
        .await?;
    let version = versions.iter().max().copied().unwrap_or(0) + 1;
    let source = match active(conn, code, product).await? {
        Some((_, s)) => s,
        None => default_ruleset_source(country).to_string(),
    };
    let id: i64 = diesel::insert_into(pr::table)
        .values((
            pr::country.eq(code),
            pr::product.eq(product.as_str()),
            pr::version.eq(version),
            pr::status.eq(RulesetStatus::Draft.as_str()),
            pr::source.eq(&source),
            pr::created_by.eq(ctx.actor.label()),
            pr::created_at.eq(now),
        ))
        .returning(pr::id)
        .get_result(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "credit.ruleset_draft",
            entity_type: "policy_ruleset",
            entity_id: &id.to_string(),
            before: None,
            after: Some(json!({"country": code, "product": product.as_str(), "version": version})),
        },
    )
    .await?;
    Ok(id)
}

/// Stores a draft's new source, whether or not it compiles, and returns its compile errors:
/// staff keep their work and see every mistake; [`activate`] is where a clean compile is
/// required.
pub async fn save_draft(
    conn: &mut Conn,
    ctx: &Ctx,
    id: i64,
    source: &str,
) -> Result<Vec<CompileMessage>, RulesetError> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(RulesetError::TooLarge);
    }
    let (status, old) = lock(conn, id).await?;
    if status != RulesetStatus::Draft {
        return Err(RulesetError::NotDraft(id));
    }
    diesel::update(pr::table.find(id))
        .set(pr::source.eq(source))
        .execute(conn)
        .await?;
    let errors = check_source(source);
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "credit.ruleset_save",
            entity_type: "policy_ruleset",
            entity_id: &id.to_string(),
            before: Some(json!({"source": old})),
            after: Some(json!({"source": source, "errors": errors.len()})),
        },
    )
    .await?;
    Ok(errors)
}

/// Locks a ruleset row; its status and source.
async fn lock(conn: &mut Conn, id: i64) -> Result<(RulesetStatus, String), RulesetError> {
    let row: Option<(String, String)> = pr::table
        .find(id)
        .select((pr::status, pr::source))
        .for_update()
        .first(conn)
        .await
        .optional()?;
    let (status, source) = row.ok_or(RulesetError::NotFound(id))?;
    let status = RulesetStatus::parse(&status).ok_or(RulesetError::NotFound(id))?;
    Ok((status, source))
}

/// Makes a draft the active ruleset of its country and product, retiring the previous one,
/// in one audited transaction. Refused unless the draft compiles cleanly.
pub async fn activate(
    conn: &mut Conn,
    ctx: &Ctx,
    ktime: &Ktime,
    id: i64,
) -> Result<RulesetSummary, RulesetError> {
    let Some((draft, source)) = get(conn, id).await? else {
        return Err(RulesetError::NotFound(id));
    };
    // Lock every version of the scope: concurrent activations queue up instead of racing
    // into the one-active index.
    pr::table
        .filter(pr::country.eq(&draft.country))
        .filter(pr::product.eq(draft.product.as_str()))
        .select(pr::id)
        .for_update()
        .load::<i64>(conn)
        .await?;
    let (status, _) = lock(conn, id).await?;
    if !status.can_activate() {
        return Err(RulesetError::NotDraft(id));
    }
    if let Err(errors) = compile(&source) {
        return Err(RulesetError::Invalid {
            id,
            count: errors.len(),
        });
    }
    let now = ktime.now_in(conn).await?;
    let previous = active(conn, &draft.country, draft.product).await?;
    if let Some((old, _)) = &previous {
        diesel::update(pr::table.find(old.id))
            .set((
                pr::status.eq(RulesetStatus::Retired.as_str()),
                pr::retired_at.eq(now),
            ))
            .execute(conn)
            .await?;
    }
    diesel::update(pr::table.find(id))
        .set((
            pr::status.eq(RulesetStatus::Active.as_str()),
            pr::activated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "credit.ruleset_activate",
            entity_type: "policy_ruleset",
            entity_id: &id.to_string(),
            before: Some(json!({
                "active_id": previous.as_ref().map(|(p, _)| p.id),
                "active_version": previous.as_ref().map(|(p, _)| p.version),
            })),
            after: Some(json!({
                "country": draft.country,
                "product": draft.product.as_str(),
                "active_id": id,
                "active_version": draft.version,
            })),
        },
    )
    .await?;
    let mut activated = draft;
    activated.status = RulesetStatus::Active;
    activated.activated_at = Some(now);
    Ok(activated)
}

/// Seeds the country default as the active ruleset of every pair in [`SEEDED`] that has no
/// active ruleset yet. Idempotent (safe on every start, and on several nodes at once);
/// returns the ids created.
pub async fn seed_defaults(kdb: &Kdb, ktime: &Ktime) -> Result<Vec<i64>, KdbError> {
    let ctx = Ctx::system("ruleset-seed");
    let ctx = &ctx;
    kdb.write(|conn| {
        async move {
            let now = ktime.now_in(conn).await?;
            let mut created = Vec::new();
            for (country, product) in SEEDED {
                if let Some(id) = seed_one(conn, ctx, now, country, product).await? {
                    created.push(id);
                }
            }
            Ok(created)
        }
        .scope_boxed()
    })
    .await
}

async fn seed_one(
    conn: &mut Conn,
    ctx: &Ctx,
    now: DateTime<Utc>,
    country: Country,
    product: Product,
) -> Result<Option<i64>, KdbError> {
    use diesel::sql_types::{Text, Timestamptz};
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Int8)]
        id: i64,
    }
    let code = country_code(country);
    let source = default_ruleset_source(country);
    // ON CONFLICT covers both the one-active index (already seeded) and a version number
    // taken by a concurrent seeder.
    let row: Option<Id> = diesel::sql_query(
        "INSERT INTO policy_rulesets \
           (country, product, version, status, source, created_by, created_at, activated_at) \
         SELECT $1, $2, coalesce(max(version), 0) + 1, 'active', $3, $4, $5, $5 \
           FROM policy_rulesets WHERE country = $1 AND product = $2 \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind::<Text, _>(code)
    .bind::<Text, _>(product.as_str())
    .bind::<Text, _>(source)
    .bind::<Text, _>(ctx.actor.label())
    .bind::<Timestamptz, _>(now)
    .get_result(conn)
    .await
    .optional()?;
    let Some(Id { id }) = row else {
        return Ok(None);
    };
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "credit.ruleset_seed",
            entity_type: "policy_ruleset",
            entity_id: &id.to_string(),
            before: None,
            after: Some(json!({"country": code, "product": product.as_str()})),
        },
    )
    .await?;
    Ok(Some(id))
}

/// Whether any ruleset is stored (the screens seed the defaults on first use when the
/// server has not).
pub async fn any(conn: &mut Conn) -> Result<bool, KdbError> {
    Ok(
        diesel::select(diesel::dsl::exists(pr::table.select(pr::id)))
            .get_result(conn)
            .await?,
    )
}
