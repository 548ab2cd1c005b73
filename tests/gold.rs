//! Accuracy against the hand-made gold of `../shared/gold` (see its README): the JSON
//! export of each set's articles scored exactly as `../shared/gold/score.py` scores
//! `vnie export --format json`, then held to the floors below. Skipped when the shared
//! data is absent, failing under CI=true.
//!
//! `cargo test --test gold -- --nocapture` prints each set's summary line;
//! `../shared/gold/score` lists the misses behind it.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;
use vnie::corpus::{load_paths, LoadOptions};
use vnie::export::{write_export, Format};

/// The gold sets: name, articles and gold file, both relative to `../shared`.
const SETS: [(&str, &str, &str); 2] = [
    ("real", "corpus/real", "gold/real.json"),
    ("dev", "gold/articles", "gold/dev.json"),
];

/// The worst each measure may get: the measured values, ratios rounded down to two
/// decimals. A change that improves a measure should raise its floor here, so that
/// the gain cannot be lost unnoticed later.
const FLOORS: [(&str, Floors); 2] = [
    (
        "real",
        Floors {
            documents: 16,
            target_precision: 0.99,
            target_recall: 0.99,
            reported_recall: 0.93,
            max_wrong_status: 0,
            max_junk: 0,
            sectors_f1: 0.97,
            legal_recall: 1.00,
            metric_overlap: 0.70,
        },
    ),
    (
        "dev",
        Floors {
            documents: 12,
            target_precision: 0.99,
            target_recall: 0.99,
            reported_recall: 0.87,
            max_wrong_status: 0,
            max_junk: 0,
            sectors_f1: 0.92,
            legal_recall: 1.00,
            metric_overlap: 0.47,
        },
    ),
];

struct Floors {
    documents: usize,
    target_precision: f64,
    target_recall: f64,
    reported_recall: f64,
    max_wrong_status: usize,
    max_junk: usize,
    sectors_f1: f64,
    legal_recall: f64,
    metric_overlap: f64,
}

struct Score {
    documents_ok: usize,
    documents: usize,
    target_precision: f64,
    target_recall: f64,
    details_ok: usize,
    targets_matched: usize,
    reported_recall: f64,
    metric_overlap: Option<f64>,
    wrong_status: usize,
    junk: usize,
    sectors_f1: f64,
    legal_recall: f64,
}

impl Score {
    /// The line score.py prints last, character for character.
    fn summary(&self) -> String {
        let overlap = self
            .metric_overlap
            .map_or_else(|| "n/a".to_string(), |m| format!("{m:.2}"));
        format!(
            "documents {}/{}; targets P={:.2} R={:.2} details {}/{}; reported-figures R={:.2}; \
             metric-overlap {overlap}; wrong-status {}; junk {}; sectors F1={:.2}; legal R={:.2}",
            self.documents_ok,
            self.documents,
            self.target_precision,
            self.target_recall,
            self.details_ok,
            self.targets_matched,
            self.reported_recall,
            self.wrong_status,
            self.junk,
            self.sectors_f1,
            self.legal_recall,
        )
    }

    /// Every measure below its floor, as a sentence each.
    fn regressions(&self, f: &Floors) -> Vec<String> {
        let mut out = Vec::new();
        let mut at_least = |name: &str, value: f64, floor: f64| {
            // The floors are decimals; the measures are ratios of small counts.
            if value + 1e-9 < floor {
                out.push(format!("{name} is {value:.4}, below its floor {floor:.2}"));
            }
        };
        at_least("documents ok", self.documents_ok as f64, f.documents as f64);
        at_least("targets P", self.target_precision, f.target_precision);
        at_least("targets R", self.target_recall, f.target_recall);
        at_least(
            "reported-figures R",
            self.reported_recall,
            f.reported_recall,
        );
        at_least("sectors F1", self.sectors_f1, f.sectors_f1);
        at_least("legal R", self.legal_recall, f.legal_recall);
        at_least(
            "metric-overlap",
            self.metric_overlap.unwrap_or(0.0),
            f.metric_overlap,
        );
        for (name, value, max) in [
            ("wrong-status", self.wrong_status, f.max_wrong_status),
            ("junk", self.junk, f.max_junk),
        ] {
            if value > max {
                out.push(format!("{name} is {value}, above its ceiling {max}"));
            }
        }
        out
    }
}

fn check_set(name: &str) {
    let (_, articles, gold) = SETS
        .iter()
        .find(|s| s.0 == name)
        .unwrap_or_else(|| panic!("no gold set {name}"));
    let (Some(articles), Some(gold)) = (common::shared_dir(articles), common::shared_dir(gold))
    else {
        return;
    };
    let score = score_set(articles, &gold);
    println!("{name}: {}", score.summary());
    let floors = &FLOORS
        .iter()
        .find(|f| f.0 == name)
        .unwrap_or_else(|| panic!("no floors for {name}"))
        .1;
    let worse = score.regressions(floors);
    assert!(
        worse.is_empty(),
        "gold set {name}: {}\n  {}\n(`../shared/gold/score` lists the misses; when a change \
         improves a measure, raise its floor in FLOORS in tests/gold.rs)",
        score.summary(),
        worse.join("\n  ")
    );
}

#[test]
fn real_articles_hold_their_floors() {
    check_set("real");
}

#[test]
fn dev_articles_hold_their_floors() {
    check_set("dev");
}

fn score_set(articles: PathBuf, gold: &std::path::Path) -> Score {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(gold).unwrap_or_else(|e| panic!("{}: {e}", gold.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", gold.display()));
    let corpus = load_paths(&[articles], LoadOptions::default());
    let mut bytes = Vec::new();
    write_export(&corpus, Format::Json, None, None, &mut bytes).expect("export into memory");
    let out: Value = serde_json::from_slice(&bytes).expect("the export is JSON");
    score(&out, &gold)
}

// What follows is score.py, one measure at a time, with Python's semantics where they
// matter: a missing key reads as null, null equals null, 2030 equals 2030.0.

fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&Value::Null)
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn nfc_opt(v: &Value) -> Option<String> {
    v.as_str().map(nfc)
}

/// Either tone-mark style for the few province names where it matters.
fn prov(v: &Value) -> Option<String> {
    nfc_opt(v).map(|s| s.replace("Hoá", "Hóa").replace("Hoà", "Hòa"))
}

fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn one_of(a: &Value, first: &Value, alternatives: &Value) -> bool {
    std::iter::once(first)
        .chain(list(alternatives))
        .any(|b| py_eq(a, b))
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `float()` of a JSON value.
fn float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn close(a: &Value, b: &Value) -> bool {
    if a.is_null() || b.is_null() {
        return a.is_null() && b.is_null();
    }
    match (float(a), float(b)) {
        // A fall may be written as a negative value or not.
        (Some(a), Some(b)) => close_f(a, b),
        _ => false,
    }
}

fn close_f(a: f64, b: f64) -> bool {
    let (a, b) = (a.abs(), b.abs());
    (a - b).abs() < 1e-6 * b.max(1.0)
}

/// The unit without its leading scale words, and what they multiply by.
fn split_scale(unit: &Value) -> (f64, String) {
    let unit = nfc(unit.as_str().unwrap_or(""));
    let mut words: Vec<&str> = unit.split_whitespace().collect();
    let mut factor = 1.0;
    while words.len() > 1 {
        let scale = match words[0] {
            "nghìn" | "ngàn" => 1e3,
            "vạn" => 1e4,
            "triệu" => 1e6,
            "tỷ" | "tỉ" => 1e9,
            _ => break,
        };
        factor *= scale;
        words.remove(0);
    }
    (factor, words.join(" "))
}

/// Equal as written, or once a scale word is moved between value and unit.
fn same_value(fv: &Value, funit: &Value, gv: &Value, gunit: &Value) -> bool {
    if close(fv, gv) {
        return true;
    }
    let (Some(fv), Some(gv)) = (fv.as_f64(), gv.as_f64()) else {
        return false;
    };
    let ((ff, fb), (gf, gb)) = (split_scale(funit), split_scale(gunit));
    fb == gb && ff != gf && close_f(fv * ff, gv * gf)
}

fn words(v: &Value) -> BTreeSet<String> {
    nfc(v.as_str().unwrap_or(""))
        .to_lowercase()
        .replace([',', '(', ')'], " ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn token_f1(a: &Value, b: &Value) -> f64 {
    let (a, b) = (words(a), words(b));
    let common = a.intersection(&b).count();
    if common == 0 {
        return 0.0;
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

fn same_province(a: &Value, b: &Value) -> bool {
    prov(a) == prov(b)
}

fn norm_ref(v: Option<&Value>) -> String {
    let s = match v {
        None => String::new(),
        Some(Value::Null) => "None".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    nfc(&s).to_uppercase().replace(' ', "").replace("SỐ", "")
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b as f64
}

fn score(out: &Value, gold: &Value) -> Score {
    let docs = list(get(out, "documents"));
    let gold_docs = get(gold, "documents")
        .as_object()
        .expect("gold documents are an object");
    let source_has =
        |d: &Value, stem: &str| get(d, "source").as_str().is_some_and(|s| s.contains(stem));
    let scoped: Vec<&Value> = docs
        .iter()
        .filter(|d| gold_docs.keys().any(|stem| source_has(d, stem)))
        .map(|d| get(d, "id"))
        .collect();
    let in_scope = |doc: &Value| scoped.iter().any(|id| py_eq(id, doc));
    let figs: Vec<&Value> = list(get(out, "figures"))
        .iter()
        .filter(|f| in_scope(get(f, "document")))
        .collect();

    let mut documents_ok = 0;
    for (stem, g) in gold_docs {
        let Some(d) = docs.iter().find(|d| source_has(d, stem)) else {
            continue;
        };
        let got: BTreeSet<_> = list(get(d, "provinces")).iter().map(prov).collect();
        let want: BTreeSet<_> = list(get(g, "main")).iter().map(prov).collect();
        let mut allowed = want.clone();
        allowed.extend(list(get(g, "allowed")).iter().map(prov));
        if want.is_subset(&got) && got.is_subset(&allowed) {
            documents_ok += 1;
        }
    }

    let status = |f: &Value| get(f, "status").as_str().map(str::to_string);
    let targets: Vec<&Value> = figs
        .iter()
        .copied()
        .filter(|f| status(f).as_deref() == Some("target"))
        .collect();
    let gold_targets = list(get(gold, "targets"));
    let mut used = vec![false; targets.len()];
    let mut metric_f1 = Vec::new();
    let (mut matched, mut details_ok) = (0, 0);
    for g in gold_targets {
        let hit = (0..targets.len()).find(|&i| {
            let f = targets[i];
            !used[i]
                && same_province(get(f, "province"), get(g, "province"))
                && same_value(
                    get(f, "value"),
                    get(f, "unit"),
                    get(g, "value"),
                    get(g, "unit"),
                )
                && same_value(
                    get(f, "value_max"),
                    get(f, "unit"),
                    get(g, "value_max"),
                    get(g, "unit"),
                )
                && one_of(get(f, "year"), get(g, "year"), get(g, "year_alt"))
        });
        let Some(hit) = hit else { continue };
        used[hit] = true;
        matched += 1;
        let f = targets[hit];
        if truthy(get(g, "metric")) {
            metric_f1.push(token_f1(get(f, "metric"), get(g, "metric")));
        }
        let mut good = one_of(
            get(f, "comparator"),
            get(g, "comparator"),
            get(g, "comparator_alt"),
        ) && (nfc_opt(get(f, "unit")) == nfc_opt(get(g, "unit"))
            || split_scale(get(f, "unit")).1 == split_scale(get(g, "unit")).1)
            && py_eq(get(f, "kind"), get(g, "kind"));
        if let Some(per_year) = g.get("per_year") {
            good = good && py_eq(&Value::Bool(truthy(get(f, "per_year"))), per_year);
        }
        if good {
            details_ok += 1;
        }
    }
    let optional = list(get(gold, "optional_targets"));
    let extra = (0..targets.len())
        .filter(|&i| !used[i])
        .filter(|&i| {
            let f = targets[i];
            !optional.iter().any(|o| {
                same_province(get(f, "province"), get(o, "province"))
                    && close(get(f, "value"), get(o, "value"))
            })
        })
        .count();
    let target_recall = ratio(matched, gold_targets.len());
    let target_precision = ratio(matched, (matched + extra).max(1));

    let reported: Vec<&Value> = figs
        .iter()
        .copied()
        .filter(|f| matches!(status(f).as_deref(), Some("achieved" | "estimate")))
        .collect();
    let gold_reported = list(get(gold, "achieved"));
    let mut reported_hit = 0;
    for g in gold_reported {
        let cand: Vec<&Value> = reported
            .iter()
            .copied()
            .filter(|f| {
                same_province(get(f, "province"), get(g, "province"))
                    && same_value(
                        get(f, "value"),
                        get(f, "unit"),
                        get(g, "value"),
                        get(g, "unit"),
                    )
            })
            .collect();
        if !cand.is_empty() && truthy(get(g, "metric")) {
            let best = cand
                .iter()
                .map(|f| token_f1(get(f, "metric"), get(g, "metric")))
                .fold(f64::NEG_INFINITY, f64::max);
            metric_f1.push(best);
        }
        let year = get(g, "year");
        if cand
            .iter()
            .any(|f| year.is_null() || one_of(get(f, "year"), year, get(g, "year_alt")))
        {
            reported_hit += 1;
        }
    }
    let reported_recall = ratio(reported_hit, gold_reported.len());

    let never_targets = list(get(gold, "never_targets"));
    let never = |f: &Value, v: &Value| {
        if v.is_object() {
            close(get(f, "value"), get(v, "value"))
                && same_province(get(f, "province"), get(v, "province"))
        } else {
            close(get(f, "value"), v)
        }
    };
    let wrong_status = targets
        .iter()
        .filter(|f| never_targets.iter().any(|v| never(f, v)))
        .count();
    let junk_units = list(get(gold, "never_figures_units"));
    let junk_values = list(get(gold, "never_figure_values"));
    let junk = figs
        .iter()
        .filter(|f| {
            let unit = Value::String(nfc(get(f, "unit").as_str().unwrap_or("")));
            junk_units.contains(&unit) || junk_values.iter().any(|v| close(get(f, "value"), v))
        })
        .count();

    let key = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let mut pairs = BTreeSet::new();
    for s in list(get(out, "sectors")) {
        let id = key(get(s, "id"));
        let mentions = get(s, "mentions");
        if truthy(mentions) {
            for m in list(mentions) {
                if in_scope(get(m, "document")) && truthy(get(m, "province")) {
                    pairs.insert((prov(get(m, "province")), id.clone()));
                }
            }
        } else {
            for p in list(get(s, "provinces")) {
                pairs.insert((prov(p), id.clone()));
            }
        }
    }
    let pair = |p: &Value| (prov(&p[0]), key(&p[1]));
    let gold_pairs: BTreeSet<_> = list(get(gold, "sectors")).iter().map(pair).collect();
    let optional_pairs: BTreeSet<_> = list(get(gold, "optional_sectors"))
        .iter()
        .map(pair)
        .collect();
    let mut scope: BTreeSet<Option<String>> = gold_pairs.iter().map(|p| p.0.clone()).collect();
    for g in gold_docs.values() {
        scope.extend(
            list(get(g, "main"))
                .iter()
                .chain(list(get(g, "allowed")))
                .map(prov),
        );
    }
    let predicted: BTreeSet<_> = pairs
        .into_iter()
        .filter(|p| scope.contains(&p.0) && !optional_pairs.contains(p))
        .collect();
    let sectors_tp = predicted.intersection(&gold_pairs).count();
    let s_prec = ratio(sectors_tp, predicted.len().max(1));
    let s_rec = ratio(sectors_tp, gold_pairs.len());
    let sectors_f1 = 2.0 * s_prec * s_rec / (s_prec + s_rec).max(1e-9);

    let numbers: BTreeSet<String> = list(get(out, "legal"))
        .iter()
        .map(|l| norm_ref(l.get("number")))
        .collect();
    let gold_legal = list(get(gold, "legal"));
    let legal_hit = gold_legal
        .iter()
        .filter(|g| {
            let g = norm_ref(Some(g));
            numbers.iter().any(|n| *n == g || n.starts_with(&g))
        })
        .count();
    let legal_recall = ratio(legal_hit, gold_legal.len().max(1));

    Score {
        documents_ok,
        documents: gold_docs.len(),
        target_precision,
        target_recall,
        details_ok,
        targets_matched: matched,
        reported_recall,
        metric_overlap: (!metric_f1.is_empty())
            .then(|| metric_f1.iter().sum::<f64>() / metric_f1.len() as f64),
        wrong_status,
        junk,
        sectors_f1,
        legal_recall,
    }
}
