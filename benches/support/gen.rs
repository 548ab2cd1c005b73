//! Deterministic generator of realistic Vietnamese provincial industry articles, shared by
//! `examples/gen_corpus.rs` (writes files) and the benchmarks (in memory, no files).
//!
//! Articles are built by recombining sentence patterns modelled on the seed articles in
//! `assets/corpus/`: a title, a date line, figures in every Vietnamese number format
//! (decimal comma, thousands dot, ranges, scale words), status cues, comparators, legal
//! references, sector phrases from the taxonomy, province names and aliases in both tone
//! styles, filler prose, and page furniture ("Tin mới nhất" blocks of related headlines,
//! each repeated twice). Article `i` of seed `s` depends on `(s, i)` only, so any slice of a
//! corpus can be generated in parallel and sizes from 100 to 50,000 articles share a prefix.
//!
//! Included with `#[path]`; no dependency beyond vnie's own.

use rayon::prelude::*;
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;
use vnie::reference::Reference;

/// splitmix64: tiny, fast, good enough for test data, and stable across platforms.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `pct`/100.
    pub fn pct(&mut self, pct: u32) -> bool {
        self.below(100) < pct as usize
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
];
const MIDDLE: &[&str] = &["Văn", "Bá", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Ngọc"];
const GIVEN: &[&str] = &[
    "Oai", "Hiệp", "Dương", "Hùng", "Lan", "Tuấn", "Hà", "Sơn", "Thắng", "Hương", "Long", "Bình",
];
const AUTHORS: &[&str] = &[
    "Hoàng Hiệp",
    "Vũ Lê",
    "Minh Châu",
    "Thu Hà",
    "Ngọc Anh",
    "Quang Huy",
    "Lê Minh",
    "Phương Thảo",
];
/// Site and section banners (those `assets/boilerplate.tsv` knows, as title candidates
/// must skip them).
const BANNERS: &[&str] = &[
    "Cổng thông tin điện tử",
    "Trang chủ",
    "Công nghiệp hỗ trợ",
    "Tin tức",
    "Thời sự",
    "Kinh tế",
];
const WEEKDAYS: &[&str] = &[
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ nhật",
];
const BLOCK_MARKERS: &[&str] = &[
    "Tin mới nhất",
    "Tin liên quan",
    "Xem thêm",
    "Có thể bạn quan tâm",
    "Tin cùng chuyên mục",
];

/// Noun phrases measured in percent (shares and growth rates).
const PCT_METRICS: &[&str] = &[
    "tỷ trọng công nghiệp trong GRDP",
    "tỷ trọng công nghiệp chế biến, chế tạo trong GRDP",
    "tỉ trọng công nghiệp - xây dựng trong cơ cấu kinh tế",
    "tốc độ tăng trưởng giá trị gia tăng công nghiệp",
    "tốc độ tăng trưởng giá trị sản xuất công nghiệp",
    "tốc độ tăng trưởng kim ngạch xuất khẩu",
    "chỉ số sản xuất công nghiệp (IIP)",
    "tỷ lệ lấp đầy các khu công nghiệp",
    "tỷ lệ nội địa hóa sản phẩm",
    "tỷ lệ lao động trong lĩnh vực công nghiệp và dịch vụ",
    "tỷ trọng giá trị sản phẩm công nghiệp công nghệ cao",
    "tăng trưởng GRDP",
];
const MONEY_METRICS: &[&str] = &[
    "giá trị sản xuất công nghiệp",
    "tổng vốn đầu tư đăng ký",
    "vốn đầu tư trực tiếp nước ngoài (FDI)",
    "kim ngạch xuất khẩu",
    "thu ngân sách từ khu vực công nghiệp",
    "doanh thu của các doanh nghiệp",
    "tổng mức đầu tư",
    "giá trị gia tăng ngành công nghiệp",
];
const PRODUCTS: &[&str] = &[
    "alumin",
    "xi măng",
    "thép",
    "phân bón",
    "giấy",
    "đường",
    "tinh bột sắn",
    "gạch ốp lát",
];
const FILLER: &[&str] = &[
    "Thời gian qua, chương trình đã được địa phương và các doanh nghiệp quan tâm, nghiên cứu, nhưng trong quá trình triển khai thực hiện vẫn còn khó khăn, vướng mắc.",
    "Tỉnh mong muốn kêu gọi, thu hút các doanh nghiệp đầu tư vào lĩnh vực này, tạo điều kiện thuận lợi nhất cũng như hỗ trợ tháo gỡ khó khăn cho các doanh nghiệp trong quá trình hoạt động sản xuất kinh doanh.",
    "Chủ trương đã rõ, chỉ đạo quyết liệt, nhưng hiệu quả tổ chức thực hiện cụ thể chưa cao; thủ tục hành chính còn phức tạp, các quy định của pháp luật chồng chéo.",
    "Bên cạnh đó, các chính sách đã ban hành rất nhiều, nhưng số doanh nghiệp được thụ hưởng chính sách còn rất ít.",
    "Việc thu hút các dự án đầu tư trực tiếp có biểu hiện chậm lại, tiến độ đầu tư hạ tầng các khu công nghiệp, cụm công nghiệp rất chậm và thiếu đồng bộ.",
    "Tập trung đầu tư hoàn thiện hạ tầng các khu, cụm công nghiệp, đẩy mạnh thu hút đầu tư theo hướng có chọn lọc, hình thành các khu vực sản xuất công nghiệp tập trung, tạo ảnh hưởng lan tỏa đến phát triển kinh tế của tỉnh.",
    "Kết hợp hài hòa giữa phát triển công nghiệp theo cả chiều rộng và chiều sâu, tạo bước đột phá trong nâng cao năng suất, chất lượng, sức cạnh tranh của sản phẩm công nghiệp.",
    "Sở Công Thương cũng đã tích cực phổ biến, hướng dẫn những nội dung của các hiệp định thương mại tự do mới ký kết để nâng cao năng lực hội nhập của doanh nghiệp.",
    "Ngoài ra, hỗ trợ doanh nghiệp áp dụng hệ thống quản lý, đáp ứng yêu cầu của các chuỗi sản xuất toàn cầu trong quản trị doanh nghiệp, quản trị sản xuất.",
    "Đây cũng là tiền đề và thuận lợi lớn để địa phương thúc đẩy công nghiệp phát triển nhanh và bền vững trong những năm tới.",
    "Một số cụm công nghiệp cơ bản hoàn thành hạ tầng thì ngành nghề quy định trong cụm chưa phù hợp, khó thu hút đầu tư thứ cấp.",
    "Nguồn ngân sách của địa phương còn hạn chế, chưa đáp ứng được nhu cầu hỗ trợ phát triển của các doanh nghiệp.",
    "Lãnh đạo tỉnh yêu cầu các sở, ngành vào cuộc quyết liệt, tháo gỡ khó khăn và vướng mắc trong đầu tư, xây dựng hạ tầng.",
    "Hội nghị là dịp để các doanh nghiệp trao đổi kinh nghiệm, kết nối cung cầu và tìm kiếm cơ hội hợp tác.",
    "Để hiện thực hóa mục tiêu này, tỉnh sẽ triển khai đồng bộ nhiều biện pháp, chính sách khuyến khích, thu hút đầu tư.",
    "Trong đó, nổi bật là kết nối, hỗ trợ doanh nghiệp trên địa bàn trở thành nhà cung ứng sản phẩm cho khách hàng trong nước và quốc tế.",
    "Hỗ trợ đào tạo nâng cao chất lượng nguồn nhân lực, đáp ứng yêu cầu của các ngành sản xuất; hỗ trợ nghiên cứu phát triển, ứng dụng chuyển giao và đổi mới công nghệ.",
    "Công tác quy hoạch, bồi thường, giải phóng mặt bằng được chú trọng, tạo quỹ đất sạch sẵn sàng đón nhà đầu tư.",
    "Các sản phẩm công nghiệp trong tỉnh chủ yếu là gia công và sơ chế, giá trị gia tăng chưa cao.",
    "Dù giá trị tăng nhưng tốc độ tăng trưởng ngành công nghiệp có xu hướng giảm, chưa thu hút được nhiều dự án lớn.",
    "Trong điều kiện cực kỳ khó khăn của suy thoái kinh tế toàn cầu, sản xuất công nghiệp vẫn duy trì đà tăng trưởng.",
    "Tỉnh tiếp tục cải thiện môi trường đầu tư kinh doanh, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh.",
    "Với đặc thù là tỉnh miền núi, có thế mạnh về đất đai, địa phương tập trung hình thành một số sản phẩm công nghiệp chế biến có thể cạnh tranh, tham gia vào chuỗi giá trị toàn cầu.",
    "Theo đánh giá của Sở Công Thương, mặc dù lộ trình phát triển đã được hoạch định, nhưng để thực hiện thành công và hiệu quả còn là một chặng đường dài.",
];
const QUESTIONS: &[&str] = &[
    "PV: Xin ông cho biết, kết quả đã đạt được về sản xuất công nghiệp của tỉnh trong nửa nhiệm kỳ qua?",
    "PV: Những hạn chế, tồn tại trong phát triển công nghiệp của tỉnh là gì và nguyên nhân?",
    "PV: Vai trò của Sở Công Thương trong công tác tham mưu cho tỉnh như thế nào thưa ông?",
    "PV: Thời gian tới, tỉnh sẽ có những giải pháp gì để thu hút đầu tư vào công nghiệp?",
];

// ---------------------------------------------------------------------------------------
// Tone styles and number formats
// ---------------------------------------------------------------------------------------

/// The other tone-mark style of open syllables: "Thanh Hóa" ↔ "Thanh Hoá", "thủy" ↔
/// "thuỷ". Closed syllables ("hoạch", "thuyết") keep the mark where both styles put it.
pub fn other_tone_style(s: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("óa", "oá"),
        ("òa", "oà"),
        ("ỏa", "oả"),
        ("õa", "oã"),
        ("ọa", "oạ"),
        ("óe", "oé"),
        ("òe", "oè"),
        ("ỏe", "oẻ"),
        ("ọe", "oẹ"),
        ("úy", "uý"),
        ("ủy", "uỷ"),
        ("ụy", "uỵ"),
        ("ũy", "uỹ"),
        ("ùy", "uỳ"),
        ("Óa", "Oá"),
        ("Òa", "Oà"),
        ("Úy", "Uý"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for (a, b) in PAIRS {
            for (from, to) in [(a, b), (b, a)] {
                if let Some(after) = rest.strip_prefix(from) {
                    if !after.chars().next().is_some_and(char::is_alphabetic) {
                        out.push_str(to);
                        rest = after;
                        continue 'outer;
                    }
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Vietnamese digits: thousands dot, decimal comma, `decimals` digits after it (trailing
/// zeros dropped).
pub fn vn_number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if !frac.is_empty() {
        grouped.push(',');
        grouped.push_str(&frac);
    }
    grouped
}

fn pct_value(r: &mut Rng, lo: f64, hi: f64) -> String {
    let v = lo + (hi - lo) * (r.below(10_000) as f64 / 10_000.0);
    let decimals = *r.pick(&[0, 1, 1, 2]);
    vn_number(v, decimals)
}

/// A percentage in one of the written forms: "40%", "9,13%", "11,9%-12,3%", "13-14%".
fn pct(r: &mut Rng, lo: f64, hi: f64) -> String {
    match r.below(10) {
        0..=5 => format!("{}%", pct_value(r, lo, hi)),
        6 | 7 => {
            let a = lo + (hi - lo) * 0.6 * (r.below(1000) as f64 / 1000.0);
            let b = a + 0.5 + (r.below(30) as f64) / 10.0;
            format!("{}%-{}%", vn_number(a, 1), vn_number(b, 1))
        }
        8 => {
            let a = r.range(lo as i64, hi as i64 - 1);
            format!("{}-{}%", a, a + 1)
        }
        _ => {
            let a = lo + (hi - lo) * 0.6 * (r.below(1000) as f64 / 1000.0);
            let sep = *r.pick(&[" - ", " – ", "–"]);
            format!("{}{sep}{}%", vn_number(a, 1), vn_number(a + 1.3, 1))
        }
    }
}

fn comparator(r: &mut Rng) -> &'static str {
    const C: &[&str] = &[
        "",
        "",
        "",
        "tối thiểu ",
        "trên ",
        "khoảng ",
        "ít nhất ",
        "gần ",
        "hơn ",
        "không dưới ",
        "bình quân ",
    ];
    C[r.below(C.len())]
}

fn money(r: &mut Rng) -> String {
    match r.below(8) {
        0 | 1 => format!("{} tỷ đồng", vn_number(r.range(20, 250_000) as f64, 0)),
        2 => format!("{} nghìn tỷ đồng", pct_value(r, 1.0, 400.0)),
        3 => format!("{} triệu USD", pct_value(r, 1.0, 900.0)),
        4 => format!("{} tỷ USD", pct_value(r, 0.1, 30.0)),
        5 => format!("{} triệu đồng", vn_number(r.range(100, 90_000) as f64, 0)),
        6 => format!("{} ngàn tỷ đồng", vn_number(r.range(1, 120) as f64, 0)),
        _ => format!("{} tỷ", vn_number(r.range(5, 9_000) as f64, 0)),
    }
}

fn capacity(r: &mut Rng) -> String {
    let product = *r.pick(PRODUCTS);
    match r.below(5) {
        0 => format!(
            "{} nghìn tấn {product}/năm",
            vn_number(r.range(10, 2_000) as f64, 0)
        ),
        1 => format!(
            "{} tấn {product}/năm",
            vn_number(r.range(5, 2_000) as f64 * 1000.0, 0)
        ),
        2 => format!("{} triệu tấn/năm", pct_value(r, 0.5, 12.0)),
        3 => format!("{} MW", vn_number(r.range(10, 4_800) as f64, 0)),
        _ => format!("{} triệu m3/năm", pct_value(r, 1.0, 50.0)),
    }
}

fn count(r: &mut Rng) -> String {
    let n = vn_number(r.range(3, 1_500) as f64, 0);
    let unit = *r.pick(&[
        "doanh nghiệp",
        "dự án",
        "cơ sở",
        "nhà máy",
        "sản phẩm",
        "cụm công nghiệp",
        "khu công nghiệp",
    ]);
    format!("{n} {unit}")
}

fn area(r: &mut Rng) -> String {
    let n = vn_number(r.range(30, 12_000) as f64, 0);
    format!("{n} {}", r.pick(&["ha", "ha", "héc-ta", "hecta"]))
}

fn workers(r: &mut Rng) -> String {
    format!(
        "{} {}",
        vn_number(r.range(500, 350_000) as f64, 0),
        r.pick(&["lao động", "người", "việc làm"])
    )
}

fn date(r: &mut Rng, year: i64) -> String {
    format!("{:02}/{:02}/{year}", r.range(1, 28), r.range(1, 12))
}

// ---------------------------------------------------------------------------------------
// Places and sectors
// ---------------------------------------------------------------------------------------

struct Prov {
    name: String,
    aliases: Vec<String>,
    city: bool,
}

/// The generator: vocabulary drawn from the reference data plus a seed.
pub struct Generator {
    seed: u64,
    provinces: Vec<Prov>,
    /// Per sector, the phrases of its taxonomy patterns that read as prose (no acronyms).
    sectors: Vec<Vec<String>>,
}

/// One article's context: its main province, a neighbour, its years.
struct Ctx<'g> {
    g: &'g Generator,
    r: Rng,
    main: usize,
    other: usize,
    year: i64,
    /// Write the other tone-mark style (hoá, thuỷ) everywhere.
    old_style: bool,
    sectors: [usize; 3],
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let reference = Reference::get();
        let provinces = reference
            .provinces
            .iter()
            .map(|p| Prov {
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                city: p.kind != "tỉnh",
            })
            .collect();
        let sectors = reference
            .sectors
            .iter()
            .map(|s| {
                let mut v: Vec<String> = s
                    .patterns
                    .iter()
                    .filter(|p| p.chars().any(|c| c.is_lowercase()) && p.chars().count() > 3)
                    .cloned()
                    .collect();
                if v.is_empty() {
                    v.push(s.name_vi.to_lowercase());
                }
                v
            })
            .collect();
        Generator {
            seed,
            provinces,
            sectors,
        }
    }

    /// File name of article `i`.
    pub fn file_name(i: usize) -> String {
        format!("{i:06}.txt")
    }

    /// Article `i` as clean NFC text.
    pub fn article(&self, i: usize) -> String {
        let mut r = Rng::new(
            self.seed.wrapping_mul(0x100_0000_01B3)
                ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93),
        );
        let main = r.below(self.provinces.len());
        let mut other = r.below(self.provinces.len());
        if other == main {
            other = (other + 7) % self.provinces.len();
        }
        let n = self.sectors.len();
        let sectors = [r.below(n), r.below(n), r.below(n)];
        let mut c = Ctx {
            g: self,
            year: r.range(2016, 2024),
            old_style: r.pct(25),
            main,
            other,
            sectors,
            r,
        };
        c.article()
    }

    /// Article `i` as file bytes: mostly UTF-8 NFC with LF, sometimes with CRLF line
    /// endings, a BOM, or decomposed tone marks (as saved on macOS), so that decoding does
    /// its real work.
    pub fn article_bytes(&self, i: usize) -> Vec<u8> {
        let text = self.article(i);
        let mut r = Rng::new(self.seed ^ 0xB0B ^ i as u64);
        let text = if r.pct(4) { text.nfd().collect() } else { text };
        let text = if r.pct(8) {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if r.pct(3) {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        bytes
    }

    /// Articles `0..n` as (file name, bytes), generated in parallel.
    pub fn corpus(&self, n: usize) -> Vec<(String, Vec<u8>)> {
        (0..n)
            .into_par_iter()
            .map(|i| (Self::file_name(i), self.article_bytes(i)))
            .collect()
    }

    /// Whole articles joined by blank lines until at least `bytes` of NFC text.
    pub fn text_of_size(&self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 10_000);
        let mut i = 0;
        while out.len() < bytes {
            out.push_str(&self.article(i));
            out.push_str("\n\n");
            i += 1;
        }
        out
    }

    /// `n` entity labels shaped like the explorer's figure labels
    /// ("Thanh Hóa · tỷ trọng công nghiệp trong GRDP · 40% · 2030 · target"), with a few
    /// document titles, sector and legal labels mixed in as `vnie search` ranks all kinds.
    pub fn labels(&self, n: usize) -> Vec<String> {
        (0..n)
            .into_par_iter()
            .map(|i| {
                let mut r = Rng::new(self.seed ^ 0x1AB_E15 ^ (i as u64).wrapping_mul(0x9E37_79B9));
                self.label(&mut r, i)
            })
            .collect()
    }

    fn label(&self, r: &mut Rng, i: usize) -> String {
        let k = r.below(100);
        if k < 4 {
            // A document title.
            let mut c = self.ctx_for(i);
            return c.title();
        }
        if k < 5 {
            let rf = Reference::get();
            let s = &rf.sectors[r.below(rf.sectors.len())];
            return format!("{} · {}", s.name_vi, s.name_en);
        }
        if k < 6 {
            return format!(
                "{} {}/{}/{}",
                r.pick(&["Nghị định", "Quyết định", "Nghị quyết", "Thông tư"]),
                r.range(1, 2500),
                r.range(2010, 2024),
                r.pick(&["NĐ-CP", "QĐ-TTg", "NQ-HĐND", "TT-BCT", "QĐ-UBND"])
            );
        }
        let place = match r.below(20) {
            0 => "Toàn quốc".to_string(),
            1 => "—".to_string(),
            _ => self.provinces[r.below(self.provinces.len())].name.clone(),
        };
        let (metric, value) = match r.below(6) {
            0..=2 => {
                let m = r.pick(PCT_METRICS).to_string();
                let v = r.below(4000) as f64 / 100.0;
                let v = vnie::entities::format_number(v);
                let pre = *r.pick(&["", "", "≥", ">", "~"]);
                let tail = if m.contains("tốc độ") || r.pct(20) {
                    "%/năm"
                } else {
                    "%"
                };
                if r.pct(15) {
                    (
                        m,
                        format!(
                            "{pre}{v}–{}{tail}",
                            vnie::entities::format_number(r.below(4000) as f64 / 100.0 + 1.0)
                        ),
                    )
                } else {
                    (m, format!("{pre}{v}{tail}"))
                }
            }
            3 => (
                r.pick(MONEY_METRICS).to_string(),
                format!(
                    "{} {}",
                    vnie::entities::format_number(r.range(1, 250_000) as f64),
                    r.pick(&["tỷ đồng", "triệu USD", "tỷ USD", "nghìn tỷ đồng"])
                ),
            ),
            4 => {
                let sector = self.sectors[r.below(self.sectors.len())][0].clone();
                (
                    format!(
                        "{} {sector}",
                        r.pick(&["số doanh nghiệp", "số dự án", "thu hút đầu tư", "cơ sở"])
                    ),
                    format!(
                        "{} {}",
                        vnie::entities::format_number(r.range(2, 1500) as f64),
                        r.pick(&["doanh nghiệp", "dự án", "cơ sở"])
                    ),
                )
            }
            _ => (
                format!("công suất nhà máy {}", r.pick(PRODUCTS)),
                format!(
                    "{} {}",
                    vnie::entities::format_number(r.range(10, 800_000) as f64),
                    r.pick(&["tấn", "MW", "m3"])
                ),
            ),
        };
        let year = if r.pct(90) {
            r.range(2015, 2035).to_string()
        } else {
            String::new()
        };
        let status = *r.pick(&["target", "target", "achieved", "estimate"]);
        format!("{place} · {metric} · {value} · {year} · {status}")
    }

    fn ctx_for(&self, i: usize) -> Ctx<'_> {
        let mut r = Rng::new(self.seed ^ 0x7171 ^ i as u64);
        let main = r.below(self.provinces.len());
        let n = self.sectors.len();
        Ctx {
            g: self,
            main,
            other: (main + 1) % self.provinces.len(),
            year: r.range(2016, 2024),
            old_style: r.pct(25),
            sectors: [r.below(n), r.below(n), r.below(n)],
            r,
        }
    }
}

impl Ctx<'_> {
    fn style(&self, s: String) -> String {
        if self.old_style {
            other_tone_style(&s)
        } else {
            s
        }
    }

    /// A mention of province `p`: its name, an alias, "tỉnh X" / "TP. X", either tone style.
    fn place(&mut self, p: usize) -> String {
        let prov = &self.g.provinces[p];
        let name = if !prov.aliases.is_empty() && self.r.pct(20) {
            self.r.pick(&prov.aliases).clone()
        } else {
            prov.name.clone()
        };
        let name = if self.r.pct(30) {
            other_tone_style(&name)
        } else {
            name
        };
        match self.r.below(10) {
            0..=3 => name,
            4..=7 if prov.city => format!("thành phố {name}"),
            4..=7 => format!("tỉnh {name}"),
            8 if !prov.city => format!("tỉnh {name}"),
            _ => name,
        }
    }

    fn main_place(&mut self) -> String {
        self.place(self.main)
    }

    fn bare_name(&self, p: usize) -> String {
        self.g.provinces[p].name.clone()
    }

    fn sector(&mut self, which: usize) -> String {
        let s = self.sectors[which % 3];
        let phrases = &self.g.sectors[s];
        phrases[self.r.below(phrases.len())].clone()
    }

    fn any_sector(&mut self) -> String {
        let s = self.r.below(self.g.sectors.len());
        let phrases = &self.g.sectors[s];
        phrases[self.r.below(phrases.len())].clone()
    }

    fn person(&mut self) -> String {
        format!(
            "{} {} {}",
            self.r.pick(FAMILY),
            self.r.pick(MIDDLE),
            self.r.pick(GIVEN)
        )
    }

    fn target_year(&mut self) -> i64 {
        *self.r.pick(&[2025, 2025, 2030, 2030, 2030, 2035, 2045])
    }

    fn title(&mut self) -> String {
        let p = self.bare_name(self.main);
        let p = if self.r.pct(30) {
            other_tone_style(&p)
        } else {
            p
        };
        let s = self.sector(0);
        let y = self.target_year();
        let t = match self.r.below(10) {
            0 => format!("{p}: Thúc đẩy phát triển {s}"),
            1 => format!(
                "{p} đặt mục tiêu tỷ trọng công nghiệp đạt {}% vào năm {y}",
                self.r.range(25, 55)
            ),
            2 => format!(
                "{p} chi gần {} tỷ đồng để thúc đẩy ngành {s} phát triển",
                self.r.range(20, 900)
            ),
            3 => format!("Phát triển {s} tại {p}: Cơ hội và thách thức"),
            4 => format!(
                "{p}: Chỉ số sản xuất công nghiệp {} tháng đầu năm ước tăng {}%",
                self.r.pick(&[3, 6, 9]),
                pct_value(&mut self.r, 2.0, 19.0)
            ),
            5 => format!(
                "Công nghiệp {p} bứt phá trong giai đoạn {}-{}",
                self.year,
                self.year + 5
            ),
            6 => format!(
                "{p} thu hút {} dự án đầu tư vào các khu công nghiệp",
                self.r.range(5, 120)
            ),
            7 => format!(
                "{p}: Các giải pháp phát triển sản phẩm công nghiệp mới, công nghiệp hàm lượng cao"
            ),
            8 => format!("Quy hoạch tỉnh {p} thời kỳ 2021-2030: Ưu tiên {s}"),
            _ => format!("{p} hướng tới mục tiêu trở thành trung tâm {s} của vùng"),
        };
        self.style(t)
    }

    fn date_line(&mut self) -> String {
        let (d, m) = (self.r.range(1, 28), self.r.range(1, 12));
        let y = self.year;
        match self.r.below(5) {
            0 | 1 => format!(
                "{:02}:{:02} | {d:02}/{m:02}/{y}",
                self.r.range(6, 22),
                self.r.range(0, 59)
            ),
            2 => format!("{}, ngày {d} tháng {m} năm {y}", self.r.pick(WEEKDAYS)),
            3 => format!(
                "{d:02}/{m:02}/{y} {:02}:{:02} GMT+7",
                self.r.range(6, 22),
                self.r.range(0, 59)
            ),
            _ => format!(
                "{}, {d:02}/{m:02}/{y} - {:02}:{:02}",
                self.r.pick(WEEKDAYS),
                self.r.range(6, 22),
                self.r.range(0, 59)
            ),
        }
    }

    /// A sentence that carries one or more figures.
    fn figure_sentence(&mut self) -> String {
        let p = self.main_place();
        let y = self.year;
        let t = self.target_year();
        let which = self.r.below(3);
        let s = self.sector(which);
        let r = &mut self.r;
        match r.below(18) {
            0 => format!(
                "Mục tiêu đến năm {t}, {p} phấn đấu đạt {} là {}; trong đó {} đạt {}.",
                r.pick(PCT_METRICS), pct(r, 20.0, 60.0), r.pick(PCT_METRICS), pct(r, 10.0, 40.0)
            ),
            1 => format!(
                "Tốc độ tăng trưởng giá trị gia tăng công nghiệp đạt bình quân {}{}/năm giai đoạn {}-{}, trong đó công nghiệp chế biến đạt bình quân trên {}/năm.",
                comparator(r), pct(r, 6.0, 18.0), y, y + 5, pct(r, 8.0, 20.0)
            ),
            2 => format!(
                "Chỉ số sản xuất công nghiệp của {p} năm {y} tăng {}; năm {} tăng {} và năm {} dự kiến vẫn tăng trên {}.",
                pct(r, 3.0, 20.0), y + 1, pct(r, 3.0, 20.0), y + 2, pct(r, 3.0, 12.0)
            ),
            3 => format!(
                "Năm {y}, giá trị sản xuất công nghiệp của {p} ước đạt {}, tăng {} so với cùng kỳ.",
                money(r), pct(r, 2.0, 25.0)
            ),
            4 => format!(
                "Quy mô giá trị sản xuất công nghiệp năm {} dự kiến đạt {}, gấp {} lần so với đầu nhiệm kỳ.",
                y + 1, money(r), vn_number(1.0 + r.below(20) as f64 / 10.0, 1)
            ),
            5 => format!(
                "{p} đặt mục tiêu đến năm {t} thu hút {}{} trong lĩnh vực {s}.",
                comparator(r), count(r)
            ),
            6 => format!(
                "Kim ngạch xuất khẩu ngành {s} năm {y} đạt {}, chiếm {}{} tổng kim ngạch xuất khẩu của tỉnh.",
                money(r), comparator(r), pct(r, 5.0, 70.0)
            ),
            7 => format!(
                "Đến nay, tỷ lệ lấp đầy các khu công nghiệp trên địa bàn {p} đạt {}{}.",
                comparator(r), pct(r, 30.0, 98.0)
            ),
            8 => format!(
                "Lũy kế đến năm {y}, tổng vốn đầu tư đăng ký vào các khu công nghiệp đạt {}, trong đó vốn FDI đạt {}.",
                money(r), money(r)
            ),
            9 => format!(
                "Nhà máy có công suất {}, tổng vốn đầu tư khoảng {}, dự kiến đi vào hoạt động năm {}.",
                capacity(r), money(r), y + 2
            ),
            10 => format!(
                "Tỉnh phấn đấu đến năm {t} tốc độ tăng trưởng ngành {s} đạt {}/năm; tốc độ tăng trưởng kim ngạch xuất khẩu đạt {}/năm.",
                pct(r, 8.0, 16.0), pct(r, 10.0, 18.0)
            ),
            11 => format!(
                "Theo kế hoạch, dự án có tổng mức đầu tư {}{}, diện tích {}, giải quyết việc làm cho khoảng {}.",
                comparator(r), money(r), area(r), workers(r)
            ),
            12 => format!(
                "Thu ngân sách từ khu vực công nghiệp năm {y} ước đạt {}, chiếm {}{} tổng thu ngân sách trên địa bàn.",
                money(r), comparator(r), pct(r, 10.0, 60.0)
            ),
            13 => format!(
                "Cả nước hiện có {} khu công nghiệp với tổng diện tích {}, thu hút {}.",
                r.range(250, 420), area(r), workers(r)
            ),
            14 => format!(
                "Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP của {p} năm {y} đạt {}, dự kiến đến năm {t} đạt {}{}.",
                pct(r, 8.0, 35.0), comparator(r), pct(r, 20.0, 45.0)
            ),
            15 => format!(
                "Mở rộng nhà máy từ {} lên {}, nâng tổng sản lượng năm {} lên {}.",
                capacity(r), capacity(r), y + 1, capacity(r)
            ),
            16 => format!(
                "Giai đoạn {}-{}, {p} phấn đấu có {}{} hoạt động trong lĩnh vực {s} có chất lượng sản phẩm đạt tiêu chuẩn quốc tế, chiếm khoảng {} giá trị sản xuất toàn ngành.",
                y, t, comparator(r), count(r), pct(r, 5.0, 30.0)
            ),
            _ => format!(
                "Trong {} tháng đầu năm {y}, chỉ số sản xuất công nghiệp (IIP) của {p} ước tăng {} so với cùng kỳ năm trước; số lao động trong các khu công nghiệp đạt {}.",
                r.pick(&[3, 6, 9]), pct(r, 1.0, 16.0), workers(r)
            ),
        }
    }

    fn sector_sentence(&mut self) -> String {
        let p = self.main_place();
        let (a, b, c) = (self.sector(0), self.sector(1), self.any_sector());
        match self.r.below(5) {
            0 => format!("Ưu tiên phát triển các ngành công nghiệp có tiềm năng lợi thế của tỉnh như: {a}; {b}; một số ngành {c}."),
            1 => format!("{p} xác định {a} là ngành mũi nhọn, đồng thời tập trung thu hút đầu tư vào lĩnh vực {b}."),
            2 => format!("Tỉnh định hướng {} lĩnh vực được ưu tiên, tập trung phát triển là {a}, {b} và {c}.", self.r.range(2, 5)),
            3 => format!("Điển hình là nhà máy {a} của nhà đầu tư Hàn Quốc tại khu công nghiệp {} đã đi vào hoạt động sản xuất kinh doanh.", self.r.pick(GIVEN)),
            _ => format!("Với định hướng phát triển phục vụ cho các ngành {a}, {b}, {p} tiếp tục kêu gọi, thu hút đầu tư."),
        }
    }

    fn legal_sentence(&mut self) -> String {
        let p = self.main_place();
        let y = self.year;
        let t = self.target_year();
        let s = self.sector(0);
        let r = &mut self.r;
        let yy = r.range(2010, y);
        match r.below(6) {
            0 => format!(
                "Theo quy định tại Nghị định số {}/{yy}/NĐ-CP ngày {} của Chính phủ và Thông tư số {}/{yy}/TT-BCT ngày {} của Bộ Công Thương, các dự án {s} được hưởng ưu đãi.",
                r.range(1, 180), date(r, yy), r.range(1, 60), date(r, yy)
            ),
            1 => format!(
                "UBND tỉnh đã ban hành Quyết định số {}/QĐ-UBND phê duyệt Đề án phát triển {s} {p} đến năm {t}, định hướng đến năm {}.",
                r.range(100, 4999), t + 5
            ),
            2 => format!(
                "Hội đồng nhân dân tỉnh ban hành Nghị quyết số {}/{y}/NQ-HĐND ngày {} về việc ban hành một số chính sách khuyến khích phát triển công nghiệp, tiểu thủ công nghiệp trên địa bàn tỉnh giai đoạn {}-{}.",
                r.range(10, 300), date(r, y), y + 1, y + 5
            ),
            3 => format!(
                "Thực hiện Quyết định số {}/QĐ-TTg ngày {} của Thủ tướng Chính phủ phê duyệt Quy hoạch {p} thời kỳ 2021-2030, tầm nhìn đến năm 2050, tỉnh tập trung phát triển {s}.",
                r.range(100, 1800), date(r, y)
            ),
            4 => format!(
                "Kế hoạch số {}/KH-UBND của UBND tỉnh đề ra {} nhiệm vụ, giải pháp trọng tâm để phát triển {s}.",
                r.range(10, 400), r.range(5, 12)
            ),
            _ => format!(
                "Chương trình được triển khai theo Nghị quyết số {}-NQ/TW của Bộ Chính trị và Chỉ thị số {}/CT-TTg ngày {}.",
                r.range(10, 60), r.range(1, 40), date(r, yy)
            ),
        }
    }

    fn filler(&mut self) -> String {
        if self.r.pct(35) {
            let p = self.main_place();
            let (a, b) = (self.sector(0), self.any_sector());
            let who = self.person();
            return match self.r.below(6) {
                0 => format!("Theo ông {who}, Giám đốc Sở Công Thương {p}, doanh nghiệp ngành {a} còn gặp nhiều khó khăn về vốn, thị trường và nguồn nhân lực."),
                1 => format!("Đại diện Sở Công Thương cho biết, trên địa bàn {p} đã thu hút được một số dự án thuộc lĩnh vực {a}, các dự án đã đi vào hoạt động mang lại hiệu quả kinh tế - xã hội."),
                2 => format!("{p} đang nghiên cứu thành lập cụm công nghiệp chuyên ngành {a} nhằm cung cấp sản phẩm cho các nhà máy {b} trong tỉnh và các vùng phụ cận."),
                3 => format!("Ngành {a} được kỳ vọng sẽ tạo động lực tăng trưởng mới, tham gia sâu hơn vào chuỗi giá trị toàn cầu."),
                4 => format!("Chiều {}, ông {who} đã có buổi làm việc với các doanh nghiệp {a} để nắm bắt tình hình sản xuất kinh doanh.", self.r.pick(&["qua", "nay", "ngày 23/4", "thứ Hai"])),
                _ => format!("Lãnh đạo {p} khẳng định sẽ đồng hành cùng doanh nghiệp, tạo mọi điều kiện thuận lợi để các dự án {a} và {b} sớm đi vào hoạt động."),
            };
        }
        let s = self.r.pick(FILLER).to_string();
        if self.r.pct(30) && !s.starts_with("Sở ") {
            let p = self.main_place();
            let mut cs = s.chars();
            let first: String = cs.next().into_iter().flat_map(char::to_lowercase).collect();
            format!("Tại {p}, {first}{}", cs.as_str())
        } else {
            s
        }
    }

    fn paragraph(&mut self) -> String {
        let n = 1 + self.r.below(4);
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            // About two figures per KB, as in the seed articles' plan sections.
            let s = match self.r.below(20) {
                0..=2 => self.figure_sentence(),
                3..=6 => self.sector_sentence(),
                7 | 8 => self.legal_sentence(),
                _ => self.filler(),
            };
            out.push(s);
        }
        if self.r.pct(10) {
            // A neighbour province in passing: attribution must not follow it blindly.
            let q = self.place(self.other);
            out.push(format!(
                "Cùng thời gian, {q} cũng đạt mức tăng {}.",
                pct(&mut self.r, 2.0, 15.0)
            ));
        }
        out.join(" ")
    }

    /// Hard-wrap at ~80 columns, as text copied from PDFs often is.
    ///
    /// Never breaks right after a scale word: "27,6 tỷ\nUSD" makes the extractor panic
    /// (`figures.rs` `hard_boundary`: "begin > end" slicing, reported with these benches);
    /// drop `after_scale` once that is fixed.
    fn wrap(p: &str) -> String {
        let mut out = String::with_capacity(p.len() + p.len() / 60);
        let mut col = 0;
        let mut after_scale = false;
        for w in p.split(' ') {
            let wl = w.chars().count();
            let keep = std::mem::replace(
                &mut after_scale,
                matches!(w, "tỷ" | "triệu" | "nghìn" | "ngàn"),
            );
            if col > 0 && col + wl > 80 && !keep {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(w);
            col += wl;
        }
        out
    }

    fn related_block(&mut self, out: &mut String) {
        let _ = write!(out, "{}\n\n", self.r.pick(BLOCK_MARKERS));
        for _ in 0..self.r.range(3, 8) {
            let keep = (self.main, self.sectors, self.year);
            self.main = self.r.below(self.g.provinces.len());
            self.sectors = [
                self.r.below(self.g.sectors.len()),
                self.sectors[1],
                self.sectors[2],
            ];
            self.year = self.r.range(2016, 2024);
            let h = self.title();
            let lead = self.figure_sentence();
            (self.main, self.sectors, self.year) = keep;
            let _ = write!(out, "{h}\n\n{h}\n\n{lead}\n");
        }
    }

    fn article(&mut self) -> String {
        let target = 3_000 + self.r.below(5_000);
        let mut out = String::with_capacity(target + 2_000);
        if self.r.pct(25) {
            let line = if self.r.pct(50) {
                let (d, m) = (self.r.range(1, 28), self.r.range(1, 12));
                format!(
                    "{}, ngày {d} tháng {m} năm {}",
                    self.r.pick(WEEKDAYS),
                    self.year
                )
            } else {
                format!(
                    "Đường dây nóng: 0866.59.{} - {} {}",
                    self.r.range(1000, 9999),
                    self.r.pick(WEEKDAYS),
                    date(&mut self.r, self.year + 1)
                )
            };
            let _ = write!(out, "{line}\n\n{}\n\n", self.r.pick(BANNERS));
        }
        let title = self.title();
        let date_first = self.r.pct(50);
        if date_first {
            let d = self.date_line();
            let _ = writeln!(out, "{d}\n\n{title}");
        } else {
            let _ = writeln!(out, "{title}");
        }
        if self.r.pct(20) {
            let _ = writeln!(out, "Chuyên mục: {}", self.r.pick(BANNERS));
        }
        if !date_first {
            let d = self.date_line();
            let _ = writeln!(out, "{d}");
        }
        out.push('\n');
        // Lead, sometimes repeated the way saved pages repeat their summary.
        let lead = self.figure_sentence();
        let lead = self.style(lead);
        let _ = write!(out, "{lead}\n\n");
        if self.r.pct(15) {
            let _ = write!(out, "{lead}\n\n");
        }
        let interview = self.r.pct(15);
        let official = self.person();
        let body_end = target.saturating_sub(if self.r.pct(40) { 1_500 } else { 300 });
        let mut k = 0;
        while out.len() < body_end {
            if interview && k % 3 == 0 {
                let q = self.r.pick(QUESTIONS).to_string();
                let _ = write!(out, "{q}\n\n");
                let p = self.paragraph();
                let _ = write!(out, "Ông {official}: {}\n\n", self.style(p));
            } else {
                let p = self.paragraph();
                let p = self.style(p);
                let p = if self.r.pct(5) { Self::wrap(&p) } else { p };
                let sep = if self.r.pct(85) { "\n\n" } else { "\n" };
                let _ = write!(out, "{p}{sep}");
            }
            k += 1;
        }
        match self.r.below(3) {
            0 => {
                let _ = write!(out, "{}\n\n", self.r.pick(AUTHORS));
            }
            1 => out.push_str("Tác giả: Ban Biên tập tổng hợp\n"),
            _ => {
                let _ = write!(out, "{} (tổng hợp)\n\n", self.r.pick(AUTHORS));
            }
        }
        if out.len() < target {
            // Page furniture: related headlines, each shown twice, with their leads.
            self.related_block(&mut out);
        }
        if self.r.pct(10) {
            out.push_str("Xem thêm\nMobile VerionPhiên bản di động");
        }
        out
    }
}
