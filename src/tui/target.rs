//! The tabs and the entities they list: the vocabulary shared by the tables, the detail
//! view's links and the history.

use crate::export::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Provinces,
    Targets,
    Sectors,
    Documents,
    Legal,
    /// The Provinces tab in 2025 mode: the 34 units of 2025. Not in [`Tab::ALL`]: the tab
    /// bar shows it as Provinces.
    Units,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Provinces,
        Tab::Targets,
        Tab::Sectors,
        Tab::Documents,
        Tab::Legal,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Tab {
        Tab::ALL[i % Tab::ALL.len()]
    }

    /// The tab of the tab bar this one is shown as.
    pub fn shown(self) -> Tab {
        match self {
            Tab::Units => Tab::Provinces,
            t => t,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Tab::Provinces => "Provinces",
            Tab::Targets => "Targets",
            Tab::Sectors => "Sectors",
            Tab::Documents => "Documents",
            Tab::Legal => "Legal",
            Tab::Units => "Provinces 2025",
        }
    }

    /// The entity kind whose labels the tab's filter ranks.
    pub fn kind(self) -> Kind {
        match self {
            Tab::Provinces => Kind::Provinces,
            Tab::Targets => Kind::Figures,
            Tab::Sectors => Kind::Sectors,
            Tab::Documents => Kind::Documents,
            Tab::Legal => Kind::Legal,
            Tab::Units => Kind::Provinces,
        }
    }
}

/// One entity: an index into the corpus vector of its kind (`places`, `figures`,
/// `sectors`, `documents`, `legal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Place(usize),
    Figure(usize),
    Sector(usize),
    Document(usize),
    Legal(usize),
    /// An index into the explorer's list of 2025 units.
    Unit(usize),
}

impl Target {
    pub fn new(tab: Tab, index: usize) -> Target {
        match tab {
            Tab::Provinces => Target::Place(index),
            Tab::Targets => Target::Figure(index),
            Tab::Sectors => Target::Sector(index),
            Tab::Documents => Target::Document(index),
            Tab::Legal => Target::Legal(index),
            Tab::Units => Target::Unit(index),
        }
    }

    pub fn tab(self) -> Tab {
        match self {
            Target::Place(_) => Tab::Provinces,
            Target::Figure(_) => Tab::Targets,
            Target::Sector(_) => Tab::Sectors,
            Target::Document(_) => Tab::Documents,
            Target::Legal(_) => Tab::Legal,
            Target::Unit(_) => Tab::Units,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Target::Place(i)
            | Target::Figure(i)
            | Target::Sector(i)
            | Target::Document(i)
            | Target::Legal(i)
            | Target::Unit(i) => i,
        }
    }
}
