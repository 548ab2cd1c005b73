//! Saved web pages to plain text (SPEC §3): the article, without the page furniture
//! (menus, share buttons, related-article lists, comment forms) that would otherwise
//! be read as part of it.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node};

use crate::model::{calendar_date, days_in_month, Date};

/// Elements whose content is never article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "object", "embed",
];

/// Class or id fragments that mark page furniture on news sites, with the unaccented
/// Vietnamese slugs some sites use (tin liên quan, bình luận, quảng cáo).
#[rustfmt::skip]
const FURNITURE_WORDS: &[&str] = &[
    "nav", "menu", "breadcrumb", "footer", "sidebar", "comment", "share", "social", "related",
    "advert", "lienquan", "lien-quan", "binhluan", "binh-luan", "quangcao", "quang-cao",
];

/// ARIA roles of page furniture.
#[rustfmt::skip]
const FURNITURE_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search"];

/// Elements that end one paragraph and start another.
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "section", "article",
    "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "dl", "figcaption", "figure", "main",
    "hr", "caption", "address", "details", "summary", "fieldset", "center", "body", "html",
];

/// A saved page as the corpus reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// See [`html_to_text`].
    pub text: String,
    /// The publication date its metadata states, if any (see [`published_date`]).
    pub published: Option<Date>,
}

/// The text and the publication date of a saved page, from one parse.
pub fn read_page(html: &str) -> Page {
    let doc = Html::parse_document(&flatten_deep_blocks(html));
    Page {
        text: page_text(&doc),
        published: published_date(&doc),
    }
}

/// The readable text of an HTML document: one paragraph per block, separated by a
/// blank line, whitespace collapsed, entities decoded. The page `<title>` becomes the
/// first line when the page has no `<h1>` of its own.
pub fn html_to_text(html: &str) -> String {
    page_text(&Html::parse_document(&flatten_deep_blocks(html)))
}

fn page_text(doc: &Html) -> String {
    let mut w = Writer::default();
    let root = doc.tree.root();
    let mut cur = root;
    // Iterative walk: pages nested thousands of levels deep must not overflow the stack.
    'walk: loop {
        let enter = match cur.value() {
            Node::Element(el) if el.name() == "title" => {
                if w.title.is_none() {
                    w.title = ElementRef::wrap(cur)
                        .map(|e| collapse(&e.text().collect::<String>()))
                        .filter(|t| !t.is_empty());
                }
                false
            }
            value => w.open(value),
        };
        if enter {
            if let Some(child) = cur.first_child() {
                cur = child;
                continue;
            }
            w.close(cur.value());
        }
        loop {
            if cur.id() == root.id() {
                break 'walk;
            }
            if let Some(next) = cur.next_sibling() {
                cur = next;
                break;
            }
            match cur.parent() {
                Some(parent) => {
                    cur = parent;
                    w.close(cur.value());
                }
                None => break 'walk,
            }
        }
    }
    w.finish()
}

/// html5ever spends time proportional to the number of open blocks on every new block
/// (the "close a p element in button scope" step), so a page of thousands of unclosed
/// `<div>`s takes seconds to minutes. Blocks nested deeper than this are turned into
/// line breaks before parsing; real pages stay far below it.
const MAX_BLOCK_DEPTH: usize = 512;

/// The start tags that make html5ever scan the stack of open elements.
#[rustfmt::skip]
const SCOPE_BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav",
    "ol", "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    "listing", "form", "table",
];

fn flatten_deep_blocks(html: &str) -> Cow<'_, str> {
    let blocks =
        || tags(html).filter(|t| SCOPE_BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(t.name)));
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in blocks() {
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= MAX_BLOCK_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    // Whether each open block was flattened, so that its end tag goes the same way.
    let mut open: Vec<bool> = Vec::new();
    for tag in blocks() {
        let flatten = if tag.closing {
            open.pop().unwrap_or(false)
        } else {
            let flatten = open.len() >= MAX_BLOCK_DEPTH;
            open.push(flatten);
            flatten
        };
        if flatten {
            out.push_str(&html[copied..tag.start]);
            out.push_str("<br>");
            copied = tag.end;
        }
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
}

/// A rough tag scanner, enough to measure nesting; the real parse is html5ever's.
fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let b = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let start = i + html[i..].find('<')?;
            i = start + 1;
            let closing = b.get(i) == Some(&b'/');
            let name_start = if closing { i + 1 } else { i };
            let name_len = b[name_start.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
                continue;
            }
            let name_end = name_start + name_len;
            let end = html[name_end..]
                .find('>')
                .map_or(b.len(), |p| name_end + p + 1);
            i = end;
            return Some(Tag {
                start,
                end,
                name: &html[name_start..name_end],
                closing,
            });
        }
        None
    })
}

#[derive(Default)]
struct Writer {
    paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
    /// Depth of `<pre>` elements: line breaks inside them are kept.
    pre: usize,
    title: Option<String>,
    has_h1: bool,
}

impl Writer {
    /// Starts a node; false when its subtree is to be skipped.
    fn open(&mut self, node: &Node) -> bool {
        match node {
            Node::Document | Node::Fragment => true,
            Node::Text(t) => {
                self.text(t);
                false
            }
            Node::Element(el) => {
                let name = el.name();
                if is_furniture(el) {
                    return false;
                }
                if BLOCK_TAGS.contains(&name) {
                    self.end_paragraph();
                }
                match name {
                    "pre" => self.pre += 1,
                    "td" | "th" => self.pending_space = true,
                    _ => {}
                }
                true
            }
            _ => false,
        }
    }

    /// Ends an element that `open` accepted.
    fn close(&mut self, node: &Node) {
        let Node::Element(el) = node else {
            return;
        };
        let name = el.name();
        if name == "h1" && !self.current.trim().is_empty() {
            self.has_h1 = true;
        }
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            "td" | "th" => self.pending_space = true,
            _ => {}
        }
        if BLOCK_TAGS.contains(&name) {
            self.end_paragraph();
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                if self.pre > 0 && c == '\n' {
                    if !self.current.is_empty() && !self.current.ends_with('\n') {
                        self.current.push('\n');
                    }
                    self.pending_space = false;
                } else {
                    self.pending_space = true;
                }
            } else if !is_invisible_control(c) {
                if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(c);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = self.current.trim();
        if !paragraph.is_empty() {
            self.paragraphs.push(paragraph.to_owned());
        }
        self.current.clear();
        self.pending_space = false;
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        if !self.has_h1 {
            if let Some(title) = self.title.take() {
                if self.paragraphs.first() != Some(&title) {
                    self.paragraphs.insert(0, title);
                }
            }
        }
        self.paragraphs.join("\n\n")
    }
}

fn is_furniture(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(role) = el.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if FURNITURE_ROLES.contains(&role.as_str()) {
            return true;
        }
    }
    // Themes put words like "has-sidebar" on the page wrapper; never drop the article
    // itself for them.
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let marked = |value: Option<&str>| {
        value.is_some_and(|v| {
            // "canvas" contains "nav" but is never navigation.
            let v = v.to_ascii_lowercase().replace("canvas", "");
            FURNITURE_WORDS.iter().any(|w| v.contains(w))
        })
    };
    marked(el.attr("class")) || marked(el.id())
}

/// How much a date found in a page's markup says about when the article was published;
/// lower is surer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateRank {
    /// Declared as the publication date: `article:published_time`, `datePublished`.
    Published,
    /// A date meta tag of another vocabulary (`pubdate`, `dc.date`, …).
    DateMeta,
    /// A `<time datetime>` outside the page furniture.
    Time,
    /// A modification date: later than publication, but in the same year more often than not.
    Modified,
}

#[rustfmt::skip]
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time", "datepublished", "og:published_time", "og:article:published_time",
];

#[rustfmt::skip]
const DATE_META_KEYS: &[&str] = &[
    "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued",
    "dcterms.created", "datecreated", "article.published", "sailthru.date", "parsely-pub-date",
    "citation_publication_date", "citation_date",
];

#[rustfmt::skip]
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time", "og:updated_time", "datemodified", "last-modified",
    "dc.date.modified", "dcterms.modified", "article.updated",
];

fn meta_rank(key: &str) -> Option<DateRank> {
    let key = key.trim().to_ascii_lowercase();
    let key = key.as_str();
    if PUBLISHED_KEYS.contains(&key) {
        Some(DateRank::Published)
    } else if DATE_META_KEYS.contains(&key) {
        Some(DateRank::DateMeta)
    } else if MODIFIED_KEYS.contains(&key) {
        Some(DateRank::Modified)
    } else {
        None
    }
}

/// The publication date a saved page declares: `<meta>` tags (`article:published_time`,
/// `pubdate`, `dc.date`, …), microdata and JSON-LD `datePublished`, `<time datetime>`.
/// A declared publication date wins over other date tags, those over a `<time>` element,
/// and a modification date is the last resort; among equals the first in the page.
pub fn published_date(doc: &Html) -> Option<Date> {
    let mut best: Option<(DateRank, Date)> = None;
    for node in doc.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let e = el.value();
        let found: Option<(DateRank, Cow<'_, str>)> = match e.name() {
            "meta" => ["property", "name", "itemprop", "http-equiv"]
                .iter()
                .find_map(|a| e.attr(a).and_then(meta_rank))
                .zip(e.attr("content").map(Cow::Borrowed)),
            "script" if e.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                let json = el.text().collect::<String>();
                [
                    ("datePublished", DateRank::Published),
                    ("dateCreated", DateRank::DateMeta),
                    ("dateModified", DateRank::Modified),
                ]
                .into_iter()
                .find_map(|(key, r)| Some((r, Cow::Owned(json_string_after(&json, key)?))))
            }
            name => {
                let declared = e
                    .attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                    || (name == "time" && e.attr("pubdate").is_some());
                match e.attr("datetime").or_else(|| e.attr("content")) {
                    Some(v) if declared => Some((DateRank::Published, Cow::Borrowed(v))),
                    Some(v) if name == "time" && !in_furniture(el) => {
                        Some((DateRank::Time, Cow::Borrowed(v)))
                    }
                    _ => None,
                }
            }
        };
        if let Some((rank, value)) = found {
            if best.is_none_or(|(b, _)| rank < b) {
                if let Some(date) = parse_meta_date(&value) {
                    best = Some((rank, date));
                }
            }
        }
        if best.is_some_and(|(r, _)| r == DateRank::Published) {
            break;
        }
    }
    best.map(|(_, d)| d)
}

/// The string value of the first `"key": "…"` in a JSON text; enough for JSON-LD, which
/// pages embed in many shapes (a graph, an array, nested objects) not worth parsing.
fn json_string_after(json: &str, key: &str) -> Option<String> {
    let quoted = format!("\"{key}\"");
    let at = json.find(&quoted)? + quoted.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// A `<time>` inside page furniture dates something else: a related article, or the day
/// the page was saved in the site banner. A `<header>` inside an `<article>` is the
/// article's own.
fn in_furniture(el: ElementRef<'_>) -> bool {
    let mut header = false;
    for a in el.ancestors() {
        let Some(a) = ElementRef::wrap(a) else {
            continue;
        };
        match a.value().name() {
            "article" => header = false,
            "header" => header = true,
            _ if is_furniture(a.value()) => return true,
            _ => {}
        }
    }
    header
}

/// Vietnam's offset from UTC: a timestamp with another offset is moved to it, so that an
/// article published at 01:00 on 1 January in Hà Nội is not dated the year before.
const VIETNAM_OFFSET_MIN: i32 = 7 * 60;

/// The date in a metadata value: ISO 8601 (`2020-10-17`, `2020-10-17T08:00:00+07:00`,
/// `2020/10/17`), else the first `17/10/2020` or `17-10-2020` in it.
pub fn parse_meta_date(value: &str) -> Option<Date> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static DMY: OnceLock<Regex> = OnceLock::new();
    let iso = ISO.get_or_init(|| {
        Regex::new(
            r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?:$|[^0-9])",
        )
        .expect("valid regex")
    });
    let dmy = DMY.get_or_init(|| {
        Regex::new(r"(?:^|[^0-9])(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:$|[^0-9])")
            .expect("valid regex")
    });
    let value = value.trim();
    let num = |c: Option<regex::Match<'_>>| c.and_then(|m| m.as_str().parse::<i32>().ok());
    if let Some(c) = iso.captures(value) {
        let date = calendar_date(num(c.get(1))?, num(c.get(2))?, num(c.get(3))?)?;
        let zone = c.get(6).map(|z| z.as_str());
        return match (num(c.get(4)), num(c.get(5)), zone) {
            (Some(h), Some(m), Some(z)) if h < 24 && m < 60 => {
                let minutes = h * 60 + m + VIETNAM_OFFSET_MIN - zone_minutes(z)?;
                shift_days(date, minutes.div_euclid(24 * 60))
            }
            _ => Some(date),
        };
    }
    let c = dmy.captures(value)?;
    calendar_date(num(c.get(3))?, num(c.get(2))?, num(c.get(1))?)
}

/// `Z`, `+07:00`, `-0500` as minutes east of UTC.
fn zone_minutes(z: &str) -> Option<i32> {
    if z == "Z" {
        return Some(0);
    }
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = digits.split_at_checked(2)?;
    Some(sign * (h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?))
}

/// `date` moved by -1, 0 or 1 day (a time-zone change never moves it more).
fn shift_days(date: Date, days: i32) -> Option<Date> {
    let (Some(m), Some(d)) = (date.month, date.day) else {
        return Some(date);
    };
    let (y, m, d) = match days {
        0 => (date.year, m, d),
        1 if d < days_in_month(date.year, m) => (date.year, m, d + 1),
        1 if m < 12 => (date.year, m + 1, 1),
        1 => (date.year + 1, 1, 1),
        -1 if d > 1 => (date.year, m, d - 1),
        -1 if m > 1 => (date.year, m - 1, days_in_month(date.year, m - 1)),
        -1 => (date.year - 1, 12, 31),
        _ => return None,
    };
    calendar_date(y, i32::from(m), i32::from(d))
}

/// Controls and bidirectional formatting characters never belong in the text (an
/// entity such as `&#27;` decodes to ESC); whitespace controls are handled before.
fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}'
        )
}

fn collapse(s: &str) -> String {
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| w.chars().filter(|&c| !is_invisible_control(c)).collect())
        .filter(|w: &String| !w.is_empty())
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAVED_PAGE: &str = r#"<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Thanh Hóa thu hút đầu tư công nghiệp | Báo Công Thương</title>
<style>.x { color: red }</style>
<script>var menu = "Trang chủ";</script>
</head>
<body class="has-sidebar">
<header><div class="logo">Báo Công Thương</div></header>
<nav><ul><li><a href="/">Trang chủ</a></li><li>Thời sự</li></ul></nav>
<div class="breadcrumb">Công nghiệp &gt; Đầu tư</div>
<main>
<article class="detail">
  <h1>  Thanh Hóa   thu hút
     đầu tư công nghiệp </h1>
  <p class="date">09:56 | 16/09/2021</p>
  <p>Tỉnh <b>Thanh Hóa</b> phấn đấu đạt tỷ trọng công nghiệp chế biến,&nbsp;chế tạo
  25% vào năm 2030.</p>


  <p>Giá trị sản xuất &amp; xuất khẩu tăng 12,5%.<br>Dòng thứ hai sau br.</p>
  <div class="share-buttons"><a>Facebook</a><a>Zalo</a></div>
  <table><tr><td>Năm</td><td>2020</td></tr><tr><th>Tỷ trọng</th><td>20%</td></tr></table>
  <ul><li>Khu kinh tế Nghi Sơn</li><li>KCN Lễ Môn</li></ul>
  <pre>dòng 1
dòng   2</pre>
  <figure><img src="a.jpg"><figcaption>Ảnh: KCN Bỉm Sơn</figcaption></figure>
  <p>Escape &#27;[31m đã bị bỏ &#x202E;và bidi.</p>
</article>
<aside><h3>Tin cùng chuyên mục</h3></aside>
<div id="comments">Bình luận của bạn đọc</div>
<div class="related-news">Có thể bạn quan tâm</div>
<div class="box-tinlienquan">Tin liên quan</div>
<div class="canvas-wrap"><p>Đoạn trong canvas-wrap vẫn giữ.</p></div>
<form><input value="Tìm kiếm"></form>
<noscript>Bật JavaScript</noscript>
<template><p>Ẩn</p></template>
<svg><text>SVG</text></svg>
<iframe src="x">iframe</iframe>
</main>
<footer>© 2021 Báo Công Thương</footer>
</body></html>"#;

    #[test]
    fn saved_page_keeps_the_article_only() {
        let text = html_to_text(SAVED_PAGE);
        let expected = "Thanh Hóa thu hút đầu tư công nghiệp\n\n\
            09:56 | 16/09/2021\n\n\
            Tỉnh Thanh Hóa phấn đấu đạt tỷ trọng công nghiệp chế biến, chế tạo 25% vào năm 2030.\n\n\
            Giá trị sản xuất & xuất khẩu tăng 12,5%.\n\n\
            Dòng thứ hai sau br.\n\n\
            Năm 2020\n\n\
            Tỷ trọng 20%\n\n\
            Khu kinh tế Nghi Sơn\n\n\
            KCN Lễ Môn\n\n\
            dòng 1\ndòng 2\n\n\
            Ảnh: KCN Bỉm Sơn\n\n\
            Escape [31m đã bị bỏ và bidi.\n\n\
            Đoạn trong canvas-wrap vẫn giữ.";
        assert_eq!(text, expected);
    }

    #[test]
    fn title_is_first_line_without_h1() {
        let html = "<html><head><title> Bắc Ninh:  KCN mới </title></head>\
            <body><h2>Phụ đề</h2><p>Nội dung</p></body></html>";
        assert_eq!(
            html_to_text(html),
            "Bắc Ninh: KCN mới\n\nPhụ đề\n\nNội dung"
        );
        // Not repeated when the page already starts with it.
        let html = "<title>Tiêu đề</title><p>Tiêu đề</p><p>Thân bài</p>";
        assert_eq!(html_to_text(html), "Tiêu đề\n\nThân bài");
        // An h1 that only exists inside dropped furniture does not count.
        let html = "<title>Tiêu đề trang</title><header><h1>Logo</h1></header><p>Thân bài</p>";
        assert_eq!(html_to_text(html), "Tiêu đề trang\n\nThân bài");
    }

    #[test]
    fn inline_markup_does_not_split_words() {
        let html = "<p>Công nghi<b>ệp</b> <i>chế</i><span> biến</span>,\n  chế tạo</p>";
        assert_eq!(html_to_text(html), "Công nghiệp chế biến, chế tạo");
    }

    #[test]
    fn garbage_does_not_panic() {
        // Deep nesting must neither overflow the stack nor take quadratic time.
        let deep = "<div>".repeat(50_000) + "sâu" + &"</div>".repeat(10);
        assert_eq!(html_to_text(&deep), "sâu");
        let deep = "<span><ul><section>".repeat(20_000) + "sâu";
        assert_eq!(html_to_text(&deep), "sâu");
        let nested = "<div><p>a</p>".repeat(600) + &"</div>".repeat(600) + "<p>b</p>";
        assert_eq!(html_to_text(&nested).split("\n\n").count(), 601);
        for junk in [
            "",
            "<",
            "</p></p><p",
            "<<<>>>&&&#;&#xZZ;&#99999999;",
            "\u{0}\u{1b}<script>",
            "<table><td>a<tr>b</table></td>",
            "<title>",
            "<svg><p>x</svg>y",
        ] {
            let _ = html_to_text(junk);
        }
        assert_eq!(html_to_text("&#99999999;ok"), "\u{FFFD}ok");
    }

    fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        Some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    fn published(html: &str) -> Option<Date> {
        read_page(html).published
    }

    #[test]
    fn publication_date_from_meta_tags() {
        let page = r#"<html><head>
            <meta property="og:updated_time" content="2021-01-02T10:00:00+07:00">
            <meta name="pubdate" content="2020-10-16">
            <meta property="article:published_time" content="2020-10-17T08:00:00+07:00">
            </head><body><p>Bài viết</p></body></html>"#;
        let p = read_page(page);
        assert_eq!(p.text, "Bài viết");
        assert_eq!(p.published, ymd(2020, 10, 17));
        for (tag, want) in [
            (
                r#"<meta name="pubdate" content="2019-03-05">"#,
                ymd(2019, 3, 5),
            ),
            (
                r#"<meta name="publishdate" content="05/03/2019">"#,
                ymd(2019, 3, 5),
            ),
            (
                r#"<meta name="date" content="05-03-2019 08:00">"#,
                ymd(2019, 3, 5),
            ),
            (
                r#"<meta name="DC.date.issued" content="2019-03-05">"#,
                ymd(2019, 3, 5),
            ),
            (
                r#"<meta name="dc.date" content="2019/3/5">"#,
                ymd(2019, 3, 5),
            ),
            (
                r#"<meta itemprop="datePublished" content="2019-03-05">"#,
                ymd(2019, 3, 5),
            ),
            (
                r#"<meta property="og:updated_time" content="2019-03-05T01:00:00+07:00">"#,
                ymd(2019, 3, 5),
            ),
            (r#"<meta name="description" content="2019-03-05">"#, None),
            (r#"<meta name="pubdate" content="2019-13-05">"#, None),
            (r#"<meta name="pubdate" content="1890-03-05">"#, None),
            (r#"<meta name="pubdate" content="2019-02-30">"#, None),
            (r#"<meta name="pubdate" content="hôm nay">"#, None),
        ] {
            assert_eq!(published(&format!("{tag}<p>x</p>")), want, "{tag}");
        }
    }

    #[test]
    fn publication_date_wins_over_other_dates() {
        // A modification date only when nothing else is declared; any date meta over it.
        let page = r#"<meta property="article:modified_time" content="2021-05-01">
            <meta name="date" content="2020-04-30"><p>x</p>"#;
        assert_eq!(published(page), ymd(2020, 4, 30));
        let page = r#"<meta property="article:modified_time" content="2021-05-01">
            <article><time datetime="2020-04-30T09:00">30/4</time></article>"#;
        assert_eq!(published(page), ymd(2020, 4, 30));
        let page = r#"<meta property="article:modified_time" content="2021-05-01"><p>x</p>"#;
        assert_eq!(published(page), ymd(2021, 5, 1));
        let page = r#"<time datetime="2020-01-01">a</time>
            <span itemprop="datePublished" content="2019-12-31">b</span>"#;
        assert_eq!(published(page), ymd(2019, 12, 31));
    }

    #[test]
    fn time_elements_in_page_furniture_date_something_else() {
        // The site banner shows the day the page was saved; a related list, other articles.
        let page = r#"<header><time datetime="2024-06-01">Thứ bảy</time></header>
            <aside><time datetime="2023-01-01">Tin cũ</time></aside>
            <div class="related"><time datetime="2022-01-01">Tin khác</time></div>
            <article><header><time datetime="2020-10-17">17/10/2020</time></header>
            <p>Bài</p></article>"#;
        assert_eq!(published(page), ymd(2020, 10, 17));
        let page = r#"<header><time datetime="2024-06-01">Thứ bảy</time></header><p>Bài</p>"#;
        assert_eq!(published(page), None);
        // A time marked as the publication date counts wherever it is.
        let page = r#"<header><time pubdate datetime="2020-10-17">x</time></header><p>y</p>"#;
        assert_eq!(published(page), ymd(2020, 10, 17));
    }

    #[test]
    fn publication_date_from_json_ld() {
        let page = r#"<script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"KCN",
             "dateModified": "2021-03-06T10:00:00+07:00",
             "datePublished" : "2021-03-05T09:30:00+07:00"}
            </script><p>Bài</p>"#;
        assert_eq!(published(page), ymd(2021, 3, 5));
        assert_eq!(html_to_text(page), "Bài");
        let page = r#"<script type="application/ld+json">{"datePublished": 5}</script>"#;
        assert_eq!(published(page), None);
    }

    #[test]
    fn timestamps_are_dated_in_vietnam() {
        assert_eq!(parse_meta_date("2020-12-31T20:00:00Z"), ymd(2021, 1, 1));
        assert_eq!(
            parse_meta_date("2020-12-31T20:00:00+07:00"),
            ymd(2020, 12, 31)
        );
        assert_eq!(
            parse_meta_date("2021-03-01T01:00:00+09:00"),
            ymd(2021, 2, 28)
        );
        assert_eq!(
            parse_meta_date("2020-02-28T23:30:00.000+0500"),
            ymd(2020, 2, 29)
        );
        assert_eq!(parse_meta_date("2020-10-17T08:00:00"), ymd(2020, 10, 17));
        assert_eq!(parse_meta_date(" 2020-10-17 "), ymd(2020, 10, 17));
        assert_eq!(
            parse_meta_date("Thứ bảy, 17/10/2020 - 08:00"),
            ymd(2020, 10, 17)
        );
        assert_eq!(parse_meta_date("2020-10-171"), None);
        assert_eq!(parse_meta_date("117/10/2020"), None);
        assert_eq!(parse_meta_date("2020"), None);
    }

    proptest! {
        #[test]
        fn never_panics(pieces in proptest::collection::vec(prop_oneof![
            any::<String>(),
            Just("<div class='menu'>".to_owned()),
            Just("</div>".to_owned()),
            Just("<p>".to_owned()),
            Just("<title>".to_owned()),
            Just("<h1>".to_owned()),
            Just("<pre>\n".to_owned()),
            Just("<script>".to_owned()),
            Just("&amp;&#x1b;&#".to_owned()),
            Just("<".to_owned()),
        ], 0..40)) {
            let text = html_to_text(&pieces.concat());
            prop_assert!(!text.chars().any(|c| is_invisible_control(c) && c != '\n'));
            prop_assert!(!text.contains("\n\n\n"));
        }
    }
}
