//! Every language has every message of every Fluent file, with the same attributes and the
//! same `$variables`, and every file parses without junk. Parsed with `fluent-syntax` (the
//! parser `fluent-templates` uses), so selectors, attributes and multi-line messages count.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::Lang;

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales")
}

/// The `.ftl` file names of one language, sorted.
fn file_names(lang: Lang) -> BTreeSet<String> {
    let dir = locales().join(lang.code());
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ftl"))
        .collect()
}

/// What a message looks like from the outside: its attributes and the variables it uses.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
}

fn inline_vars(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            arguments
                .positional
                .iter()
                .for_each(|a| inline_vars(a, out));
            arguments
                .named
                .iter()
                .for_each(|a| inline_vars(&a.value, out));
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            arguments
                .positional
                .iter()
                .for_each(|a| inline_vars(a, out));
            arguments
                .named
                .iter()
                .for_each(|a| inline_vars(&a.value, out));
        }
        InlineExpression::Placeable { expression } => expr_vars(expression, out),
        _ => {}
    }
}

fn expr_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, out),
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            variants.iter().for_each(|v| pattern_vars(&v.value, out));
        }
    }
}

fn pattern_vars(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expr_vars(expression, out);
        }
    }
}

/// Message and term ids of one file with their shapes; junk and duplicate ids are errors.
fn parse_file(path: &Path) -> Result<BTreeMap<String, Shape>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let resource = match fluent_syntax::parser::parse(text.as_str()) {
        Ok(r) => r,
        Err((_, errors)) => return Err(format!("{}: {errors:?}", path.display())),
    };
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            Entry::Junk { content } => {
                return Err(format!("{}: junk {content:?}", path.display()));
            }
            _ => continue,
        };
        let mut variables = BTreeSet::new();
        if let Some(v) = value {
            pattern_vars(v, &mut variables);
        }
        for a in attributes {
            pattern_vars(&a.value, &mut variables);
        }
        let shape = Shape {
            attributes: attributes.iter().map(|a| a.id.name.to_string()).collect(),
            variables,
        };
        if out.insert(id.clone(), shape).is_some() {
            return Err(format!("{}: {id} defined twice", path.display()));
        }
    }
    Ok(out)
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let reference = file_names(Lang::En);
    assert!(reference.len() >= 9, "{reference:?}");
    let mut problems = Vec::new();
    let mut all_ids: BTreeMap<String, (Lang, String)> = BTreeMap::new();
    for lang in Lang::ALL {
        let names = file_names(lang);
        if names != reference {
            problems.push(format!(
                "{}: files {:?}, English has {:?}",
                lang.code(),
                names,
                reference
            ));
        }
        for name in &reference {
            let en = match parse_file(&locales().join("en").join(name)) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            if lang == Lang::En {
                // One id in two files would make Fluent refuse the whole bundle.
                for id in en.keys() {
                    if let Some((_, other)) = all_ids.insert(id.clone(), (lang, name.clone())) {
                        problems.push(format!("{id} in both {other} and {name}"));
                    }
                }
                continue;
            }
            let path = locales().join(lang.code()).join(name);
            let ours = match parse_file(&path) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            for (id, shape) in &en {
                match ours.get(id) {
                    None => problems.push(format!("{}/{name}: {id} missing", lang.code())),
                    Some(s) if s != shape => problems.push(format!(
                        "{}/{name}: {id} is {s:?}, English {shape:?}",
                        lang.code()
                    )),
                    Some(_) => {}
                }
            }
            for id in ours.keys().filter(|id| !en.contains_key(*id)) {
                problems.push(format!("{}/{name}: {id} is not in English", lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checker itself finds what it must: a missing id, a renamed variable, junk.
#[test]
fn the_parity_check_sees_missing_ids_variables_and_junk() {
    let dir = std::env::temp_dir().join(format!("ftl-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let good = parse_file(&write(
        "a.ftl",
        "a = { $n ->\n    [one] one { $n }\n   *[other] { $n } and { $m }\n}\n    .title = T { $t }\n-brand = K\n",
    ))
    .unwrap();
    assert_eq!(good.len(), 2);
    let a = &good["a"];
    assert_eq!(
        a.variables,
        ["m", "n", "t"].map(String::from).into_iter().collect()
    );
    assert_eq!(a.attributes, ["title".to_string()].into_iter().collect());
    assert!(parse_file(&write("b.ftl", "a = ok\nthis is junk\n")).is_err());
    assert!(parse_file(&write("c.ftl", "a = x\na = y\n")).is_err());
    std::fs::remove_dir_all(&dir).ok();
}
