//! Styles, in one place so that `NO_COLOR` (https://no-color.org) can swap every colour
//! for bold / reverse / underline and the explorer stays readable in monochrome.

use ratatui::style::{Color, Modifier, Style};

/// What a piece of text is, independent of how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Text,
    Heading,
    Label,
    /// Secondary text: ids, sources, page furniture.
    Dim,
    /// The span a detail view is about (a figure in its sentence, a citation).
    Mark,
    /// The word that decided a figure's status, beside the figure.
    Cue,
    /// A jump target; drawn as `LinkActive` under the link cursor.
    Link,
    /// Bars of reported figures (achieved, estimate) in charts.
    Reported,
    /// Bars of targets in charts.
    Goal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub text: Style,
    pub heading: Style,
    pub label: Style,
    pub dim: Style,
    pub mark: Style,
    pub cue: Style,
    pub link: Style,
    pub link_active: Style,
    /// Filter matches inside table cells.
    pub matched: Style,
    pub selected_row: Style,
    pub header: Style,
    pub border: Style,
    pub border_focus: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status: Style,
    pub status_key: Style,
    pub warn: Style,
    pub reported: Style,
    pub goal: Style,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::colored(),
        }
    }

    pub fn colored() -> Theme {
        let plain = Style::new();
        Theme {
            color: true,
            text: plain,
            heading: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            dim: plain.fg(Color::DarkGray),
            mark: plain
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            cue: plain.fg(Color::Black).bg(Color::LightMagenta),
            link: plain.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
            link_active: plain
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            // Foreground only, so that it survives the selected row's background.
            matched: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected_row: plain.bg(Color::DarkGray).add_modifier(Modifier::BOLD),
            header: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            border_focus: plain.fg(Color::Cyan),
            tab: plain,
            tab_active: plain
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            status: plain.fg(Color::White).bg(Color::DarkGray),
            status_key: plain
                .fg(Color::Yellow)
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            warn: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            reported: plain.fg(Color::Green),
            goal: plain.fg(Color::Yellow),
        }
    }

    /// No colours at all: only bold, reverse and underline.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reverse = plain.add_modifier(Modifier::REVERSED);
        let underline = plain.add_modifier(Modifier::UNDERLINED);
        Theme {
            color: false,
            text: plain,
            heading: bold,
            label: bold,
            dim: plain,
            mark: reverse.add_modifier(Modifier::BOLD),
            // Links are underlined and the figure reversed: the cue is the other emphasis.
            cue: bold.add_modifier(Modifier::ITALIC),
            link: underline,
            link_active: reverse.add_modifier(Modifier::UNDERLINED),
            matched: bold.add_modifier(Modifier::UNDERLINED),
            selected_row: reverse,
            header: bold.add_modifier(Modifier::UNDERLINED),
            border: plain,
            border_focus: bold,
            tab: plain,
            tab_active: reverse.add_modifier(Modifier::BOLD),
            status: reverse,
            status_key: reverse.add_modifier(Modifier::BOLD),
            warn: bold,
            // The glyphs (█ reported, ░ target) carry the difference without colour.
            reported: plain,
            goal: plain,
        }
    }

    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Text => self.text,
            Role::Heading => self.heading,
            Role::Label => self.label,
            Role::Dim => self.dim,
            Role::Mark => self.mark,
            Role::Cue => self.cue,
            Role::Link => self.link,
            Role::Reported => self.reported,
            Role::Goal => self.goal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_has_no_colours() {
        let t = Theme::mono();
        let styles = [
            t.text,
            t.heading,
            t.label,
            t.dim,
            t.mark,
            t.cue,
            t.link,
            t.link_active,
            t.matched,
            t.selected_row,
            t.header,
            t.border,
            t.border_focus,
            t.tab,
            t.tab_active,
            t.status,
            t.status_key,
            t.warn,
        ];
        for s in styles {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        // Every distinction that matters is still visible.
        assert_ne!(t.selected_row, t.text);
        assert_ne!(t.mark, t.text);
        assert_ne!(t.cue, t.text);
        assert_ne!(t.cue, t.mark);
        assert_ne!(t.cue, t.link);
        assert_ne!(t.link_active, t.link);
        assert_ne!(t.matched, t.selected_row);
    }
}
