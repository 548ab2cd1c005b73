//! Inputs for the fuzz runner: windows of real articles, mutated, spliced,
//! re-encoded and wrapped in HTML, and soups of the tokens extraction reacts to.
//! Every input is a pure function of (seed, case), so any one can be made again.

/// SplitMix64: small, fast, and good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, case: u64) -> Rng {
        let mut r = Rng(seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// What extraction reacts to, and what breaks naive parsers.
const TOKENS: &[&str] = &[
    "11,9%",
    "12,3%",
    "40%",
    "7%1",
    "0,5",
    "1.000.000",
    "13-14%",
    "9.999,99",
    "-",
    "–",
    "—",
    "/năm",
    "%/năm",
    "tỷ đồng",
    "tỉ đồng",
    "triệu USD",
    "USD/m2",
    "tấn/năm",
    "nghìn tấn",
    "doanh nghiệp",
    "dự án",
    "lần",
    "ha",
    "920,4ha",
    "từ",
    "đến",
    "lên",
    "khoảng",
    "trên",
    "dưới",
    "tối thiểu",
    "không quá",
    "đạt",
    "phấn đấu",
    "mục tiêu",
    "dự kiến",
    "ước",
    "đến năm 2030",
    "năm 2025",
    "vào năm 2020",
    "giai đoạn 2021-2025",
    "6 tháng đầu năm",
    "quý I",
    "năm nay",
    "lần lượt",
    "tăng",
    "giảm",
    "tỷ trọng công nghiệp trong GRDP",
    "tốc độ tăng trưởng",
    "chỉ số sản xuất công nghiệp",
    "Thanh Hóa",
    "Thanh Hoá",
    "TP.HCM",
    "TP HCM",
    "Sơn La",
    "cả nước",
    "Việt Nam",
    "Trung Quốc",
    "KCN Nghi Sơn",
    "của",
    "so với",
    "sau",
    "tuy nhiên",
    "Nghị định số 111/2015/NĐ-CP",
    "Quyết định 1234/QĐ-UBND ngày 5/3/2021",
    "NĐ-\nCP",
    "(",
    ")",
    "((",
    "))",
    ";",
    ":",
    ".",
    ",",
    "?",
    "…",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\0",
    "9999999999999999999999",
    "1e308",
    "½",
    "٣",
    "２０３０",
    "\u{301}",
    "\u{323}",
    "\u{309}",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "\u{2066}",
    "\x1b[31m",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]8;;http://x\x1b\\",
    "\u{9b}2J",
    "\x7f",
    "ệ",
    "Đ",
    "đ",
    "&amp;",
    "&#x1b;",
    "<p>",
    "</p>",
    "<br>",
    "<script>",
    "</div>",
    "<table><tr><td>",
    "</td><td>",
    "<!--",
    "-->",
    "<meta property=\"article:published_time\" content=\"2020-10-17\">",
];

/// The `case`-th input of `seed`, from `seeds` (texts of real articles) and
/// `documents` (PDF and Word files, damaged a few bytes at a time).
pub fn input(seeds: &[Vec<u8>], documents: &[Vec<u8>], seed: u64, case: u64) -> Vec<u8> {
    let mut r = Rng::new(seed, case);
    if !documents.is_empty() && r.chance(5) {
        let mut bytes = r.pick(documents).clone();
        for _ in 0..r.below(6) {
            mutate(&mut r, &mut bytes);
        }
        return bytes;
    }
    let mut bytes = match r.below(10) {
        0..=1 => soup(&mut r),
        2 => {
            let mut a = window(&mut r, seeds);
            a.extend(window(&mut r, seeds));
            a
        }
        _ => window(&mut r, seeds),
    };
    for _ in 0..r.below(9) {
        mutate(&mut r, &mut bytes);
    }
    if r.chance(8) {
        bytes = html(&mut r, &bytes);
    }
    if r.chance(8) {
        bytes = reencode(&mut r, &bytes);
    }
    bytes
}

/// A few hundred to a few thousand bytes of a real article, cut anywhere (mid-char too).
fn window(r: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    if seeds.is_empty() {
        return soup(r);
    }
    let text = r.pick(seeds);
    let len = 64 + r.below(3000);
    let start = r.below(text.len().saturating_sub(len / 2));
    text[start..(start + len).min(text.len())].to_vec()
}

fn soup(r: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..5 + r.below(80) {
        if r.chance(25) {
            out.extend(r.below(100_000).to_string().bytes());
        } else {
            out.extend(r.pick(TOKENS).bytes());
        }
        if r.chance(60) {
            out.push(b' ');
        }
    }
    out
}

fn mutate(r: &mut Rng, b: &mut Vec<u8>) {
    let at = r.below(b.len() + 1);
    match r.below(7) {
        0 if !b.is_empty() => {
            let i = r.below(b.len());
            b[i] ^= 1 << r.below(8);
        }
        1 => {
            let t = r.pick(TOKENS).as_bytes().to_vec();
            b.splice(at..at, t);
        }
        2 => {
            let end = (at + r.below(40)).min(b.len());
            b.drain(at..end);
        }
        3 => {
            let end = (at + r.below(200)).min(b.len());
            let copy = b[at..end].to_vec();
            let to = r.below(b.len() + 1);
            b.splice(to..to, copy);
        }
        4 => {
            let n = r.below(8);
            let junk: Vec<u8> = (0..n).map(|_| r.next() as u8).collect();
            b.splice(at..at, junk);
        }
        5 => {
            let digits = r.next().to_string();
            let end = (at + r.below(6)).min(b.len());
            b.splice(at..end, digits.bytes());
        }
        _ => {
            let end = (at + r.below(300)).min(b.len());
            b.truncate(end.max(at));
        }
    }
}

fn html(r: &mut Rng, body: &[u8]) -> Vec<u8> {
    let mut out = b"<html><head><title>".to_vec();
    out.extend(&body[..body.len().min(r.below(80))]);
    out.extend(b"</title></head><body><article><p>");
    for chunk in body.chunks(1 + r.below(400)) {
        out.extend(chunk);
        out.extend(*r.pick(&[&b"</p><p>"[..], b"<br>", b"</td><td>", b"<div>", b" "]));
    }
    out.extend(b"</p></article></body></html>");
    out
}

fn reencode(r: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match r.below(4) {
        0 => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        1 => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
        2 => encoding_rs::WINDOWS_1258.encode(&text).0.into_owned(),
        _ => {
            use unicode_normalization::UnicodeNormalization;
            let mut out = vec![0xEF, 0xBB, 0xBF];
            out.extend(text.nfd().collect::<String>().bytes());
            out
        }
    }
}
