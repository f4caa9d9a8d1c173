//! Prepared-statement caching for hand-written SQL.
//!
//! diesel never caches a `sql_query` as a prepared statement (it cannot know the text is
//! fixed), so diesel-async prepares it anew on every run: a Parse/Describe round trip before
//! the Bind/Execute one, and a fresh plan each time. For the fixed SQL on hot paths (the
//! business clock, audit records, the credit facts, API key checks, ledger ids) that doubled
//! the round trips of those statements. [`cached`] marks such a query as safe to cache; the
//! connection then keeps it prepared, keyed by its SQL text and bind types.
//!
//! Only for SQL whose text is the same on every call: text built from data would fill the
//! cache with one statement per value.

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::QueryResult;

/// A query whose SQL text never changes, so its prepared statement may be reused.
#[derive(Debug, Clone, Copy)]
pub struct Cached<Q>(Q);

/// Marks `query` (fixed SQL text) as cacheable; see the module docs.
pub fn cached<Q>(query: Q) -> Cached<Q> {
    Cached(query)
}

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Cached<Q> {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.0.walk_ast(out)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &Pg) -> QueryResult<bool> {
        Ok(true)
    }
}

/// No static id: the cache keys the statement by its SQL text and bind types.
impl<Q> QueryId for Cached<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Cached<Q> {
    type SqlType = Q::SqlType;
}
