//! The dashboard's view state as it lives in the URL: parsed leniently (a bad or stale parameter
//! is dropped with a notice, never a blank page) and written canonically, so that a link
//! reproduces a view exactly.
//!
//! `?i=energy_industry_share&m=index&b=2009&r=0181,0382&g=network&y=2009-2020&v=series&lang=en`

pub use crate::notice::{NoticeReason, QueryNotice};
use std::fmt::Write;

use crate::{Lang, MunicipalityCode};

/// Which picture of the indicator is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Series,
    Ranking,
    Table,
    Profile,
    /// Sweden's municipalities coloured by the indicator in one year.
    Map,
    /// The same as an equal-area tile grid.
    Tiles,
}

impl View {
    const ALL: [(View, &'static str); 6] = [
        (View::Series, "series"),
        (View::Ranking, "ranking"),
        (View::Table, "table"),
        (View::Profile, "profile"),
        (View::Map, "map"),
        (View::Tiles, "tiles"),
    ];

    /// A picture of one year (ranking, map, tiles) rather than of a span of years.
    pub fn one_year(self) -> bool {
        matches!(self, View::Ranking | View::Map | View::Tiles)
    }

    pub fn is_map(self) -> bool {
        matches!(self, View::Map | View::Tiles)
    }
}

/// How values are shown: as published, or as an index with a base year = 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    AsPublished,
    Index {
        base: u16,
    },
}

/// Which municipalities a ranking covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Network,
    Sweden,
}

/// A whole group of municipalities a view can select, parsed once from the link (`network`,
/// `lan01` … `lan25`) and expanded by [`crate::Catalog::group_members`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupId {
    /// The network's members.
    Network,
    /// The municipalities of a county, by its number (1–25; written `lan01`).
    County(u8),
}

impl GroupId {
    /// `network` or `lanNN` with a two-digit county number 01–25.
    pub fn parse(s: &str) -> Option<GroupId> {
        if s == crate::RegionCode::NETWORK {
            return Some(GroupId::Network);
        }
        let n = s
            .strip_prefix("lan")
            .filter(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()))?;
        n.parse()
            .ok()
            .filter(|n| (1..=25).contains(n))
            .map(GroupId::County)
    }

    /// The county's two-digit region code (`01`), for a county.
    pub fn county_code(self) -> Option<String> {
        match self {
            GroupId::Network => None,
            GroupId::County(n) => Some(format!("{n:02}")),
        }
    }
}

impl std::fmt::Display for GroupId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupId::Network => f.write_str(crate::RegionCode::NETWORK),
            GroupId::County(n) => write!(f, "lan{n:02}"),
        }
    }
}

/// Everything a view depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartQuery {
    /// Indicator id; `None` means the default indicator.
    pub indicator: Option<IndicatorId>,
    pub measure: Measure,
    /// Individually selected municipalities, in the order chosen.
    pub municipalities: Vec<MunicipalityCode>,
    /// Whole groups selected (`network`, or a county as `lan01`).
    pub groups: Vec<GroupId>,
    /// First and last year of a series view; `None` means the indicator's full range.
    pub years: Option<(u16, u16)>,
    /// The year of a ranking; `None` means the latest.
    pub year: Option<u16>,
    pub view: View,
    pub scope: Scope,
    /// The municipality of a profile view.
    pub profile: Option<MunicipalityCode>,
    pub lang: Lang,
    /// Minimal chrome for iframes.
    pub embed: bool,
    /// Dark theme (`th=dark`), for embeds on dark pages and projectors.
    pub dark: bool,
    /// The data version a link was made on (`dv=`, see `DataVersion`): the page says so when
    /// it shows other data.
    pub data_version: Option<String>,
    /// The presenter's deck (`deck=`), carried by every link the app writes.
    pub deck: crate::deck::Deck,
    /// Presenter mode at this slide (`present=N`, from 1).
    pub present: Option<u16>,
}

impl Default for ChartQuery {
    /// The default view: the network, as a series, in Swedish.
    fn default() -> Self {
        ChartQuery {
            indicator: None,
            measure: Measure::AsPublished,
            municipalities: Vec::new(),
            groups: vec![GroupId::Network],
            years: None,
            year: None,
            view: View::Series,
            scope: Scope::Network,
            profile: None,
            lang: Lang::Sv,
            embed: false,
            dark: false,
            data_version: None,
            deck: crate::deck::Deck::default(),
            present: None,
        }
    }
}

const MAX_SELECTED: usize = 40;

/// An indicator's id as a URL or a deck names it: lower-case ASCII letters, digits and `_`, at
/// most 64 (`energy_industry_share`). Checked once, where the text comes in; whether the
/// catalog has it is the view's question (`Catalog::indicator`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorId(String);

impl IndicatorId {
    pub fn new(s: &str) -> Result<Self, String> {
        if is_slug(s) {
            Ok(IndicatorId(s.to_owned()))
        } else {
            Err(format!(
                "{s:?} is not an indicator id (lower-case letters, digits and _)"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for IndicatorId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A catalog or an indicator file naming an indicator by anything but a slug is refused when
/// read, as a URL's is.
impl<'de> serde::Deserialize<'de> for IndicatorId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IndicatorId::new(&s).map_err(serde::de::Error::custom)
    }
}

impl PartialEq<str> for IndicatorId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for IndicatorId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn parse_year(s: &str) -> Option<u16> {
    s.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// Decodes `%XX` escapes and `+` (as a space) of one query component; invalid escapes are kept.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ChartQuery {
    /// Parses a query string (with or without the leading `?`). Unknown, malformed or
    /// out-of-range parameters are skipped and reported; the rest of the view still applies.
    // Long: one match arm per URL key: the one list a reader checks a key and its notice in.
    pub fn parse(query: &str) -> (ChartQuery, Vec<QueryNotice>) {
        let mut q = ChartQuery::default();
        // The first screen: a link that names nothing to show (the bare address, or only a
        // language or theme) opens the network's ranking, which answers "where do we stand?"
        // at a glance; older links that name an indicator or a region keep their time series.
        let names_a_view = query.trim_start_matches('?').split('&').any(|p| {
            let k = p.split('=').next().unwrap_or("");
            matches!(k, "v" | "i" | "r" | "g" | "p")
        });
        if !names_a_view {
            q.view = View::Ranking;
        }
        let mut notices = Vec::new();
        let mut note = |param: &str, value: &str, reason: NoticeReason| {
            notices.push(QueryNotice {
                param: param.to_owned(),
                value: value.chars().take(80).collect(),
                reason,
            });
        };
        let mut explicit_groups: Option<Vec<GroupId>> = None;
        let mut base: Option<u16> = None;
        let mut index = false;
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if k == "deck" {
                // Read before decoding: each slide is percent-encoded inside it.
                let (deck, bad) = crate::deck::Deck::parse(v);
                for b in bad {
                    note("deck", &b, NoticeReason::UnusableSlide);
                }
                q.deck = deck;
                continue;
            }
            let (k, v) = (percent_decode(k), percent_decode(v));
            match k.as_str() {
                "i" => match IndicatorId::new(&v) {
                    Ok(id) => q.indicator = Some(id),
                    Err(_) => note("i", &v, NoticeReason::NotAnIndicatorId),
                },
                "m" => match v.as_str() {
                    "value" => index = false,
                    "index" => index = true,
                    _ => note("m", &v, NoticeReason::UnknownMeasure),
                },
                "b" => match parse_year(&v) {
                    Some(y) => base = Some(y),
                    None => note("b", &v, NoticeReason::BaseYearNotAYear),
                },
                "r" => {
                    for code in v.split(',').filter(|c| !c.is_empty()) {
                        match MunicipalityCode::new(code) {
                            Ok(c) if q.municipalities.contains(&c) => {}
                            Ok(_) if q.municipalities.len() >= MAX_SELECTED => {
                                note("r", code, NoticeReason::TooManyMunicipalities)
                            }
                            Ok(c) => q.municipalities.push(c),
                            Err(_) => note("r", code, NoticeReason::NotAMunicipalityCode),
                        }
                    }
                }
                "g" => {
                    let groups = explicit_groups.get_or_insert_with(Vec::new);
                    for g in v.split(',').filter(|g| !g.is_empty()) {
                        match GroupId::parse(g) {
                            None => note("g", g, NoticeReason::NotAGroup),
                            Some(id) if !groups.contains(&id) => groups.push(id),
                            Some(_) => {}
                        }
                    }
                }
                "y" => {
                    let range = v
                        .split_once('-')
                        .and_then(|(a, b)| Some((parse_year(a)?, parse_year(b)?)));
                    match range {
                        Some((a, b)) if a <= b => q.years = Some((a, b)),
                        _ => note("y", &v, NoticeReason::NotAYearRange),
                    }
                }
                "t" => match parse_year(&v) {
                    Some(y) => q.year = Some(y),
                    None => note("t", &v, NoticeReason::NotAYear),
                },
                "v" => match View::ALL.iter().find(|(_, s)| *s == v) {
                    Some((view, _)) => q.view = *view,
                    None => note("v", &v, NoticeReason::UnknownView),
                },
                "s" => match v.as_str() {
                    "network" => q.scope = Scope::Network,
                    "sweden" => q.scope = Scope::Sweden,
                    _ => note("s", &v, NoticeReason::UnknownScope),
                },
                "p" => match MunicipalityCode::new(&v) {
                    Ok(c) => q.profile = Some(c),
                    Err(_) => note("p", &v, NoticeReason::NotAMunicipalityCode),
                },
                "lang" => match v.as_str() {
                    "sv" => q.lang = Lang::Sv,
                    "en" => q.lang = Lang::En,
                    _ => note("lang", &v, NoticeReason::UnknownLanguage),
                },
                "embed" => match v.as_str() {
                    "1" | "" => q.embed = true,
                    "0" => q.embed = false,
                    _ => note("embed", &v, NoticeReason::UnknownEmbed),
                },
                "th" => match v.as_str() {
                    "dark" => q.dark = true,
                    "light" => q.dark = false,
                    _ => note("th", &v, NoticeReason::UnknownTheme),
                },
                "dv" if crate::DataVersion::is_id(&v) => q.data_version = Some(v),
                "dv" => note("dv", &v, NoticeReason::NotADataVersion),
                "present" => match v.parse::<u16>() {
                    Ok(n) if (1..=crate::deck::MAX_SLIDES as u16).contains(&n) => {
                        q.present = Some(n);
                    }
                    _ => note("present", &v, NoticeReason::NotASlide),
                },
                _ => note(&k, &v, NoticeReason::UnknownParameter),
            }
        }
        if let Some(g) = explicit_groups {
            q.groups = g;
        }
        if index {
            match base {
                Some(base) => q.measure = Measure::Index { base },
                None => note("m", "index", NoticeReason::IndexWithoutBase),
            }
        }
        (q, notices)
    }

    /// The canonical query string: parameters in a fixed order, defaults left out.
    pub fn to_query_string(&self) -> String {
        let d = ChartQuery::default();
        let mut s = String::new();
        let mut push = |k: &str, v: &str| {
            s.push(if s.is_empty() { '?' } else { '&' });
            let _ = write!(s, "{k}={v}");
        };
        if let Some(i) = &self.indicator {
            push("i", i.as_str());
        }
        if let Measure::Index { base } = self.measure {
            push("m", "index");
            push("b", &base.to_string());
        }
        if !self.municipalities.is_empty() {
            let codes: Vec<&str> = self.municipalities.iter().map(|m| m.as_str()).collect();
            push("r", &codes.join(","));
        }
        if self.groups != d.groups {
            let groups: Vec<String> = self.groups.iter().map(|g| g.to_string()).collect();
            push("g", &groups.join(","));
        }
        if let Some((a, b)) = self.years {
            push("y", &format!("{a}-{b}"));
        }
        if let Some(t) = self.year {
            push("t", &t.to_string());
        }
        // Always: a link that names no view, indicator, region or profile opens the first
        // screen (a ranking), so a link made from any view says which one it is.
        let name = View::ALL
            .iter()
            .find(|(v, _)| *v == self.view)
            .map_or("series", |(_, s)| s);
        push("v", name);
        if self.scope != d.scope {
            push("s", "sweden");
        }
        if let Some(p) = &self.profile {
            push("p", p.as_str());
        }
        if self.lang != d.lang {
            push("lang", "en");
        }
        if self.embed {
            push("embed", "1");
        }
        if self.dark {
            push("th", "dark");
        }
        if let Some(dv) = &self.data_version {
            push("dv", dv);
        }
        if !self.deck.is_empty() {
            push("deck", &self.deck.to_param());
        }
        if let Some(n) = self.present {
            push("present", &n.to_string());
        }
        s
    }
}

/// Values as an index, `base` year = 100. Years without a value, and every year if the base
/// year has no value or is 0, are `None`.
pub fn index_values(years: &[u16], values: &[Option<f64>], base: u16) -> Vec<Option<f64>> {
    let base_value = years
        .iter()
        .position(|&y| y == base)
        .and_then(|i| values[i])
        .filter(|v| *v != 0.0);
    values
        .iter()
        .map(|v| Some(100.0 * (*v)? / base_value?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_id_is_checked_once_where_it_comes_in() {
        assert_eq!(
            IndicatorId::new("energy_industry_share").unwrap().as_str(),
            "energy_industry_share"
        );
        for bad in ["", "Energy", "a-b", "x;drop", &"a".repeat(65)] {
            assert!(IndicatorId::new(bad).is_err(), "{bad:?}");
        }
        let (q, notices) = ChartQuery::parse("i=%3Cb%3E");
        assert_eq!(q.indicator, None);
        assert_eq!(notices[0].reason, NoticeReason::NotAnIndicatorId);
    }

    fn codes(cs: &[&str]) -> Vec<MunicipalityCode> {
        cs.iter()
            .map(|c| MunicipalityCode::new(c).unwrap())
            .collect()
    }

    #[test]
    fn full_query_round_trips() {
        let q = ChartQuery {
            indicator: IndicatorId::new("energy_industry_share").ok(),
            measure: Measure::Index { base: 2009 },
            municipalities: codes(&["0181", "0382"]),
            groups: vec![GroupId::Network, GroupId::County(25)],
            years: Some((2009, 2020)),
            year: Some(2019),
            view: View::Ranking,
            scope: Scope::Sweden,
            profile: Some(MunicipalityCode::new("2584").unwrap()),
            lang: Lang::En,
            embed: true,
            dark: true,
            data_version: Some("0a1b2c3d".into()),
            deck: crate::deck::Deck {
                slides: vec![crate::deck::DeckSlide {
                    view: "i=population&v=ranking".into(),
                    title: Some("Folk".into()),
                }],
            },
            present: Some(1),
        };
        let s = q.to_query_string();
        assert_eq!(
            s,
            "?i=energy_industry_share&m=index&b=2009&r=0181,0382&g=network,lan25&y=2009-2020&t=2019&v=ranking&s=sweden&p=2584&lang=en&embed=1&th=dark&dv=0a1b2c3d&deck=i%3Dpopulation%26v%3Dranking~Folk&present=1"
        );
        assert_eq!(ChartQuery::parse(&s), (q, vec![]));
    }

    #[test]
    fn a_data_version_is_eight_hex_digits_or_a_notice() {
        for bad in [
            "0A1B2C3D",
            "0a1b2c3",
            "0a1b2c3d4",
            "0a1b2c3g",
            "<script>",
            "",
        ] {
            let (q, n) = ChartQuery::parse(&format!("dv={bad}"));
            assert_eq!(q.data_version, None, "{bad}");
            assert_eq!(n.len(), 1, "{bad}");
            assert_eq!(n[0].reason, NoticeReason::NotADataVersion);
        }
    }

    #[test]
    fn groups_are_parsed_once_and_written_back_the_same() {
        assert_eq!(GroupId::parse("network"), Some(GroupId::Network));
        assert_eq!(GroupId::parse("lan01"), Some(GroupId::County(1)));
        assert_eq!(
            GroupId::parse("lan25").map(|g| g.to_string()),
            Some("lan25".into())
        );
        assert_eq!(GroupId::County(3).county_code().as_deref(), Some("03"));
        for bad in [
            "lan1", "lan00", "lan26", "lan0a", "lan+1", "Network", "lan001", "",
        ] {
            assert_eq!(GroupId::parse(bad), None, "{bad}");
        }
        let (q, n) = ChartQuery::parse("g=lan25,network,lan25,lan99");
        assert_eq!(q.groups, [GroupId::County(25), GroupId::Network]);
        assert_eq!(n.len(), 1);
        assert_eq!(
            (n[0].value.as_str(), n[0].reason),
            ("lan99", NoticeReason::NotAGroup)
        );
    }

    #[test]
    fn the_bare_address_is_the_networks_ranking_and_every_link_names_its_view() {
        let (q, n) = ChartQuery::parse("");
        assert!(n.is_empty());
        assert_eq!(
            q,
            ChartQuery {
                view: View::Ranking,
                ..ChartQuery::default()
            }
        );
        assert_eq!(q.groups, vec![GroupId::Network]);
        assert_eq!(q.to_query_string(), "?v=ranking");
        assert_eq!(ChartQuery::parse("?lang=en").0.view, View::Ranking);
        assert_eq!(
            ChartQuery::parse("?th=dark&dv=6830e033").0.view,
            View::Ranking
        );
        // An older link that names what to show keeps its time series.
        for old in ["?r=0181", "?i=population", "?g=lan01", "?p=0181"] {
            assert_eq!(ChartQuery::parse(old).0.view, View::Series, "{old}");
        }
        let series = ChartQuery::default();
        assert_eq!(series.to_query_string(), "?v=series");
        assert_eq!(ChartQuery::parse(&series.to_query_string()).0, series);
        // Removing the network chip is a state of its own.
        let (q, _) = ChartQuery::parse("g=");
        assert!(q.groups.is_empty());
        assert_eq!(ChartQuery::parse(&q.to_query_string()).0, q);
    }

    #[test]
    fn bad_parameters_are_dropped_with_notices_and_the_rest_applies() {
        let (q, n) = ChartQuery::parse(
            "?i=energy_industry_share&r=0181,114,abcd,0382&y=2020-2009&v=pie&lang=de&zzz=1&m=index",
        );
        assert_eq!(
            q.indicator.as_ref().map(IndicatorId::as_str),
            Some("energy_industry_share")
        );
        assert_eq!(q.municipalities, codes(&["0181", "0382"]));
        assert_eq!(q.years, None);
        assert_eq!(q.view, View::Series);
        assert_eq!(q.lang, Lang::Sv);
        assert_eq!(q.measure, Measure::AsPublished);
        let bad: Vec<(&str, &str)> = n
            .iter()
            .map(|n| (n.param.as_str(), n.value.as_str()))
            .collect();
        assert_eq!(
            bad,
            vec![
                ("r", "114"),
                ("r", "abcd"),
                ("y", "2020-2009"),
                ("v", "pie"),
                ("lang", "de"),
                ("zzz", "1"),
                ("m", "index")
            ]
        );
        use NoticeReason::*;
        let reasons: Vec<NoticeReason> = n.iter().map(|n| n.reason).collect();
        assert_eq!(
            reasons,
            [
                NotAMunicipalityCode,
                NotAMunicipalityCode,
                NotAYearRange,
                UnknownView,
                UnknownLanguage,
                UnknownParameter,
                IndexWithoutBase
            ]
        );
        // Said in the page's language; English where the command line prints it.
        assert_eq!(UnknownView.text(Lang::Sv), "okänd vy");
        assert_eq!(
            IndexWithoutBase.to_string(),
            "an index needs a base year (b=YYYY)"
        );
    }

    #[test]
    fn hostile_values_never_become_ids() {
        let (q, n) = ChartQuery::parse("i=%3Cscript%3Ealert(1)%3C%2Fscript%3E&g=%22%3E");
        assert_eq!(q.indicator, None);
        assert_eq!(n[0].value, "<script>alert(1)</script>");
        assert_eq!(n.len(), 2);
        assert_eq!(
            q.to_query_string(),
            "?g=&v=series",
            "only the (emptied) group list and the view survive"
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%2Cb+c"), "a,b c");
        assert_eq!(percent_decode("%C3%96sthammar"), "Östhammar");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn index_with_base_year() {
        let years = [2009, 2010, 2011];
        assert_eq!(
            index_values(&years, &[Some(50.0), Some(75.0), None], 2009),
            vec![Some(100.0), Some(150.0), None]
        );
        assert_eq!(
            index_values(&years, &[None, Some(75.0), Some(1.0)], 2009),
            vec![None, None, None]
        );
        assert_eq!(
            index_values(&years, &[Some(0.0), Some(75.0), Some(1.0)], 2009),
            vec![None, None, None]
        );
        assert_eq!(
            index_values(&years, &[Some(1.0), Some(2.0), Some(3.0)], 2030),
            vec![None, None, None]
        );
    }
}
