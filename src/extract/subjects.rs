//! Attribution: the subject a figure's clause speaks about (SPEC §4).
//!
//! A place right after an oblique word ("sau TPHCM và Hà Nội", "cách TP HCM 448
//! km", "xuất khẩu sang Mỹ") or a mid-clause venue ("tổ chức tại TP HCM") is not
//! what the clause is about; a foreign subject makes a figure no province's.

use super::places::{Named, Subject};
use crate::model::{Figure, Place, Sentence, Span, Status, StatusRule};
use crate::reference::Reference;
use crate::text::word_before;

/// A place or foreign subject named in a sentence, and whether it can be the
/// subject of its clause.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    pub subject: Subject,
    pub span: Span,
    pub sentence: u32,
    pub oblique: bool,
    /// A region of the country ("miền Bắc"): the subject of its whole sentence, as a
    /// province is, but no province's.
    pub regional: bool,
    /// The country, led by a word of `Reference::into` ("vào Việt Nam").
    pub into: bool,
    /// Its sentence speaks of trade or investment (`Reference::market_words`,
    /// `investor_words`): a place abroad there is more often a partner than a setting.
    pub traded: bool,
}

impl Mention {
    /// A place abroad: no subject of the country, and not one of its regions.
    pub fn abroad(&self) -> bool {
        self.subject.is_none() && !self.regional
    }
}

/// The mentions in text order, each marked oblique or not; `sentence_of` maps a
/// byte offset to its sentence.
pub fn mark(
    key: &str,
    found: &[Named],
    reference: &Reference,
    sentence_of: impl Fn(usize) -> u32,
    sentence_bounds: impl Fn(u32) -> (usize, usize),
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(found.len());
    // Per sentence: whether its foreign places are its markets or investors, and
    // whether it speaks of trade at all.
    let mut trade: (Option<u32>, bool, bool) = (None, false, false);
    let domestic: std::collections::HashSet<u32> = found
        .iter()
        .filter(|n| n.subject.is_some())
        .map(|n| sentence_of(n.span.start))
        .collect();
    for &Named {
        subject,
        span,
        regional,
    } in found
    {
        let sentence = sentence_of(span.start);
        // "sau TPHCM và Hà Nội": a list after an oblique word is oblique throughout.
        let listed_after_oblique = out.last().is_some_and(|m| {
            m.oblique
                && m.sentence == sentence
                && key.get(m.span.end..span.start).is_some_and(|gap| {
                    matches!(gap.trim(), "," | "và" | "-" | "–" | "hoặc" | "hay")
                })
        });
        // "đứng thứ ba cả nước", "cao hơn bình quân cả nước": the country named after a
        // province in one stretch of a clause is its scale or its yardstick.
        let national_after_province = subject == Some(Place::National)
            && out.last().is_some_and(|m| {
                m.sentence == sentence
                    && matches!(m.subject, Some(Place::Province(_)))
                    && key
                        .get(m.span.end..span.start)
                        .is_some_and(|gap| !gap.contains([',', ';', ':']))
            });
        // "Bắc Ninh dẫn đầu miền Bắc": a region named after a province of its sentence
        // is that province's scope.
        let region_after_province = regional
            && out.last().is_some_and(|m| {
                m.sentence == sentence
                    && !m.oblique
                    && matches!(m.subject, Some(Place::Province(_)))
                    && key
                        .get(m.span.end..span.start)
                        .is_some_and(|gap| !gap.contains([',', ';', ':']))
            });
        let (sentence_start, sentence_end) = sentence_bounds(sentence);
        // "Hàn Quốc có 213 dự án": an investor, not the one whose figures they are;
        // "thị trường xuất khẩu của Bình Dương …: Nhật Bản 3.605 triệu USD": a market,
        // when a province or the country in the sentence is the seller ("giá dầu trên
        // thị trường New York" has none: the market is the subject).
        let market = subject.is_none() && !regional && {
            // Asked once a sentence: foreign names come in runs ("Mỹ, Nhật Bản, Hàn Quốc").
            if trade.0 != Some(sentence) {
                let words_in = |set: &crate::text::WordSet| {
                    key.get(sentence_start..sentence_end)
                        .is_some_and(|s| set.any(s))
                };
                let (invested, market) = (
                    words_in(&reference.investor_words),
                    words_in(&reference.market_words),
                );
                let partners = invested || domestic.contains(&sentence) && market;
                trade = (Some(sentence), partners, invested || market);
            }
            trade.1
        };
        // "mặc dù nền kinh tế thế giới …, nhưng …": the clause concedes a contrast.
        let conceded = key.get(sentence_start..span.start).is_some_and(|head| {
            let clause = head.rfind([',', ';', ':']).map_or(head, |i| &head[i + 1..]);
            reference.concessive.any(clause)
        });
        // "Quảng Ninh … tổ chức tại TP HCM": where it happened, not who.
        let venue = matches!(subject, Some(Place::Province(_)))
            && out
                .iter()
                .rev()
                .take_while(|m| m.sentence == sentence)
                .any(|m| matches!(m.subject, Some(Place::Province(_))))
            && led_by(key, span.start, &reference.venue);
        let oblique = listed_after_oblique
            || national_after_province
            || region_after_province
            || market
            || conceded
            || venue
            || in_brackets(key, sentence_start, span.start)
            || led_by(key, span.start, &reference.oblique)
                && !after_time_ahead(key, span.start, &reference.ahead);
        out.push(Mention {
            subject,
            span,
            sentence,
            oblique,
            regional,
            into: subject == Some(Place::National) && led_by(key, span.start, &reference.into),
            traded: trade.0 == Some(sentence) && trade.2,
        });
    }
    out
}

/// Inside a bracket opened since `from`: an aside ("(chỉ tiêu … các tỉnh, thành phố)").
fn in_brackets(key: &str, from: usize, at: usize) -> bool {
    key.get(from..at)
        .is_some_and(|head| head.matches('(').count() > head.matches(')').count())
}

/// Whether the one or two words right before `start` are in `list`.
fn led_by(key: &str, start: usize, list: &[String]) -> bool {
    let Some((ws, w)) = word_before(key, start) else {
        return false;
    };
    if key[ws + w.len()..start].contains(|c: char| !c.is_whitespace()) {
        return false;
    }
    // The one or two words before, compared in place: "so với", "chỉ đạo".
    let head = key[..ws + w.len()].trim_end();
    let ends = |o: &String| {
        head.ends_with(o.as_str())
            && crate::text::on_word_boundary(head, head.len() - o.len(), head.len())
    };
    // "đứng thứ 3 cả nước": a rank, written with a number where the list has words.
    let rank = w.bytes().all(|b| b.is_ascii_digit())
        && word_before(key, ws).is_some_and(|(_, w1)| w1 == "thứ");
    rank || list.iter().any(ends)
}

/// "5 năm tới Trung Quốc": the place comes right after a time ahead, whose last word
/// is only spelled like an oblique one.
fn after_time_ahead(key: &str, start: usize, ahead: &[String]) -> bool {
    ahead
        .iter()
        .any(|a| crate::text::ends_with_word(&key[..start], a))
}

/// The words between a figure and the place after it make the place its owner: a
/// "của" close on both sides, with no comparison ("cao hơn bình quân của cả nước")
/// and no clause break between.
fn owned_by(gap: &str) -> bool {
    if gap.contains([',', ';', ':', '(', ')']) {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    let Some(at) = words.iter().position(|w| *w == "của") else {
        return false;
    };
    let compares = ["hơn", "so", "bằng", "gấp", "bình", "mức", "trung"];
    at <= 2 && words.len() - at <= 3 && !words.iter().any(|w| compares.contains(w))
}

/// The mentions of sentence `si`: mentions are in text order, so they are one run.
fn in_sentence(mentions: &[Mention], si: usize) -> &[Mention] {
    let lo = mentions.partition_point(|m| (m.sentence as usize) < si);
    let hi = mentions.partition_point(|m| (m.sentence as usize) <= si);
    &mentions[lo..hi.max(lo)]
}

/// "5 năm tới Trung Quốc sẽ chiếm trên 50%": a target only through "sẽ", followed by a
/// verb of where one stands (`Reference::outcome`), whose subject is abroad, is
/// foretold, not aimed at.
pub fn foretold_abroad(f: &Figure, key: &str, mentions: &[Mention], reference: &Reference) -> bool {
    let said_will = f.reason.cue.is_some_and(|c| {
        let (Some(cue), Some(after)) = (key.get(c.range()), key.get(c.end..f.span.start)) else {
            return false;
        };
        reference.cues.said_with_future(cue)
            && reference
                .outcome
                .iter()
                .any(|v| crate::text::starts_with_word(after.trim_start(), v))
    });
    // The subject the figure took: the last mention before it that is not oblique.
    let abroad = || {
        in_sentence(mentions, f.sentence as usize)
            .iter()
            .take_while(|m| m.span.end <= f.span.start)
            .filter(|m| !m.oblique)
            .last()
            .is_some_and(Mention::abroad)
    };
    f.status == Status::Target
        && f.place.is_none()
        && f.reason.rule == StatusRule::GoalCue
        && said_will
        && abroad()
}

/// What a figure with no subject of its own falls back to: the document's main
/// places; in an article that names no province but speaks of the country ("VN nhập
/// khẩu …", "Chính phủ …") at least as often as of places abroad, the country. The
/// document itself still has no main province.
pub fn fallback_places(main: &[Place], mentions: &[Mention], sentences: &[Sentence]) -> Vec<Place> {
    if !main.is_empty() {
        return main.to_vec();
    }
    let named = |national: bool| {
        mentions
            .iter()
            .filter(|m| {
                !m.oblique
                    && !m.regional
                    && sentences
                        .get(m.sentence as usize)
                        .is_some_and(|s| !s.boilerplate)
                    && (m.subject == Some(Place::National)) == national
                    && (national || m.subject.is_none())
            })
            .count()
    };
    let national = named(true);
    if national > 0 && national >= named(false) {
        vec![Place::National]
    } else {
        Vec::new()
    }
}

/// A rate (%) after a levy the state sets ("thuế tiêu thụ đặc biệt với xe dưới 2,5 lít
/// là 15%; 2,5-3 lít là 20%"), not a change in what it brings in ("thu thuế nhập khẩu
/// tăng 15%").
fn levied(key: &str, from: usize, span: Span, reference: &Reference) -> bool {
    let (Some(head), Some(figure)) = (key.get(from..span.start), key.get(span.start..span.end))
    else {
        return false;
    };
    if !figure.ends_with('%') {
        return false;
    }
    reference.levies.first(head).is_some_and(|(_, end, _)| {
        !head[end..].split_whitespace().any(|w| {
            matches!(
                w,
                "tăng" | "giảm" | "thu" | "nộp" | "đạt" | "chiếm" | "bằng" | "vượt"
            )
        })
    })
}

/// SPEC §4: the subject named in the sentence (the nearest before that is not
/// oblique, else a province after it); else the nearest province before it in
/// the paragraph; else the document's main province (of several, the one named last
/// before it, alone) — never for furniture, whose figures keep their own places. A
/// foreign subject gives `None`.
pub fn attribute(
    key: &str,
    span: Span,
    si: usize,
    sentences: &[Sentence],
    mentions: &[Mention],
    main: &[Place],
    reference: &Reference,
) -> Option<Place> {
    let lo = mentions.partition_point(|m| (m.sentence as usize) < si);
    let in_sentence = in_sentence(mentions, si);
    let before = in_sentence.partition_point(|m| m.span.end <= span.start);
    // "10 tỉ USD/năm của ngành tôm VN": the owner named right after the figure.
    if let Some(m) = in_sentence[before..].first().filter(|m| !m.oblique) {
        if owned_by(key.get(span.end..m.span.start).unwrap_or(",")) {
            return m.subject;
        }
    }
    // Somewhere abroad is the subject of its own clause only: "trong điều kiện suy
    // thoái kinh tế toàn cầu, thì năm 2023 … tăng trên 8%" is the province's.
    // A region or a place abroad that opens the sentence ("Tại phía Bắc, giá đất …",
    // "Trên thế giới, …", "Tại Mỹ, …") frames all of it.
    let sentence_start = sentences.get(si).map_or(0, |s| s.start as usize);
    let opens = |m: &Mention| {
        key.get(sentence_start..m.span.start)
            .is_some_and(|head| head.split_whitespace().count() <= 2)
    };
    let own_clause = |m: &Mention| {
        m.subject.is_some()
            || m.subject.is_none() && opens(m)
            || key
                .get(m.span.end..span.start)
                .is_some_and(|gap| !gap.contains([',', ';', ':']))
    };
    if let Some(m) = in_sentence[..before]
        .iter()
        .rev()
        .find(|m| !m.oblique && own_clause(m))
    {
        return m.subject;
    }
    // "đầu tư khoảng 700 triệu USD vào Việt Nam": where the amount goes, right after
    // it ("chiếm 20% vốn FDI vào Việt Nam" is a share of the country's, not its own).
    if let Some(m) = in_sentence[before..]
        .first()
        .filter(|m| m.into && !m.oblique)
    {
        if key
            .get(span.end..m.span.start)
            .is_some_and(|gap| gap.split_whitespace().count() == 1)
        {
            return m.subject;
        }
    }
    let sentence = sentences.get(si)?;
    // "ở Haiti, nơi có tới 55% dân số …", "của Campuchia là 1,4 tỷ USD, nhập khẩu hơn
    // 2 tỷ USD": a sentence about a place abroad that names no place of the country is
    // not the country's in its later clauses either, unless the place is a market or an
    // investor ("giao gạo cho thị trường Philippines": the seller goes unnamed).
    // Nor when the sentence speaks of the country's own in words that name no place
    // ("Sau chuyến công tác tại Nhật Bản, tỉnh đã ký …").
    let abroad_sentence = in_sentence[..before]
        .iter()
        .rev()
        .find(|m| !m.oblique)
        .is_some_and(|m| m.abroad() && !m.traded && led_by(key, m.span.start, &reference.venue))
        && in_sentence.iter().all(|m| m.subject.is_none())
        && key
            .get(sentence.start as usize..sentence.end as usize)
            .is_some_and(|s| !reference.home_words.any(s));
    if abroad_sentence {
        return None;
    }
    // A rate the state sets is the country's, though an office that applies it is named
    // ("thuế suất NK ưu đãi 0% …, Hải quan Hải Phòng cho biết"); a province named before
    // it may have set its own ("Hà Nội: lệ phí trước bạ 12%"), a country abroad its own
    // ("Theo thông báo của Mỹ, thuế suất … 25%").
    let is_province = |m: &Mention| matches!(m.subject, Some(Place::Province(_)));
    let office = |m: &Mention| {
        let head = key.get(..m.span.start).unwrap_or("");
        reference
            .offices
            .iter()
            .any(|o| crate::text::ends_with_word(head, o))
    };
    // A province after the figure is more often where it was said ("tại Hà Nội") than
    // who set it.
    let owned = in_sentence[..before]
        .iter()
        .any(|m| is_province(m) && !office(m) || m.abroad());
    if !owned && levied(key, sentence.start as usize, span, reference) {
        return Some(Place::National);
    }
    // A province named after the figure may be its subject; the country named after
    // it is nearly always a comparison ("… 15,07%, cao hơn bình quân cả nước").
    let province = |m: &&Mention| !m.oblique && is_province(m);
    if let Some(m) = in_sentence[before..].iter().find(province) {
        return m.subject;
    }
    let para = sentence.paragraph;
    let before_in_paragraph = mentions[..lo]
        .iter()
        .rev()
        .take_while(|m| {
            sentences
                .get(m.sentence as usize)
                .is_some_and(|s| s.paragraph == para)
        })
        .find(province);
    if let Some(m) = before_in_paragraph {
        return m.subject;
    }
    if sentence.boilerplate {
        return None;
    }
    // An article about two provinces speaks of them in turn: the one of them named
    // last before the figure.
    if main.len() > 1 {
        // Not one end of a pair or route ("tuyến Hà Nội - Hải Phòng", "A và B").
        let paired = |i: usize| {
            let joined = |a: &Mention, b: &Mention| {
                a.sentence == b.sentence
                    && key
                        .get(a.span.end..b.span.start)
                        .is_some_and(|gap| matches!(gap.trim(), "-" | "–" | "và" | "," | "với"))
            };
            (i > 0 && joined(&mentions[i - 1], &mentions[i]))
                || mentions.get(i + 1).is_some_and(|n| joined(&mentions[i], n))
        };
        let last_main = (0..lo).rev().map(|i| (i, &mentions[i])).find(|&(i, m)| {
            province(&m) && m.subject.is_some_and(|p| main.contains(&p)) && !paired(i)
        });
        let last_main = last_main.map(|(_, m)| m);
        if let Some(m) = last_main {
            return m.subject;
        }
    }
    main.first().copied()
}

#[cfg(test)]
mod tests {
    use crate::reference::Reference;

    /// The province (or "—" abroad) of each figure of `text`, by value.
    fn owners(text: &str) -> Vec<(f64, String)> {
        let r = Reference::get();
        crate::extract::extract(text)
            .figures
            .iter()
            .map(|f| {
                let p = f.place.map_or("—", |p| r.place_name(p));
                (f.value, p.to_string())
            })
            .collect()
    }

    fn owner(text: &str, value: f64) -> String {
        let all = owners(text);
        all.iter()
            .find(|(v, _)| *v == value)
            .unwrap_or_else(|| panic!("{value} in {all:?}"))
            .1
            .clone()
    }

    #[test]
    fn the_subject_not_the_nearest_name() {
        let t = "Hiện Bình Dương đứng thứ ba cả nước về thu hút vốn đầu tư FDI sau TPHCM và Hà Nội với tổng vốn đầu tư 1,9 tỷ USD.";
        assert_eq!(owner(t, 1.9), "Bình Dương");
        let t = "Khánh Hoà là một tỉnh ven biển Nam Trung Bộ, cách TP HCM 448 km về phía Bắc.";
        assert_eq!(owner(t, 448.0), "Khánh Hòa");
        let t = "Bình Dương mở rộng công nghiệp. Tỉnh đứng thứ 3 cả nước với 20 khu công nghiệp.";
        assert_eq!(owner(t, 20.0), "Bình Dương");
        let t = "Hội nghị xúc tiến đầu tư của Quảng Ninh tổ chức tại TP HCM thu hút 12 dự án.";
        assert_eq!(owner(t, 12.0), "Quảng Ninh");
    }

    #[test]
    fn abroad_is_no_province_but_markets_and_investors_are_partners() {
        let t = "Bình Dương phát triển dệt may. Trung Quốc chiếm 30% sản lượng dệt may thế giới.";
        assert_eq!(owner(t, 30.0), "—");
        let t = "Mỹ là thị trường xuất khẩu lớn nhất của Bình Dương với 4.916 triệu USD; kế tiếp là Nhật Bản 3.605 triệu USD.";
        assert_eq!(owner(t, 4916.0), "Bình Dương");
        assert_eq!(owner(t, 3605.0), "Bình Dương");
        let t = "Hà Nội: giá vàng trong nước tăng. Giá vàng thế giới đứng ở mức 634,55 USD/ounce, giá dầu trên thị trường New York còn 73,33 USD.";
        assert_eq!(owner(t, 73.33), "—");
        let t = "Hàn Quốc có số dự án lớn nhất (213 dự án với tổng vốn đầu tư 2,37 tỷ USD).";
        assert_eq!(
            owner(&format!("Vĩnh Phúc thu hút FDI. {t}"), 213.0),
            "Vĩnh Phúc"
        );
        let t = "Bình Dương: trong điều kiện suy thoái kinh tế toàn cầu, thì năm 2023 tỉnh vẫn tăng trên 8%.";
        assert_eq!(owner(t, 8.0), "Bình Dương");
    }

    #[test]
    fn a_region_is_no_province_unless_it_is_one_province_s_scope() {
        let t = "Bắc Ninh hút FDI. Theo JLL, tổng diện tích đất công nghiệp cho thuê tại miền Bắc đạt khoảng 9.500 ha.";
        assert_eq!(owner(t, 9500.0), "—");
        // The region opens the sentence: its subject across the commas.
        let t = "Bắc Ninh hút FDI. Tại phía Bắc, giá đất đã đạt đỉnh mới, ở mức 107 USD/m2.";
        assert_eq!(owner(t, 107.0), "—");
        let t = "Các tỉnh phía Nam cũng lập thêm các KCN mới với tổng diện tích khoảng 23.400 ha, lân cận TP.HCM.";
        assert_eq!(owner(t, 23400.0), "—");
        let t = "Bắc Ninh dẫn đầu miền Bắc về thu hút FDI với 2 tỷ USD.";
        assert_eq!(owner(t, 2.0), "Bắc Ninh");
        // A direction is no region.
        let t = "Khánh Hoà cách TP HCM 448 km về phía Bắc.";
        assert_eq!(owner(t, 448.0), "Khánh Hòa");
        // A name that holds a region is no region.
        let t = "Tổng công ty Điện lực miền Nam đầu tư 5.000 tỷ đồng cho lưới điện tại Đồng Nai.";
        assert_eq!(owner(t, 5000.0), "Đồng Nai");
        let t = "Quảng Ninh phát triển KCN. KCN Hải Hà nằm ở phía Bắc của tỉnh, rộng 3.300 ha.";
        assert_eq!(owner(t, 3300.0), "Quảng Ninh");
        // A region after a clause break is its own clause's subject, not the province's scope.
        let t = "Hà Nội tăng 5%, trong khi các tỉnh phía Nam chỉ tăng 12%.";
        assert_eq!(owner(t, 12.0), "—");
        // Named inside a clause of cause, it frames only that clause.
        let t = "Quảng Trị công bố số liệu. Do ảnh hưởng bão lũ tại miền Trung, GRDP của tỉnh chỉ tăng 5,2%.";
        assert_eq!(owner(t, 5.2), "Quảng Trị");
    }

    #[test]
    fn a_nationally_set_rate_and_money_into_the_country_are_the_country_s() {
        let t = "Quảng Nam lắp ráp ô tô. Cùng với đó, thuế tiêu thụ đặc biệt với xe dưới 2,5 lít là 15%; 2,5-3 lít là 20%.";
        assert_eq!(owner(t, 15.0), "Toàn quốc");
        assert_eq!(owner(t, 20.0), "Toàn quốc");
        // What a levy brings in is the collector's.
        let t = "Quảng Nam lắp ráp ô tô. Số thu thuế nhập khẩu tăng 15% so với cùng kỳ.";
        assert_eq!(owner(t, 15.0), "Quảng Nam");
        let t = "Đà Nẵng thu ngân sách 20.000 tỷ đồng. Thuế thu nhập cá nhân đạt 95% dự toán.";
        assert_eq!(owner(t, 95.0), "Đà Nẵng");
        let t = "Bắc Ninh hút FDI. Foxconn cho biết sẽ đầu tư khoảng 700 triệu USD vào Việt Nam.";
        assert_eq!(owner(t, 700.0), "Toàn quốc");
        // A share of the country's is the subject's own.
        let t = "Bắc Ninh hút FDI. Tỉnh chiếm 20% vốn FDI vào Việt Nam.";
        assert_eq!(owner(t, 20.0), "Bắc Ninh");
        // An office that applies a national rate, named after it, does not own it; a
        // province named before a levy may have set its own.
        let t = "Hải Phòng lắp ráp ô tô. Việc áp dụng thuế suất NK ưu đãi 0% đối với linh kiện, Hải quan Hải Phòng cho biết, còn vướng.";
        assert_eq!(owner(t, 0.0), "Toàn quốc");
        let t = "Hải Phòng lắp ráp ô tô. Nghị định đưa thuế NK linh kiện về 0%, mở đường cho ngành ô tô Việt Nam.";
        assert_eq!(owner(t, 0.0), "Toàn quốc");
        let t = "Ô tô đắt. Tại Hà Nội, lệ phí trước bạ là 12%.";
        assert_eq!(owner(t, 12.0), "Hà Nội");
        // A rate abroad is its country's.
        let t = "Ô tô đắt. Theo thông báo của Mỹ, thuế suất nhập khẩu thép là 25%.";
        assert_ne!(owner(t, 25.0), "Toàn quốc");
    }

    #[test]
    fn an_article_about_the_country_and_no_province_gives_the_country_what_names_no_subject() {
        let t = "VN nhập khẩu 30.000 tấn lúa mỳ. Hợp đồng vừa ký có giá 174 USD/tấn.";
        assert_eq!(owner(t, 174.0), "Toàn quốc");
        // Abroad more often than at home: what names no subject stays no province's.
        let t = "Nhật Bản nhập khẩu bắp của Mỹ. Trung Quốc cũng mua, còn Việt Nam theo dõi. Giá bắp tăng 5%.";
        assert_eq!(owner(t, 5.0), "—");
    }

    #[test]
    fn a_place_abroad_that_opens_the_sentence_frames_it() {
        let t = "Phú Yên chuẩn bị điện hạt nhân. Trên thế giới, điện hạt nhân cung cấp khoảng 16% sản lượng điện.";
        assert_eq!(owner(t, 16.0), "—");
        let t =
            "Đắk Lắk thu hoạch cà phê. Tại London, cà phê robusta giảm 9 USD, chỉ đạt 817 USD/tấn.";
        assert_eq!(owner(t, 817.0), "—");
        // A rank in the world is the subject's.
        let t = "Việt Nam là nước xuất khẩu gạo lớn thứ hai trên thế giới với 6 triệu tấn.";
        assert_eq!(owner(t, 6.0), "Toàn quốc");
    }

    #[test]
    fn national_subjects_and_named_zones() {
        let t = "Cà Mau nuôi tôm. Các tỉnh có thể chung sức để đạt kim ngạch xuất khẩu 10 tỉ USD/năm của ngành tôm VN vào năm 2025.";
        assert_eq!(owner(t, 10.0), "Toàn quốc");
        let t = "Năm 2020, Cà Mau tăng 5% cao hơn mức bình quân của cả nước.";
        assert_eq!(owner(t, 5.0), "Cà Mau");
        let t = "Tôm VN đã xuất khẩu sang 90 thị trường, đạt kim ngạch hơn 3,1 tỉ USD.";
        assert_eq!(owner(t, 3.1), "Toàn quốc");
        let t = "Nhà máy Lọc dầu Dung Quất đạt 6,5 triệu tấn sản phẩm.";
        assert_eq!(owner(t, 6.5), "Quảng Ngãi");
        let t = "Theo Cục Hải quan Thanh Hóa, số thu đạt 107% chỉ tiêu do Bộ Tài chính giao, bằng 108,45% so với cùng kỳ.";
        assert_eq!(owner(t, 108.45), "Thanh Hóa");
    }

    #[test]
    fn a_place_after_a_time_ahead_is_a_subject() {
        // "tới" of "5 năm tới" is "coming", not "to": China is the subject.
        let t = "Bình Dương có 30 doanh nghiệp dệt may. Trong vòng 5 năm tới Trung Quốc sẽ chiếm trên 50% thị phần dệt may toàn cầu.";
        assert_eq!(owner(t, 50.0), "—");
    }

    #[test]
    fn an_article_about_two_provinces_speaks_of_them_in_turn() {
        // Bình Dương, named first and most, is the first main province.
        let t = "Bình Dương và Long An thu hút 5 tỷ USD.\n\nBình Dương có 30 KCN với 20 tỷ USD. \
                 Bình Dương dẫn đầu.\n\nLong An có 35 KCN. Long An xây trung tâm nguyên phụ liệu \
                 dệt may.\n\nGiá bán chỉ bằng 40% giá thị trường.";
        assert_eq!(owner(t, 40.0), "Long An");
    }

    #[test]
    fn provinces_counted_past_a_region_are_the_country() {
        let t = "Bình Dương thu hút 700 triệu USD. Các nhà đầu tư nước ngoài đã rót vốn vào 37 tỉnh thành phố với tổng vốn đăng ký là 1,58 tỷ USD.";
        assert_eq!(owner(t, 1.58), "Toàn quốc");
        assert_eq!(owner(t, 700.0), "Bình Dương");
        // A region's few provinces are not the country.
        let t =
            "Bình Dương thu hút 700 triệu USD. Dự án đi qua 3 tỉnh thành với tổng vốn 1,58 tỷ USD.";
        assert_eq!(owner(t, 1.58), "Bình Dương");
    }

    #[test]
    fn a_sentence_set_abroad_is_not_the_province_s_in_its_later_clauses() {
        let t = "Hà Nội có 30 doanh nghiệp may. Điều kiện đó còn tốt hơn ở Haiti, nơi có tới 55% \
                 dân số sống dưới mức 1 USD/ngày. Theo các thống kê ở Pháp, bệnh này chiếm đến 1% \
                 ở nam giới và 4,5% ở nữ giới.";
        assert_eq!(owner(t, 55.0), "—");
        assert_eq!(owner(t, 4.5), "—");
        // A place of the country in the sentence keeps its figures; a place abroad that
        // is not where the sentence is set (a brand's country) frames nothing.
        let t =
            "Hà Nội có 30 doanh nghiệp may. Tại Mỹ, hàng may của Bình Dương chiếm 35% thị phần.";
        assert_eq!(owner(t, 35.0), "Bình Dương");
        let t = "Hà Nội có 30 doanh nghiệp may. Nhiều người chọn giỏ hiệu Balenciaga của Mỹ, với \
                 giá không dưới 1 triệu đồng/sản phẩm.";
        assert_eq!(owner(t, 1.0), "Hà Nội");
        // The province's own, named by a word that is no name ("tỉnh"), stays its.
        let t = "Hà Nội có 30 doanh nghiệp may. Sau chuyến công tác tại Nhật Bản, tỉnh đã ký \
                 kết 5 dự án với tổng giá trị 200 triệu USD.";
        assert_eq!(owner(t, 200.0), "Hà Nội");
    }
}
