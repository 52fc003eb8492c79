//! HTML built through one type: an [`Html`] is made only of markup written in the source
//! (`&'static str`) and of text that was escaped on the way in, so text from data or the URL
//! can never become markup. It is what the dashboard passes to `inner_html`.

use crate::html_escape;

/// A fragment of HTML whose every piece of text was escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    pub fn new() -> Self {
        Html(String::new())
    }

    /// Markup written in the source.
    pub fn markup(m: &'static str) -> Self {
        Html(m.to_owned())
    }

    /// Text, escaped (also fit for a quoted attribute value).
    pub fn text(t: &str) -> Self {
        Html(html_escape(t))
    }

    /// An SVG drawn by plotters, whose SVG backend escapes every text it draws (tested in
    /// `muni-chart`): the one way in for markup made at run time.
    pub fn from_plotters_svg(svg: String) -> Self {
        Html(svg)
    }

    /// HTML the dashboard's other WebAssembly module built as an `Html` and sent as text
    /// (`muni_view::contract::PeersAnswer`): escaped where it was made.
    pub fn from_module(html: String) -> Self {
        Html(html)
    }

    /// Appends markup written in the source.
    pub fn m(&mut self, m: &'static str) -> &mut Self {
        self.0.push_str(m);
        self
    }

    /// Appends text, escaped.
    pub fn t(&mut self, t: &str) -> &mut Self {
        self.0.push_str(&html_escape(t));
        self
    }

    /// Appends another fragment.
    pub fn h(&mut self, h: &Html) -> &mut Self {
        self.0.push_str(&h.0);
        self
    }

    /// `<tag>text</tag>`, the tag and its attributes written in the source.
    pub fn element(open: &'static str, text: &str, close: &'static str) -> Self {
        let mut h = Html::markup(open);
        h.t(text).m(close);
        h
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_kept() {
        let mut h = Html::markup("<p class=\"x\">");
        h.t("<script>alert('&')</script>").m("</p>");
        assert_eq!(
            h.as_str(),
            "<p class=\"x\">&lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;</p>"
        );
        assert_eq!(
            Html::element("<td>", "\"Ö\"", "</td>").into_string(),
            "<td>&quot;Ö&quot;</td>"
        );
        let mut outer = Html::new();
        outer.h(&Html::text("a<b")).m("<br>");
        assert_eq!(outer.as_str(), "a&lt;b<br>");
    }
}
