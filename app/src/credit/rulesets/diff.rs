//! A line diff between two ruleset versions (longest common subsequence), so reviewers see
//! exactly which rules a new version adds, removes or changes before it is activated.

use super::types::{DiffKind, DiffLine};

/// Above this many lines on either side the quadratic table is not built; the diff becomes
/// "everything removed, everything added" (rulesets are a few dozen lines in practice).
const MAX_LINES: usize = 2000;

/// The lines of `new` against `old`: common lines as [`DiffKind::Same`], the rest as removed
/// (from `old`) or added (in `new`), removals before additions at each change.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len() > MAX_LINES || b.len() > MAX_LINES {
        return a
            .iter()
            .map(|l| line(DiffKind::Removed, l))
            .chain(b.iter().map(|l| line(DiffKind::Added, l)))
            .collect();
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(line(DiffKind::Same, a[i]));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(line(DiffKind::Removed, a[i]));
            i += 1;
        } else {
            out.push(line(DiffKind::Added, b[j]));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| line(DiffKind::Removed, l)));
    out.extend(b[j..].iter().map(|l| line(DiffKind::Added, l)));
    out
}

fn line(kind: DiffKind, text: &str) -> DiffLine {
    DiffLine {
        kind,
        text: text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(old: &str, new: &str) -> Vec<String> {
        line_diff(old, new).iter().map(DiffLine::render).collect()
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert_eq!(rendered("a\nb\n", "a\nb\n"), vec![" a", " b"]);
    }

    #[test]
    fn a_changed_line_is_removed_then_added() {
        assert_eq!(
            rendered("a\nlimit 25000\nc\n", "a\nlimit 20000\nc\nd\n"),
            vec![" a", "-limit 25000", "+limit 20000", " c", "+d"]
        );
    }

    #[test]
    fn empty_sides() {
        assert_eq!(rendered("", "x\n"), vec!["+x"]);
        assert_eq!(rendered("x\n", ""), vec!["-x"]);
    }
}
