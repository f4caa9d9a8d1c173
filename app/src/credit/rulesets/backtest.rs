//! The backtest: replays the fact snapshots of the last logged decisions through a draft,
//! so staff see the approval rate before and after and every decision that would change
//! before they activate it. Reads only; nothing is stored.

use super::decisions::{last_snapshots, Snapshot};
use super::store::{self, RulesetError};
use super::types::{BacktestChange, BacktestReport};
use crate::credit::policy::{compile, evaluate, Outcome, Ruleset};
use crate::kdb::Conn;

/// Most decisions one backtest replays (the engine is fast; the page and the read are not).
pub const MAX_DECISIONS: i64 = 10_000;

/// Replays the last `limit` decisions of ruleset `id`'s country and product through it.
/// The ruleset must compile.
pub async fn backtest(
    conn: &mut Conn,
    id: i64,
    limit: i64,
) -> Result<BacktestReport, RulesetError> {
    let Some((summary, source)) = store::get(conn, id).await? else {
        return Err(RulesetError::NotFound(id));
    };
    let ruleset = compile(&source).map_err(|errors| RulesetError::Invalid {
        id,
        count: errors.len(),
    })?;
    let snapshots = last_snapshots(
        conn,
        &summary.country,
        summary.product,
        limit.clamp(1, MAX_DECISIONS),
    )
    .await?;
    Ok(compare(id, &ruleset, &snapshots))
}

/// The pure part: what `ruleset` decides on each snapshot, against what was logged.
pub fn compare(ruleset_id: i64, ruleset: &Ruleset, snapshots: &[Snapshot]) -> BacktestReport {
    let mut report = BacktestReport {
        ruleset_id,
        decisions: 0,
        approved_before: 0,
        approved_after: 0,
        changes: Vec::new(),
    };
    for s in snapshots {
        let after = evaluate(ruleset, &s.facts);
        report.decisions += 1;
        report.approved_before += u32::from(s.outcome == Outcome::Approve);
        report.approved_after += u32::from(after.outcome == Outcome::Approve);
        if after.outcome != s.outcome {
            report.changes.push(BacktestChange {
                decision_id: s.id,
                order_ref: s.order_ref.clone(),
                before: s.outcome,
                after: after.outcome,
                reason_before: s.reason.clone(),
                reason_after: after.reason,
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::credit::policy::{FactValue, Facts};

    fn snap(id: i64, age: i64, outcome: Outcome) -> Snapshot {
        Snapshot {
            id,
            order_ref: format!("o{id}"),
            outcome,
            reason: "X".into(),
            facts: Facts::new().with("customer.age", FactValue::Number(Decimal::from(age))),
        }
    }

    #[test]
    fn counts_approvals_and_lists_changed_outcomes() {
        let ruleset = compile("rule young: reject UNDERAGE when customer.age < 21\napprove\n")
            .expect("compiles");
        let snaps = [
            snap(3, 19, Outcome::Approve),
            snap(2, 40, Outcome::Approve),
            snap(1, 16, Outcome::Reject),
        ];
        let r = compare(9, &ruleset, &snaps);
        assert_eq!(
            (r.decisions, r.approved_before, r.approved_after),
            (3, 2, 1)
        );
        assert_eq!(r.changes.len(), 1);
        assert_eq!(r.changes[0].decision_id, 3);
        assert_eq!(r.changes[0].after, Outcome::Reject);
        assert_eq!(r.changes[0].reason_after, "UNDERAGE");
    }
}
