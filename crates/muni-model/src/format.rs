//! Number formatting by language: Swedish `1 234,5`, English `1,234.5`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

/// Formats `value` with `decimals` decimals. Swedish groups thousands with a no-break space
/// (U+00A0) and uses a decimal comma and a true minus sign (U+2212); English uses `,` and `.`.
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let s = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let (group, point, minus) = match lang {
        Lang::Sv => ('\u{a0}', ',', '\u{2212}'),
        Lang::En => (',', '.', '-'),
    };
    let mut out = String::new();
    let negative = value < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if negative {
        out.push(minus);
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_english() {
        assert_eq!(format_number(1234.5, 1, Lang::Sv), "1\u{a0}234,5");
        assert_eq!(format_number(1234.5, 1, Lang::En), "1,234.5");
        assert_eq!(
            format_number(10551707.0, 0, Lang::Sv),
            "10\u{a0}551\u{a0}707"
        );
        assert_eq!(format_number(-0.04, 1, Lang::Sv), "0,0");
        assert_eq!(format_number(-1234.0, 0, Lang::Sv), "\u{2212}1\u{a0}234");
        assert_eq!(format_number(999.96, 1, Lang::En), "1,000.0");
        assert_eq!(format_number(f64::NAN, 1, Lang::En), "–");
    }
}

/// Text for an HTML attribute or element: `&`, `<`, `>`, `"` and `'` escaped.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Lower case for the letters of Swedish names (A–Z, Å, Ä, Ö, É, Ü, Æ, Ø); other characters as
/// they are. Used instead of `char::to_lowercase`, whose Unicode tables would add ~10 kB to the
/// dashboard's WebAssembly for names that never need them.
pub fn fold_sv(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'Å' => 'å',
        'Ä' => 'ä',
        'Ö' => 'ö',
        'É' => 'é',
        'È' => 'è',
        'Ü' => 'ü',
        'Æ' => 'æ',
        'Ø' => 'ø',
        c => c,
    }
}

#[cfg(test)]
mod fold_tests {
    #[test]
    fn folds_swedish_names_like_unicode_does() {
        for name in [
            "ÖSTHAMMAR",
            "Åre",
            "Ängelholm",
            "Överkalix",
            "Malmö",
            "Upplands Väsby",
        ] {
            let ours: String = name.chars().map(super::fold_sv).collect();
            assert_eq!(ours, name.to_lowercase());
        }
    }
}
