//! Saved web pages to plain text (SPEC §3): the article, without the page furniture
//! (menus, share buttons, related-article lists, comment forms) that would otherwise
//! be read as part of it.

use std::borrow::Cow;

use scraper::{ElementRef, Html, Node};

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

/// The readable text of an HTML document: one paragraph per block, separated by a
/// blank line, whitespace collapsed, entities decoded. The page `<title>` becomes the
/// first line when the page has no `<h1>` of its own.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(&flatten_deep_blocks(html));
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
