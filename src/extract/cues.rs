//! Status cues: the words that make a figure a goal, an estimate or a report, read
//! from `assets/cues.tsv` (a new cue is a line there) and found on the match key.

use super::time::{is_comparison_base, Relative, RelativeHit, TimePhrases};
use crate::text::{match_key, on_word_boundary};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// What a cue says about the figures it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueClass {
    Goal,
    /// A deadline ("đến năm X"): a goal when X is after the reference year, a report otherwise.
    DatedGoal,
    /// "sẽ": a goal when the figure's year lies ahead, a forecast otherwise.
    Future,
    Estimate,
    /// An estimate of a period under way ("ước đạt"): it also dates the text.
    EstimateNow,
    Forecast,
    Condition,
    Report,
    /// A reporting verb ("đạt") that never overrides a goal or estimate word before it.
    WeakReport,
    PlanResult,
    Incentive,
    /// A turn of the sentence ("tuy nhiên", "nhưng"): the cues before it speak of the
    /// clause it turns from, not of the figures after it.
    Turn,
    /// A purpose ("để"): what a reporting verb after it in its clause reaches is an
    /// aim ("… để thúc đẩy tăng trưởng đạt từ 8,5 - 9%"); alone it decides nothing.
    Purpose,
}

/// How far a cue reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueScope {
    /// The first figure after it.
    Next,
    /// The figures after it until another cue, across the items of its sentence.
    Clause,
    /// As `Clause`, and the items of a list it opens.
    List,
    /// Right after the number ("112% kế hoạch").
    After,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueDef {
    pub phrase: String,
    pub class: CueClass,
    pub scope: CueScope,
}

/// One cue found in a text: byte span on the text (and its key) and its definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub class: CueClass,
    pub scope: CueScope,
}

/// The cue table compiled into two matchers: cues that stand before a number and
/// cues that follow it. Cancelling contexts are patterns of their own that win by
/// being longer or further left, and fire nothing.
pub struct CueTable {
    pub defs: Vec<CueDef>,
    /// The turn phrases and the future words, as match keys: asked of every sentence
    /// and of every figure a goal governs, without a walk over all the cues.
    turns: Vec<String>,
    future: Vec<String>,
    rel: Vec<Relative>,
    before: Matcher,
    after: Matcher,
}

struct Matcher {
    ac: AhoCorasick,
    /// Per pattern: the index into `defs`, or `None` for a cancelling context.
    owner: Vec<Option<usize>>,
    /// Per pattern: the relative time phrase it also is.
    time: Vec<Option<usize>>,
}

impl Matcher {
    fn build(patterns: Vec<(String, Option<usize>)>, times: &[String]) -> Matcher {
        // Time phrases share the pass: a phrase that is both keeps both owners.
        let mut patterns: Vec<(String, Option<usize>, Option<usize>)> =
            patterns.into_iter().map(|(p, o)| (p, o, None)).collect();
        for (ti, t) in times.iter().enumerate() {
            match patterns.iter_mut().find(|p| p.0 == *t) {
                Some(p) => p.2 = Some(ti),
                None => patterns.push((t.clone(), None, Some(ti))),
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // A DFA: a few hundred short phrases, run over every sentence with a number.
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns.iter().map(|p| p.0.as_str()))
            .unwrap_or_else(|e| panic!("cue phrases do not build a matcher: {e}"));
        Matcher {
            ac,
            owner: patterns.iter().map(|p| p.1).collect(),
            time: patterns.iter().map(|p| p.2).collect(),
        }
    }

    /// Cue hits, and (when `times` is given) the time phrases met on the way.
    fn find(
        &self,
        defs: &[CueDef],
        key: &str,
        (from, to): (usize, usize),
        out: &mut Vec<CueHit>,
        mut times: Option<(&[Relative], &mut Vec<RelativeHit>)>,
    ) {
        let Some(hay) = key.get(from..to) else {
            return;
        };
        for m in self.ac.find_iter(hay) {
            if !on_word_boundary(hay, m.start(), m.end()) {
                continue;
            }
            let (start, end) = (from + m.start(), from + m.end());
            let p = m.pattern().as_usize();
            if let Some(d) = self.owner[p].and_then(|i| defs.get(i)) {
                out.push(CueHit {
                    start,
                    end,
                    class: d.class,
                    scope: d.scope,
                });
            }
            if let (Some((rel, hits)), Some(t)) = (times.as_mut(), self.time[p]) {
                if !is_comparison_base(key, start) {
                    hits.push(RelativeHit {
                        start,
                        end,
                        rel: rel[t],
                    });
                }
            }
        }
    }
}

fn class_of(s: &str) -> Option<CueClass> {
    Some(match s {
        "goal" => CueClass::Goal,
        "dated-goal" => CueClass::DatedGoal,
        "future" => CueClass::Future,
        "estimate" => CueClass::Estimate,
        "estimate-now" => CueClass::EstimateNow,
        "forecast" => CueClass::Forecast,
        "condition" => CueClass::Condition,
        "report" => CueClass::Report,
        "weak-report" => CueClass::WeakReport,
        "plan-result" => CueClass::PlanResult,
        "incentive" => CueClass::Incentive,
        "turn" => CueClass::Turn,
        "purpose" => CueClass::Purpose,
        _ => return None,
    })
}

fn scope_of(s: &str) -> Option<CueScope> {
    Some(match s {
        "next" => CueScope::Next,
        "clause" => CueScope::Clause,
        "list" => CueScope::List,
        "after" => CueScope::After,
        _ => return None,
    })
}

impl CueTable {
    /// Parse the table; a malformed line is a build-time asset error. The time
    /// phrases are looked for in the same pass as the cues.
    pub fn parse(src: &str, times: &TimePhrases) -> CueTable {
        let mut defs = Vec::new();
        let mut before: Vec<(String, Option<usize>)> = Vec::new();
        let mut after: Vec<(String, Option<usize>)> = Vec::new();
        let mut cancels: Vec<(String, bool)> = Vec::new();
        for row in crate::reference::data_lines(src) {
            let cols: Vec<&str> = row.into_iter().map(str::trim).collect();
            let (Some(phrase), Some(class), Some(scope)) = (
                cols.first(),
                cols.get(1).and_then(|c| class_of(c)),
                cols.get(2).and_then(|s| scope_of(s)),
            ) else {
                panic!("assets/cues.tsv: malformed line {:?}", cols.join("\t"));
            };
            let key = match_key(phrase);
            let is_after = scope == CueScope::After;
            let list = if is_after { &mut after } else { &mut before };
            list.push((key, Some(defs.len())));
            for c in cols.get(3).into_iter().flat_map(|c| c.split(';')) {
                let c = c.trim();
                if !c.is_empty() {
                    cancels.push((match_key(c), is_after));
                }
            }
            defs.push(CueDef {
                phrase: phrase.to_string(),
                class,
                scope,
            });
        }
        // A phrase that is a cue of its own stays one, though another cue lists it
        // as a cancelling context ("sẽ được" is an incentive; it cancels "sẽ").
        for (c, is_after) in cancels {
            let list = if is_after { &mut after } else { &mut before };
            if !list.iter().any(|(p, _)| *p == c) {
                list.push((c, None));
            }
        }
        let keyed = |class: CueClass| {
            defs.iter()
                .filter(|d: &&CueDef| d.class == class)
                .map(|d| match_key(&d.phrase))
                .collect()
        };
        CueTable {
            turns: keyed(CueClass::Turn),
            future: keyed(CueClass::Future),
            before: Matcher::build(before, &times.phrases),
            after: Matcher::build(after, &[]),
            rel: times.rel.clone(),
            defs,
        }
    }

    /// Cues standing in `key[from..to]`, in text order.
    pub fn find(&self, key: &str, from: usize, to: usize) -> Vec<CueHit> {
        let mut out = Vec::new();
        self.before
            .find(&self.defs, key, (from, to), &mut out, None);
        out
    }

    /// Whether `key[from..to]` opens with a turn ("Tuy nhiên, …"): what the sentences
    /// before it framed does not reach past it.
    pub fn opens_with_turn(&self, key: &str, from: usize, to: usize) -> bool {
        let Some(head) = key.get(from..to) else {
            return false;
        };
        self.turns
            .iter()
            .any(|t| crate::text::starts_with_word(head, t))
    }

    /// Whether a cue's text ends with the future word: a goal said as "tỉnh sẽ".
    pub fn said_with_future(&self, cue: &str) -> bool {
        self.future.iter().any(|f| cue.ends_with(f.as_str()))
    }

    /// Cues and relative time phrases in `key[from..to]`, in one pass.
    pub fn find_with_time(
        &self,
        key: &str,
        from: usize,
        to: usize,
    ) -> (Vec<CueHit>, Vec<RelativeHit>) {
        let (mut cues, mut times) = (Vec::new(), Vec::new());
        let t = (self.rel.as_slice(), &mut times);
        self.before
            .find(&self.defs, key, (from, to), &mut cues, Some(t));
        (cues, times)
    }

    /// A cue that follows a number: one starting within `key[from..to]`'s first
    /// few words ("112% kế hoạch năm", "vượt 8% so với kế hoạch").
    pub fn find_after(&self, key: &str, from: usize, to: usize) -> Option<CueHit> {
        let mut out = Vec::new();
        let head_end = third_word_end(key, from, to);
        // A cue starting within the first words is itself a few words long at most.
        let mut scan_end = (head_end + 48).min(to);
        while !key.is_char_boundary(scan_end) {
            scan_end -= 1;
        }
        self.after
            .find(&self.defs, key, (from, scan_end), &mut out, None);
        out.into_iter().find(|h| h.start < head_end)
    }
}

/// Where the third word of `key[from..to]` ends.
fn third_word_end(key: &str, from: usize, to: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in key[from..to].char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == 3 {
                    return from + i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    to
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static CueTable {
        &crate::reference::Reference::get().cues
    }

    fn classes(s: &str) -> Vec<(String, CueClass)> {
        let key = match_key(s);
        table()
            .find(&key, 0, key.len())
            .into_iter()
            .map(|h| (s[h.start..h.end].to_string(), h.class))
            .collect()
    }

    #[test]
    fn goal_words_and_their_traps() {
        assert_eq!(
            classes("Tỉnh phấn đấu đạt 40%"),
            vec![
                ("phấn đấu".into(), CueClass::Goal),
                ("đạt".into(), CueClass::WeakReport)
            ]
        );
        assert!(classes("chỉ tiêu thụ được 60% sản lượng").is_empty());
        assert!(classes("Giám đốc Sở Kế hoạch và Đầu tư cho biết").is_empty());
        assert!(classes("Vụ Kế hoạch, Bộ Công Thương").is_empty());
        assert_eq!(
            classes("kế hoạch đặt ra (12,5-13%)"),
            vec![("kế hoạch đặt ra".into(), CueClass::Goal)]
        );
        assert!(classes("dự án giao thông").is_empty());
    }

    #[test]
    fn estimates_conditions_and_incentives() {
        assert_eq!(
            classes("Ước đến hết năm 2020"),
            vec![
                ("Ước".into(), CueClass::EstimateNow),
                ("đến hết năm".into(), CueClass::DatedGoal)
            ]
        );
        // A dream is an aim, not an estimate.
        assert_eq!(
            classes("ước mơ của người dân"),
            vec![("ước mơ".into(), CueClass::Goal)]
        );
        assert_eq!(
            classes("nhà đầu tư sẽ được miễn")[0],
            ("sẽ được".into(), CueClass::Incentive)
        );
        assert_eq!(classes("nếu giá giảm")[0].1, CueClass::Condition);
        assert!(classes("nếu so với năm 2019").is_empty());
    }

    #[test]
    fn one_pass_finds_the_time_phrases_their_own_matcher_finds() {
        let r = crate::reference::Reference::get();
        for s in [
            "Trong 6 tháng đầu năm nay, xuất khẩu tăng 26% so với cùng kỳ năm ngoái.",
            "Giai đoạn 5 năm tới là 12,5%; năm tới phải đạt 12%, quý II tăng 3%.",
            "Tháng Một, Bình Dương thu hút 700 triệu USD; năm trước đạt 5%.",
        ] {
            let key = match_key(s);
            let (_, times) = table().find_with_time(&key, 0, key.len());
            let alone = r.time_phrases.find(&key, 0, key.len());
            let spans = |v: &[RelativeHit]| v.iter().map(|h| (h.start, h.end)).collect::<Vec<_>>();
            assert_eq!(spans(&times), spans(&alone), "{s}");
        }
    }

    #[test]
    fn cues_after_the_number() {
        let s = "đạt 290% kế hoạch năm";
        let key = match_key(s);
        let hit = table().find_after(&key, 8, key.len()).map(|h| h.class);
        assert_eq!(hit, Some(CueClass::PlanResult));
        let s = "tăng 14% so với cùng kỳ, kế hoạch";
        let key = match_key(s);
        let hit = table().find_after(&key, 8, key.len()).map(|h| h.class);
        assert_eq!(hit, Some(CueClass::Report));
    }
}
