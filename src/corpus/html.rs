//! Saved web pages to plain text (SPEC §3): the article, without the page furniture
//! (menus, share buttons, related-article lists, comment forms) that would otherwise
//! be read as part of it.

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "object", "embed",
];

/// Class or id fragments that mark page furniture on news sites.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "footer",
    "sidebar",
    "comment",
    "share",
    "social",
    "related",
    "advert",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search"];

/// Elements that end one paragraph and start another.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "section", "article",
    "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "dl", "figcaption", "figure", "main",
    "hr", "caption", "address", "details", "summary", "fieldset", "center", "body", "html",
];

/// The readable text of an HTML document: one paragraph per block, separated by a
/// blank line, whitespace collapsed, entities decoded. The page `<title>` becomes the
/// first line when the page has no `<h1>` of its own.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
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
                if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n')
                {
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
        || el.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
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
