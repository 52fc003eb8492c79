//! The presenter's deck panel ("Min presentation" / "My presentation"): the slides collected
//! from the views, each with its title (the presenter's or the view's), moved, removed and
//! retitled in place, and the buttons to add the current view, present and download the deck as
//! PowerPoint. Built as escaped HTML whose controls carry `data-action` and `data-n`, read by
//! the dashboard when pressed or edited.

use muni_model::deck::DeckSlide;
use muni_model::{Catalog, ChartQuery, Html, Lang, View};

fn t(l: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// What a slide shows, for its list entry and as its title unless the presenter gave one:
/// the indicator's title and the kind of view ("Folkmängd – rangordning").
pub fn slide_label(catalog: &Catalog, slide: &DeckSlide, l: Lang) -> String {
    if let Some(title) = &slide.title {
        return title.clone();
    }
    let q = slide.query(l, false);
    let meta = crate::view::indicator(catalog, &q);
    let name = meta.map_or("?", |m| m.title.get(l));
    let kind = match q.view {
        View::Series => t(l, "över tid", "over time"),
        View::Ranking => t(l, "rangordning", "ranking"),
        View::Table => t(l, "tabell", "table"),
        View::Map => t(l, "karta", "map"),
        View::Tiles => t(l, "rutkarta", "tile map"),
        View::Profile => t(l, "profil", "profile"),
    };
    format!("{name} – {kind}")
}

/// Whether the view `q` can be a slide (a profile is a page of tables, not a slide).
pub fn can_add(q: &ChartQuery) -> bool {
    q.view != View::Profile
}

/// The panel of `q.deck`.
pub fn panel_html(catalog: &Catalog, q: &ChartQuery) -> Html {
    let l = q.lang;
    let n = q.deck.slides.len();
    let mut h = Html::new();
    h.m(r#"<div class="deck-actions">"#);
    if can_add(q) {
        h.m(r#"<button type="button" data-action="deck-add" data-testid="deck-add">"#)
            .t(t(l, "Lägg till den här vyn", "Add this view"))
            .m("</button>");
    } else {
        h.m(r#"<p class="hint">"#)
            .t(t(
                l,
                "En profil kan inte bli en bild; välj en indikator.",
                "A profile cannot be a slide; choose an indicator.",
            ))
            .m("</p>");
    }
    if n > 0 {
        h.m(r#"<button type="button" data-action="deck-present" data-testid="deck-present">"#)
            .t(t(l, "Presentera", "Present"))
            .m(r#"</button><button type="button" data-action="deck-pptx" data-testid="deck-pptx">"#)
            .t(t(l, "Ladda ner PowerPoint", "Download PowerPoint"))
            .m(r#"</button><button type="button" data-action="deck-print" data-testid="deck-print">"#)
            .t(t(l, "Utskrift (PDF)", "Handout (PDF)"))
            .m("</button>");
    }
    h.m("</div>");
    if n == 0 {
        h.m(r#"<p class="hint">"#)
            .t(t(
                l,
                "Inga bilder än. Lägg till vyer här; presentationen finns i adressen, så länken delar den.",
                "No slides yet. Add views here; the presentation lives in the address, so the link shares it.",
            ))
            .m("</p>");
        return h;
    }
    h.m(r#"<ol class="deck-slides" data-testid="deck-slides">"#);
    for (i, s) in q.deck.slides.iter().enumerate() {
        let label = slide_label(catalog, s, l);
        let placeholder = slide_label(
            catalog,
            &DeckSlide {
                title: None,
                ..s.clone()
            },
            l,
        );
        let num = i.to_string();
        let shown = (i + 1).to_string();
        h.m(r#"<li data-n=""#)
            .t(&num)
            .m(r#""><input type="text" data-action="deck-title" data-n=""#)
            .t(&num)
            .m(r#"" value=""#)
            .t(s.title.as_deref().unwrap_or(""))
            .m(r#"" placeholder=""#)
            .t(&placeholder)
            .m(r#"" aria-label=""#)
            .t(&format!(
                "{} {shown}: {label}",
                t(l, "Rubrik för bild", "Title of slide")
            ))
            .m(r#""><span class="deck-buttons">"#);
        for (action, sign, sv, en, enabled) in [
            ("deck-up", "↑", "Flytta upp", "Move up", i > 0),
            ("deck-down", "↓", "Flytta ned", "Move down", i + 1 < n),
            ("deck-remove", "×", "Ta bort", "Remove", true),
        ] {
            h.m(r#"<button type="button" data-action=""#)
                .t(action)
                .m(r#"" data-n=""#)
                .t(&num)
                .m(r#"" aria-label=""#)
                .t(&format!("{} {shown}", t(l, sv, en)))
                .m(if enabled { r#"">"# } else { r#"" disabled>"# })
                .t(sign)
                .m("</button>");
        }
        h.m("</span></li>");
    }
    h.m("</ol>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{Spec, Synthetic, v};
    use muni_model::Unit;

    #[test]
    fn the_panel_lists_the_slides_escaped_with_their_controls() {
        let f = Synthetic::new().indicator(
            Spec::new("energy_x", Unit::Mwh).title("Energi <x>", "Energy <x>"),
            &[("0181", &[v(1.0), v(2.0)][..])],
        );
        let (mut q, _) = ChartQuery::parse("i=energy_x&v=ranking");
        assert!(
            panel_html(&f.catalog, &q)
                .as_str()
                .contains("Inga bilder än")
        );
        q.deck.add(&q.clone());
        let (series, _) = ChartQuery::parse("i=energy_x&v=series&r=0181");
        q.deck.add(&series);
        q.deck.retitle(1, "Vår \"egen\" <rubrik>");
        let html = panel_html(&f.catalog, &q).into_string();
        assert!(html.contains("Energi &lt;x&gt; – rangordning"), "{html}");
        assert!(
            html.contains(r#"value="Vår &quot;egen&quot; &lt;rubrik&gt;""#),
            "{html}"
        );
        assert!(!html.contains("<x>") && !html.contains("<rubrik>"));
        // The first cannot move up, the last not down.
        assert!(
            html.contains(
                r#"data-action="deck-up" data-n="0" aria-label="Flytta upp 1" disabled>"#
            )
        );
        assert!(
            html.contains(
                r#"data-action="deck-down" data-n="1" aria-label="Flytta ned 2" disabled>"#
            )
        );
        assert!(html.contains(r#"data-action="deck-down" data-n="0" aria-label="Flytta ned 1">"#));
        assert_eq!(html.matches("<li ").count(), 2);
        assert!(html.contains("deck-present") && html.contains("deck-pptx"));
        // A profile is not offered as a slide; in English.
        let (p, _) = ChartQuery::parse("p=0181&v=profile&lang=en");
        assert!(
            panel_html(&f.catalog, &p)
                .as_str()
                .contains("A profile cannot be a slide")
        );
    }
}
