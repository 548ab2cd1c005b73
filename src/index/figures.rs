//! A document's figures as the index stores them: fixed-size records and one area of
//! their strings. A reopen reads millions of figures; read field by field as varints
//! through serde they were a third of its time, read here at fixed offsets with one
//! UTF-8 check per document for all their metrics and units.
//!
//! ```text
//! 1 · count u32 · strings length u32 · records (RECORD bytes each) · strings
//! 0 · the figures as postcard            (a value the records cannot hold)
//! ```
//!
//! Everything is little-endian. A record: sentence, span, cue span (u32 each), year,
//! period (i32 each), value, upper value (f64), metric and unit lengths (u32), place
//! (u16: 0 none, 1 the nation, 2 + province), kind, comparator, status, rule, flags (u8).

use crate::model::{Comparator, Figure, FigureKind, Place, Span, Status, StatusReason, StatusRule};

const RECORDS: u8 = 1;
const POSTCARD: u8 = 0;
const HEAD: usize = 1 + 4 + 4;
const RECORD: usize = 64;

const HAS_MAX: u8 = 1;
const HAS_YEAR: u8 = 2;
const HAS_PERIOD: u8 = 4;
const HAS_CUE: u8 = 8;
const PER_YEAR: u8 = 16;

/// An enum's codes, both ways from one list: the encoding `match` is exhaustive, so a
/// new variant cannot be stored until it has a code.
macro_rules! codes {
    ($to:ident, $from:ident, $t:ident { $($v:ident = $n:literal),* $(,)? }) => {
        fn $to(x: $t) -> u8 {
            match x { $($t::$v => $n),* }
        }
        fn $from(b: u8) -> Option<$t> {
            match b { $($n => Some($t::$v),)* _ => None }
        }
    };
}

codes!(kind_code, kind_of, FigureKind {
    Share = 0, Growth = 1, Count = 2, Amount = 3, Capacity = 4, Other = 5,
});
codes!(comparator_code, comparator_of, Comparator {
    Eq = 0, Ge = 1, Gt = 2, Le = 3, Lt = 4, Approx = 5,
});
codes!(status_code, status_of, Status { Target = 0, Achieved = 1, Estimate = 2 });
codes!(rule_code, rule_of, StatusRule {
    EstimateCue = 0, Condition = 1, PlanResult = 2, Incentive = 3, PastYear = 4,
    ReportCue = 5, GoalCue = 6, GoalList = 7, FutureYear = 8, Reported = 9,
});

fn place_code(p: Option<Place>) -> Option<u16> {
    match p {
        None => Some(0),
        Some(Place::National) => Some(1),
        Some(Place::Province(i)) => i.checked_add(2),
    }
}

fn place_of(c: u16) -> Option<Place> {
    match c {
        0 => None,
        1 => Some(Place::National),
        i => Some(Place::Province(i - 2)),
    }
}

/// The stored form of `figures`.
pub fn encode(figures: &[Figure]) -> Vec<u8> {
    records(figures).unwrap_or_else(|| {
        let mut out = vec![POSTCARD];
        out.extend(postcard::to_allocvec(figures).unwrap_or_default());
        out
    })
}

fn u32_of(n: usize) -> Option<[u8; 4]> {
    u32::try_from(n).ok().map(u32::to_le_bytes)
}

/// The records form, unless a value does not fit it (a span past 4 GiB).
fn records(figures: &[Figure]) -> Option<Vec<u8>> {
    let strings: usize = figures.iter().map(|f| f.metric.len() + f.unit.len()).sum();
    let mut out = Vec::with_capacity(HEAD + figures.len() * RECORD + strings);
    out.push(RECORDS);
    out.extend(u32_of(figures.len())?);
    out.extend(u32_of(strings)?);
    for f in figures {
        let cue = f.reason.cue.unwrap_or(Span::new(0, 0));
        let [from, to] = f.period.unwrap_or([0, 0]);
        for n in [
            f.sentence as usize,
            f.span.start,
            f.span.end,
            cue.start,
            cue.end,
        ] {
            out.extend(u32_of(n)?);
        }
        for n in [f.year.unwrap_or(0), from, to] {
            out.extend(n.to_le_bytes());
        }
        out.extend(f.value.to_le_bytes());
        out.extend(f.value_max.unwrap_or(0.0).to_le_bytes());
        out.extend(u32_of(f.metric.len())?);
        out.extend(u32_of(f.unit.len())?);
        out.extend(place_code(f.place)?.to_le_bytes());
        let flags = [
            (f.value_max.is_some(), HAS_MAX),
            (f.year.is_some(), HAS_YEAR),
            (f.period.is_some(), HAS_PERIOD),
            (f.reason.cue.is_some(), HAS_CUE),
            (f.per_year, PER_YEAR),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |acc, (_, bit)| acc | bit);
        out.extend([
            kind_code(f.kind),
            comparator_code(f.comparator),
            status_code(f.status),
            rule_code(f.reason.rule),
            flags,
            0,
        ]);
    }
    for f in figures {
        out.extend(f.metric.as_bytes());
        out.extend(f.unit.as_bytes());
    }
    Some(out)
}

/// Appends the figures stored in `bytes` to `out`, numbered as document `document`.
/// On failure (bytes cut, corrupted or of another form) `out` is left as it was.
pub fn decode_into(bytes: &[u8], document: u32, out: &mut Vec<Figure>) -> Option<()> {
    let before = out.len();
    let done = match bytes.split_first() {
        Some((&RECORDS, body)) => read_records(body, document, out),
        Some((&POSTCARD, body)) => postcard::take_from_bytes::<Vec<Figure>>(body)
            .ok()
            .filter(|(_, rest)| rest.is_empty())
            .map(|(figures, _)| {
                out.extend(figures.into_iter().map(|f| Figure { document, ..f }));
            }),
        _ => None,
    };
    if done.is_none() {
        out.truncate(before);
    }
    done
}

/// A little-endian reader over one record.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let (head, rest) = self.0.split_first_chunk::<N>().unwrap_or((&[0; N], &[]));
        self.0 = rest;
        *head
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }
    fn i32(&mut self) -> i32 {
        i32::from_le_bytes(self.take())
    }
    fn f64(&mut self) -> f64 {
        f64::from_le_bytes(self.take())
    }
    fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }
}

fn read_records(body: &[u8], document: u32, out: &mut Vec<Figure>) -> Option<()> {
    let (count, body) = body.split_first_chunk::<4>()?;
    let (strings_len, body) = body.split_first_chunk::<4>()?;
    let count = usize::try_from(u32::from_le_bytes(*count)).ok()?;
    let strings_len = usize::try_from(u32::from_le_bytes(*strings_len)).ok()?;
    let records_len = count.checked_mul(RECORD)?;
    if records_len.checked_add(strings_len)? != body.len() {
        return None;
    }
    let (records, strings) = body.split_at(records_len);
    let strings = simdutf8::basic::from_utf8(strings).ok()?;
    let mut at = 0usize;
    let mut string = |len: u32| -> Option<&str> {
        let end = at.checked_add(usize::try_from(len).ok()?)?;
        let s = strings.get(at..end)?;
        at = end;
        Some(s)
    };
    out.reserve(count);
    for record in records.chunks_exact(RECORD) {
        let mut r = Fields(record);
        let sentence = r.u32();
        let span = Span::new(r.u32() as usize, r.u32() as usize);
        let cue = Span::new(r.u32() as usize, r.u32() as usize);
        let (year, from, to) = (r.i32(), r.i32(), r.i32());
        let (value, value_max) = (r.f64(), r.f64());
        let (metric_len, unit_len) = (r.u32(), r.u32());
        let place = place_of(u16::from_le_bytes(r.take()));
        let (kind, comparator) = (kind_of(r.u8())?, comparator_of(r.u8())?);
        let (status, rule) = (status_of(r.u8())?, rule_of(r.u8())?);
        let flags = r.u8();
        // Bits no writer sets, or padding that is not zero: not a record of this form.
        if flags & !(HAS_MAX | HAS_YEAR | HAS_PERIOD | HAS_CUE | PER_YEAR) != 0 || r.u8() != 0 {
            return None;
        }
        let metric = string(metric_len)?;
        let unit = string(unit_len)?;
        out.push(Figure {
            place,
            document,
            sentence,
            span,
            metric: metric.into(),
            kind,
            comparator,
            value,
            value_max: (flags & HAS_MAX != 0).then_some(value_max),
            unit: crate::units::intern(unit),
            per_year: flags & PER_YEAR != 0,
            year: (flags & HAS_YEAR != 0).then_some(year),
            period: (flags & HAS_PERIOD != 0).then_some([from, to]),
            status,
            reason: StatusReason {
                rule,
                cue: (flags & HAS_CUE != 0).then_some(cue),
            },
        });
    }
    (at == strings.len()).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Figure> {
        let text = "Tỉnh Sơn La phấn đấu đạt tỷ trọng công nghiệp trong GRDP là 40% vào năm \
                    2030. Giai đoạn 2021-2025, kim ngạch xuất khẩu tăng khoảng 10-12%/năm. \
                    Năm 2023, sản lượng đạt 37,5 triệu tấn; giá 250.000 đồng/m2.";
        crate::extract::extract(text).figures
    }

    #[test]
    fn figures_come_back_as_they_went_in() {
        let mut figures = sample();
        assert!(figures.len() >= 4, "{figures:#?}");
        // Every optional field both ways, and every code of every enum.
        figures[0].place = Some(Place::Province(62));
        figures[1].place = None;
        figures[1].unit = "nghìn USD/tấn".to_string().into();
        figures[2].period = Some([2021, 2025]);
        figures[2].reason.cue = Some(Span::new(3, 9));
        let template = figures[0].clone();
        for b in 0..=u8::MAX {
            let mut f = template.clone();
            let known = [
                kind_of(b).map(|k| f.kind = k),
                comparator_of(b).map(|c| f.comparator = c),
                status_of(b).map(|s| f.status = s),
                rule_of(b).map(|r| f.reason.rule = r),
            ];
            if known.iter().any(Option::is_some) {
                figures.push(f);
            }
        }
        let bytes = encode(&figures);
        assert_eq!(bytes[0], RECORDS);
        let mut back = Vec::new();
        decode_into(&bytes, 9, &mut back).expect("decodes");
        figures.iter_mut().for_each(|f| f.document = 9);
        assert_eq!(back, figures);
        assert!(matches!(back[0].unit, std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn codes_read_back_as_written() {
        for b in 0..=u8::MAX {
            kind_of(b).inspect(|&k| assert_eq!(kind_code(k), b));
            comparator_of(b).inspect(|&c| assert_eq!(comparator_code(c), b));
            status_of(b).inspect(|&s| assert_eq!(status_code(s), b));
            rule_of(b).inspect(|&r| assert_eq!(rule_code(r), b));
        }
        for k in FigureKind::ALL {
            assert_eq!(kind_of(kind_code(k)), Some(k));
        }
    }

    #[test]
    fn a_span_past_what_a_record_holds_is_stored_whole() {
        let mut figures = sample();
        figures[0].span = Span::new(1 << 33, (1 << 33) + 2);
        let bytes = encode(&figures);
        assert_eq!(bytes[0], POSTCARD);
        let mut back = Vec::new();
        decode_into(&bytes, 0, &mut back).expect("decodes");
        assert_eq!(back, figures);
    }

    #[test]
    fn cut_or_corrupted_bytes_fail_and_leave_the_vector_as_it_was() {
        let bytes = encode(&sample());
        let mut out = sample();
        let before = out.clone();
        for cut in 0..bytes.len() {
            assert!(
                decode_into(&bytes[..cut], 0, &mut out).is_none(),
                "cut at {cut}"
            );
            assert_eq!(out, before);
        }
        // A flag bit no writer sets, a padding byte that is not zero.
        for (at, value) in [(HEAD + 62, 0x80), (HEAD + 63, 1)] {
            let mut bad = bytes.clone();
            bad[at] |= value;
            assert!(decode_into(&bad, 0, &mut out).is_none(), "byte {at}");
            assert_eq!(out, before);
        }
        for i in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[i] ^= flip;
                // A flipped value may still read as a figure; never a panic, and a
                // failure leaves the vector alone.
                if decode_into(&bad, 0, &mut out).is_none() {
                    assert_eq!(out, before);
                }
                out.truncate(before.len());
            }
        }
    }
}
