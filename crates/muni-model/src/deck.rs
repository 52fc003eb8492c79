//! A presenter's deck: the views collected for a presentation, in order, each with a title of
//! its own if the presenter gave one. It lives in the URL (`deck=`), so a deck is shared and
//! bookmarked as a link, and presenter mode is `present=N` (the N-th slide).
//!
//! In the URL each slide is its view's query and its title, each percent-encoded (so neither
//! holds a `,` or a `~`), joined as `view~title`, slides separated by `,`.

use crate::ChartQuery;

/// At most this many slides: a link stays shorter than the 8 kB servers accept.
pub const MAX_SLIDES: usize = 40;
/// A title is cut at this many characters.
pub const MAX_TITLE: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deck {
    pub slides: Vec<DeckSlide>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckSlide {
    /// The view's canonical query without `?`, language, theme, data version or deck: a slide
    /// is shown in the language and theme the presenter chooses.
    pub view: String,
    /// The presenter's own title; `None` shows the view's.
    pub title: Option<String>,
}

/// Percent-encodes everything but ASCII letters, digits, `-`, `_` and `.`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl DeckSlide {
    /// The slide of the view `q`.
    pub fn of(q: &ChartQuery) -> Self {
        DeckSlide {
            view: slide_view(q),
            title: None,
        }
    }

    /// The slide's view in the language and theme given.
    pub fn query(&self, lang: crate::Lang, dark: bool) -> ChartQuery {
        let (mut q, _) = ChartQuery::parse(&self.view);
        q.lang = lang;
        q.dark = dark;
        q
    }
}

/// The part of `q` a slide keeps.
fn slide_view(q: &ChartQuery) -> String {
    let bare = ChartQuery {
        lang: crate::Lang::Sv,
        dark: false,
        embed: false,
        data_version: None,
        deck: Deck::default(),
        present: None,
        ..q.clone()
    };
    bare.to_query_string().trim_start_matches('?').to_owned()
}

impl Deck {
    /// The deck of a `deck=` value as it stands in the URL (not yet percent-decoded), and the
    /// slides that could not be read (a view with a parameter a deck cannot use), dropped.
    pub fn parse(raw: &str) -> (Deck, Vec<String>) {
        let mut deck = Deck::default();
        let mut bad = Vec::new();
        for entry in raw.split(',').filter(|e| !e.is_empty()) {
            let (view, title) = entry.split_once('~').unwrap_or((entry, ""));
            let view = crate::query::percent_decode(view);
            let (q, notices) = ChartQuery::parse(&view);
            if !notices.is_empty() || q.deck != Deck::default() || deck.slides.len() >= MAX_SLIDES {
                bad.push(view);
                continue;
            }
            let title: String = crate::query::percent_decode(title)
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_TITLE)
                .collect();
            deck.slides.push(DeckSlide {
                view: slide_view(&q),
                title: (!title.trim().is_empty()).then(|| title.trim().to_owned()),
            });
        }
        (deck, bad)
    }

    /// The `deck=` value.
    pub fn to_param(&self) -> String {
        let slides: Vec<String> = self
            .slides
            .iter()
            .map(|s| match &s.title {
                Some(t) => format!("{}~{}", percent_encode(&s.view), percent_encode(t)),
                None => percent_encode(&s.view),
            })
            .collect();
        slides.join(",")
    }

    pub fn is_empty(&self) -> bool {
        self.slides.is_empty()
    }

    /// Adds the view `q` at the end (unless the deck is full); returns whether it was added.
    pub fn add(&mut self, q: &ChartQuery) -> bool {
        if self.slides.len() >= MAX_SLIDES {
            return false;
        }
        self.slides.push(DeckSlide::of(q));
        true
    }

    /// Moves slide `i` one place up (`-1`) or down (`1`); nothing if it would leave the deck.
    pub fn shift(&mut self, i: usize, by: isize) {
        let j = i as isize + by;
        if i < self.slides.len() && j >= 0 && (j as usize) < self.slides.len() {
            self.slides.swap(i, j as usize);
        }
    }

    pub fn remove(&mut self, i: usize) {
        if i < self.slides.len() {
            self.slides.remove(i);
        }
    }

    /// Gives slide `i` the title `t` (an empty one gives the view's back).
    pub fn retitle(&mut self, i: usize, t: &str) {
        if let Some(s) = self.slides.get_mut(i) {
            let t: String = t
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_TITLE)
                .collect();
            s.title = (!t.trim().is_empty()).then(|| t.trim().to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, View};

    fn q(s: &str) -> ChartQuery {
        let (q, n) = ChartQuery::parse(s);
        assert!(n.is_empty(), "{n:?}");
        q
    }

    #[test]
    fn a_deck_goes_through_the_url_and_back() {
        let mut d = Deck::default();
        assert!(d.add(&q(
            "i=population&r=0181,0382&v=series&lang=en&th=dark&dv=1a2b3c4d"
        )));
        assert!(d.add(&q("i=energy_x&v=ranking&t=2019")));
        d.retitle(1, "Energi, 2019: «vi» & de ~ andra, 100 %");
        let (q2, n) = ChartQuery::parse(&format!("v=ranking&deck={}&present=2", d.to_param()));
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(q2.deck, d);
        assert_eq!(q2.present, Some(2));
        // A slide keeps its view but not the language, theme or data version.
        assert_eq!(d.slides[0].view, "i=population&r=0181,0382&v=series");
        assert_eq!(d.slides[0].query(Lang::En, true).lang, Lang::En);
        assert_eq!(d.slides[1].query(Lang::Sv, false).view, View::Ranking);
        // And the link the app writes carries the deck.
        assert_eq!(ChartQuery::parse(&q2.to_query_string()).0, q2);
    }

    #[test]
    fn slides_move_go_and_are_retitled_within_the_deck() {
        let mut d = Deck::default();
        for i in ["a", "b", "c"] {
            d.add(&q(&format!("i={i}")));
        }
        d.shift(0, -1);
        d.shift(2, 1);
        d.shift(0, 1);
        let order: Vec<&str> = d.slides.iter().map(|s| s.view.as_str()).collect();
        assert_eq!(order, ["i=b&v=series", "i=a&v=series", "i=c&v=series"]);
        d.remove(7);
        d.remove(1);
        assert_eq!(d.slides.len(), 2);
        d.retitle(0, "  ");
        assert_eq!(d.slides[0].title, None);
        d.retitle(0, &"x".repeat(500));
        assert_eq!(d.slides[0].title.as_ref().map(|t| t.len()), Some(MAX_TITLE));
        while d.add(&q("i=a")) {}
        assert_eq!(d.slides.len(), MAX_SLIDES);
    }

    #[test]
    fn unusable_slides_are_dropped_and_said() {
        let bad = percent_encode("i=population&r=01x");
        let good = percent_encode("i=population");
        let (q, n) = ChartQuery::parse(&format!("deck={bad},{good}~%3Cb%3E&present=x"));
        assert_eq!(q.deck.slides.len(), 1);
        assert_eq!(q.deck.slides[0].title.as_deref(), Some("<b>"));
        let params: Vec<&str> = n.iter().map(|n| n.param.as_str()).collect();
        assert_eq!(params, ["deck", "present"], "{n:?}");
        assert_eq!(q.present, None);
    }
}
