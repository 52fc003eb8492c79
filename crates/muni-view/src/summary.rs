//! One or two generated sentences per view, in Swedish and English, that state the figures on
//! screen: where a municipality stands in the network (or Sweden), its value with unit, the
//! change since the first year shown, and Riket where the chart draws it. They serve as the
//! chart's text alternative, the caption under exported slides and copyable talking points.
//!
//! Honest by construction: a confidential value is said to be confidential and is not ranked, a
//! missing value is said to be missing, a tie is said to be shared, and a change is only stated
//! between two published values.

use muni_model::{
    Catalog, ChartQuery, IndicatorFile, IndicatorMeta, Lang, Measure, Scope, Series, Status, Unit,
    format_number,
};

use crate::series::{NETWORK_MEDIAN, RIKET, region_name};
use crate::tr;
use crate::view::{ranking_year, year_range};

/// The sentences of the view `q` (empty when the indicator has no year to speak of).
pub fn summary(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    file: &IndicatorFile,
    q: &ChartQuery,
) -> Vec<String> {
    let single_year = q.view.one_year();
    let (year, from) = if single_year {
        let Some(y) = ranking_year(meta, q) else {
            return Vec::new();
        };
        (y, meta.years.iter().rev().find(|&&p| p < y).copied())
    } else {
        let (a, b) = year_range(file, q);
        (b, (a < b).then_some(a))
    };
    let Some(i) = file.years.iter().position(|&y| y == year) else {
        return Vec::new();
    };
    let s = Say {
        catalog,
        meta,
        file,
        lang: q.lang,
        year,
        i,
        from,
        // A map shows all of Sweden.
        sweden: (q.scope == Scope::Sweden && single_year) || q.view.is_map(),
        one_year: single_year,
        index: match q.measure {
            Measure::Index { base } if !single_year && !meta.rate => Some(base),
            _ => None,
        },
    };
    let mut out = Vec::new();
    let mut selected = q.municipalities.iter().map(|m| m.as_str());
    if let Some(first) = selected.next() {
        out.push(s.municipality(first));
        if let Some(second) = selected.next() {
            out.push(s.short(second));
        }
    } else {
        out.push(s.network());
        if single_year && let Some(top) = s.top() {
            out.push(top);
        }
    }
    out.retain(|x| !x.is_empty());
    out
}

/// What the sentences are about.
struct Say<'a> {
    catalog: &'a Catalog,
    meta: &'a IndicatorMeta,
    file: &'a IndicatorFile,
    lang: Lang,
    year: u16,
    /// Index of `year` in the file.
    i: usize,
    /// The year a change is measured from.
    from: Option<u16>,
    /// Rank in Sweden rather than in the network.
    sweden: bool,
    /// Values shown as an index with this base year.
    index: Option<u16>,
    /// A ranking or map: the change in place since the year before is said too.
    one_year: bool,
}

/// `Industrins energianvändning` → `industrins energianvändning`, but `SCB…` stays. (Swedish
/// and ASCII letters only: the Unicode case tables would cost the dashboard 15 kB.)
pub fn lower_first(title: &str) -> String {
    let upper = |c: char| c.is_ascii_uppercase() || matches!(c, 'Å' | 'Ä' | 'Ö' | 'É');
    let mut c = title.chars();
    match (c.next(), c.next()) {
        (Some(a), Some(b)) if upper(a) && !upper(b) => {
            let lower = match a {
                'Å' => 'å',
                'Ä' => 'ä',
                'Ö' => 'ö',
                'É' => 'é',
                a => a.to_ascii_lowercase(),
            };
            let mut out = String::with_capacity(title.len());
            out.push(lower);
            out.push_str(&title[a.len_utf8()..]);
            out
        }
        _ => title.to_owned(),
    }
}

/// 1 → "högsta", 2 → "näst högsta", n → "7:e högsta"; from the other end for the last two.
fn ordinal(rank: u16, of: u16, desc: bool, lang: Lang) -> String {
    let (top, bottom) = match (desc, lang) {
        (true, Lang::Sv) => ("högsta", "lägsta"),
        (false, Lang::Sv) => ("lägsta", "högsta"),
        (true, Lang::En) => ("highest", "lowest"),
        (false, Lang::En) => ("lowest", "highest"),
    };
    let from_bottom = of.saturating_sub(rank) + 1;
    let (n, word) = if rank > 2 && from_bottom <= 2 && of > 4 {
        (from_bottom, bottom)
    } else {
        (rank, top)
    };
    match (n, lang) {
        (1, _) => word.to_owned(),
        (2, Lang::Sv) => format!("näst {word}"),
        (2, Lang::En) => format!("second {word}"),
        (3, Lang::Sv) => format!("tredje {word}"),
        (3, Lang::En) => format!("third {word}"),
        (n, Lang::Sv) => {
            let suffix = if matches!(n % 10, 1 | 2) && !matches!(n % 100, 11 | 12) {
                "a"
            } else {
                "e"
            };
            format!("{n}:{suffix} {word}")
        }
        (n, Lang::En) => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix} {word}")
        }
    }
}

/// `template` with each `{key}` replaced by its value. (One function for every sentence: a
/// `format!` per variant cost the dashboard's download several kB.)
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find('}') else {
            break;
        };
        match args.iter().find(|(k, _)| *k == &rest[1..j]) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[..=j]),
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

impl Say<'_> {
    fn title(&self) -> String {
        lower_first(self.meta.title.get(self.lang))
    }

    fn name(&self, code: &str) -> String {
        region_name(self.catalog, code, self.lang)
    }

    fn t(&self, sv: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, sv, en)
    }

    /// `1 234,5 MWh per invånare`, `12,3 %`, or `index 112,0 (2009 = 100)`.
    fn value(&self, s: &Series, v: f64) -> String {
        if let Some(base) = self.index {
            let b = self.file.years.iter().position(|&y| y == base);
            if let Some(b0) = b.and_then(|b| s.values[b]).filter(|b0| *b0 != 0.0) {
                let x = format_number(v / b0 * 100.0, 1, self.lang);
                return fill(
                    "index {x} ({b} = 100)",
                    &[("x", &x), ("b", &base.to_string())],
                );
            }
        }
        let mut n = format_number(v, self.meta.unit.decimals(), self.lang);
        match self.meta.unit {
            // A no-break space before % (Swedish), none in English.
            Unit::Percent => n.push_str(self.t("\u{a0}%", "%")),
            // A count is of what the title says ("annonserade upphandlingar 2021 (20)"), not
            // "(20 antal)".
            Unit::Count => {}
            u => {
                n.push(' ');
                n.push_str(u.label().get(self.lang));
            }
        }
        n
    }

    fn published(&self, s: &Series, i: usize) -> Option<f64> {
        (s.status[i] == Status::Ok
            || (s.region.as_str() == NETWORK_MEDIAN && s.values[i].is_some()))
        .then_some(s.values[i])
        .flatten()
    }

    /// `; +12,3 % sedan 2010` between two published values (from the first year shown, or the
    /// first after it with a value), else nothing.
    fn change(&self, s: &Series, now: f64) -> String {
        let Some(start) = self.from else {
            return String::new();
        };
        let Some((from, then)) = (0..self.i)
            .filter(|&j| self.file.years[j] >= start)
            .find_map(|j| Some((self.file.years[j], self.published(s, j)?)))
            .filter(|(_, t)| *t != 0.0)
        else {
            return String::new();
        };
        // A share changes in percentage points; anything else in per cent of itself.
        let (d, tpl) = if self.meta.unit == Unit::Percent && self.index.is_none() {
            (
                now - then,
                self.t(
                    "; {s}{n} procentenheter sedan {y}",
                    "; {s}{n} percentage points since {y}",
                ),
            )
        } else {
            (
                (now - then) / then.abs() * 100.0,
                self.t("; {s}{n}\u{a0}% sedan {y}", "; {s}{n}% since {y}"),
            )
        };
        let sign = if d > 0.0 {
            "+"
        } else if d < 0.0 {
            "\u{2212}"
        } else {
            "±"
        };
        let n = format_number(d.abs(), 1, self.lang);
        fill(tpl, &[("s", sign), ("n", &n), ("y", &from.to_string())])
    }

    /// ` Riket: 12,3 MWh per invånare.` where the chart draws Riket (ratios), else nothing.
    fn riket(&self) -> String {
        if self.meta.additive || self.index.is_some() {
            return String::new();
        }
        let Some(r) = self.file.series(RIKET) else {
            // A rate the source gives per municipality only: said, not left out silently.
            return if self.meta.rate {
                self.t(
                    " Riket: uppgift saknas i källan.",
                    " Sweden: not available in the source.",
                )
                .to_owned()
            } else {
                String::new()
            };
        };
        match self.published(r, self.i) {
            Some(v) => fill(
                self.t(" Riket: {v}.", " Sweden: {v}."),
                &[("v", &self.value(r, v))],
            ),
            None => String::new(),
        }
    }

    /// The rank of `s` in the scope, how many are ranked, whether another shares it, and
    /// whether the scope is Sweden.
    fn rank(&self, s: &Series) -> Option<(u16, u16, bool, bool)> {
        let i = self.i;
        let (rank, sweden) = match (s.rank_network[i], self.sweden) {
            (Some(r), false) => (r, false),
            _ => (s.rank_national[i]?, true),
        };
        let scope = if sweden {
            Scope::Sweden
        } else {
            Scope::Network
        };
        let ranks = |x: &Series| x.rank(scope, i);
        let of = self.file.ranked(scope, i) as u16;
        let tied = self
            .file
            .series
            .iter()
            .any(|x| x.region != s.region && ranks(x) == Some(rank));
        Some((rank, of, tied, sweden))
    }

    fn unpublished(&self, name: &str, st: Status) -> String {
        let tpl = if st == Status::Confidential {
            self.t(
                "{name}: värdet för {t} {y} är sekretessbelagt (för få företag) och rangordnas inte.",
                "{name}: the {y} value of {t} is confidential (too few companies) and is not ranked.",
            )
        } else {
            self.t(
                "{name} har inget publicerat värde för {t} {y}.",
                "{name} has no published value of {t} in {y}.",
            )
        };
        fill(
            tpl,
            &[
                ("name", name),
                ("t", &self.title()),
                ("y", &self.year.to_string()),
            ],
        )
    }

    /// The main sentence about a municipality.
    fn municipality(&self, code: &str) -> String {
        let name = self.name(code);
        let Some(s) = self.file.series(code) else {
            return self.unpublished(&name, Status::Missing);
        };
        let (Some(v), Some((rank, of, tied, sweden))) = (self.published(s, self.i), self.rank(s))
        else {
            return self.unpublished(&name, s.status[self.i]);
        };
        // The ordinal is said at the ends of the ranking; in between, the place is enough.
        let ends = rank <= 3 || of.saturating_sub(rank) < 2;
        let tpl = match (of == 1, tied) {
            (false, false) if !ends => self.t(
                "{name} har plats {rank} av {of} {in} för {t} {y} ({value})",
                "{name} ranks {rank} of {of} {in} for {t} in {y} ({value})",
            ),
            (true, _) => self.t(
                "{name} är den enda i {where} med ett publicerat värde för {t} {y} ({value})",
                "{name} is the only one in {where} with a published value of {t} in {y} ({value})",
            ),
            (false, false) => self.t(
                "{name} har {whose} {place} värde för {t} {y} ({value}), plats {rank} av {of}",
                "{name} has {whose} {place} value of {t} in {y} ({value}), rank {rank} of {of}",
            ),
            (false, true) => self.t(
                "{name} delar {whose} {place} värde för {t} {y} ({value}), plats {rank} av {of}",
                "{name} shares {whose} {place} value of {t} in {y} ({value}), rank {rank} of {of}",
            ),
        };
        let (whose, place) = if sweden {
            (self.t("Sveriges", "Sweden's"), self.t("Sverige", "Sweden"))
        } else {
            (
                self.t("nätverkets", "the network's"),
                self.t("nätverket", "the network"),
            )
        };
        let within = if sweden {
            self.t("i Sverige", "in Sweden")
        } else {
            self.t("i nätverket", "in the network")
        };
        let mut out = fill(
            tpl,
            &[
                ("name", &name),
                ("in", within),
                ("where", place),
                ("whose", whose),
                (
                    "place",
                    &ordinal(rank, of, self.meta.rank_descending, self.lang),
                ),
                ("t", &self.title()),
                ("y", &self.year.to_string()),
                ("value", &self.value(s, v)),
                ("rank", &rank.to_string()),
                ("of", &of.to_string()),
            ],
        );
        out.push_str(&self.change(s, v));
        out.push_str(&self.moved(s, rank, sweden));
        out.push('.');
        out.push_str(&self.riket());
        out
    }

    /// In a ranking or map: `; upp 2 platser sedan 2018` (or down, or the same place).
    fn moved(&self, s: &Series, now: u16, sweden: bool) -> String {
        let (Some(from), true) = (self.from, self.one_year) else {
            return String::new();
        };
        let Some(j) = self.file.years.iter().position(|&y| y == from) else {
            return String::new();
        };
        let scope = if sweden {
            Scope::Sweden
        } else {
            Scope::Network
        };
        let Some(before) = s.rank(scope, j) else {
            return String::new();
        };
        let d = i32::from(before) - i32::from(now);
        let tpl = match (d.signum(), d.abs() == 1) {
            (0, _) => self.t("; samma plats som {y}", "; the same rank as in {y}"),
            (1, true) => self.t("; upp 1 plats sedan {y}", "; up 1 place since {y}"),
            (1, false) => self.t("; upp {k} platser sedan {y}", "; up {k} places since {y}"),
            (_, true) => self.t("; ned 1 plats sedan {y}", "; down 1 place since {y}"),
            _ => self.t("; ned {k} platser sedan {y}", "; down {k} places since {y}"),
        };
        fill(
            tpl,
            &[("k", &d.abs().to_string()), ("y", &from.to_string())],
        )
    }

    /// A second municipality, briefly.
    fn short(&self, code: &str) -> String {
        let name = self.name(code);
        let Some(s) = self.file.series(code) else {
            return self.unpublished(&name, Status::Missing);
        };
        let (Some(v), Some((rank, of, _, sweden))) = (self.published(s, self.i), self.rank(s))
        else {
            return self.unpublished(&name, s.status[self.i]);
        };
        let place = if sweden {
            self.t("i Sverige", "in Sweden")
        } else {
            self.t("i nätverket", "in the network")
        };
        fill(
            self.t(
                "{name}: plats {rank} av {of} {where} ({value}){change}.",
                "{name}: rank {rank} of {of} {where} ({value}){change}.",
            ),
            &[
                ("name", &name),
                ("rank", &rank.to_string()),
                ("of", &of.to_string()),
                ("where", place),
                ("value", &self.value(s, v)),
                ("change", &self.change(s, v)),
            ],
        )
    }

    /// The network as a whole: its median (the line every chart draws).
    fn network(&self) -> String {
        let members = self.file.network.len();
        let Some(m) = self.file.series(NETWORK_MEDIAN) else {
            return String::new();
        };
        let (t, y) = (self.title(), self.year.to_string());
        let Some(v) = self.published(m, self.i) else {
            return fill(
                self.t(
                    "Nätverkets median för {t} {y} saknas: för få medlemmar har ett publicerat värde.",
                    "The network's median of {t} in {y} is missing: too few members have a published value.",
                ),
                &[("t", &t), ("y", &y)],
            );
        };
        let reported = self.file.ranked(Scope::Network, self.i);
        let tpl = if reported == members {
            self.t(
                "Nätverkets median för {t} {y}: {value}{change}.",
                "The network's median of {t} in {y}: {value}{change}.",
            )
        } else {
            self.t(
                "Nätverkets median för {t} {y}: {value}, över de {n} av {of} medlemmar som har ett publicerat värde{change}.",
                "The network's median of {t} in {y}: {value}, over the {n} of {of} members with a published value{change}.",
            )
        };
        let mut change = self.change(m, v);
        // A median over other members than the year compared with: said, not hidden.
        let then = self.from.and_then(|start| {
            (0..self.i)
                .filter(|&j| self.file.years[j] >= start)
                .find(|&j| self.published(m, j).is_some_and(|t| t != 0.0))
        });
        if let Some(j) = then.filter(|_| !change.is_empty()) {
            let has = |s: &Series, k: usize| s.rank(Scope::Network, k).is_some();
            let same = self.file.series.iter().all(|s| has(s, j) == has(s, self.i));
            if !same {
                let before = self.file.ranked(Scope::Network, j);
                change.push_str(&fill(
                    self.t(
                        " (då över {n} av {of} medlemmar: inte samma kommuner)",
                        " (then over {n} of {of} members: not the same municipalities)",
                    ),
                    &[("n", &before.to_string()), ("of", &members.to_string())],
                ));
            }
        }
        let mut out = fill(
            tpl,
            &[
                ("t", &t),
                ("y", &y),
                ("value", &self.value(m, v)),
                ("change", &change),
                ("n", &reported.to_string()),
                ("of", &members.to_string()),
            ],
        );
        out.push_str(&self.riket());
        out
    }

    /// The first of the ranking (a ranking or map view without a selection).
    fn top(&self) -> Option<String> {
        let scope = if self.sweden {
            Scope::Sweden
        } else {
            Scope::Network
        };
        let ranked = |x: &&Series| x.rank(scope, self.i);
        let firsts: Vec<&Series> = self
            .file
            .series
            .iter()
            .filter(|x| ranked(x) == Some(1))
            .collect();
        let first = firsts.first()?;
        let v = self.published(first, self.i)?;
        // Praise only where it means something: among at least three, not a place most of
        // them share (a list of twenty "highest"), and not a zero that means "none".
        let n = self.file.ranked(scope, self.i);
        if n < 3 || firsts.len() * 2 > n || firsts.len() > 3 || v == 0.0 {
            return None;
        }
        let mut names: Vec<String> = firsts
            .iter()
            .map(|x| self.name(x.region.as_str()))
            .collect();
        let last = names.pop()?;
        let names = if names.is_empty() {
            last
        } else {
            let mut all = names.join(", ");
            all.push_str(self.t(" och ", " and "));
            all.push_str(&last);
            all
        };
        let place = if self.sweden {
            self.t("i Sverige", "in Sweden")
        } else {
            self.t("i nätverket", "in the network")
        };
        Some(fill(
            "{word} {where}: {names} ({value}).",
            &[
                (
                    "word",
                    &capitalise(&ordinal(1, 2, self.meta.rank_descending, self.lang)),
                ),
                ("where", place),
                ("names", &names),
                ("value", &self.value(first, v)),
            ],
        ))
    }
}

/// The ordinal words are ASCII ("högsta" starts with h).
fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(f) = out.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{Spec, Synthetic, V};

    const NAMES: [(&str, &str); 5] = [
        ("0181", "Södertälje"),
        ("0382", "Östhammar"),
        ("1382", "Falkenberg"),
        ("2284", "Örnsköldsvik"),
        ("0180", "Stockholm"),
    ];

    /// A region's code, values and statuses for 2019 and 2020.
    type Row<'a> = (&'a str, [Option<f64>; 2], [Status; 2]);

    /// SYNTHETIC values: four members and one non-member, two years (`fixture::Synthetic`
    /// with these municipalities).
    fn fixture(
        unit: Unit,
        additive: bool,
        rows: &[Row],
    ) -> (Catalog, IndicatorMeta, IndicatorFile) {
        let mut spec = Spec::new("x", unit).title(
            "Industrins energianvändning per invånare",
            "Industry's energy use per inhabitant",
        );
        if additive {
            spec = spec.additive();
        }
        let rows: Vec<(&str, Vec<V>)> = rows
            .iter()
            .map(|(c, values, status)| {
                let vals = values
                    .iter()
                    .zip(status)
                    .map(|(x, st)| match (x, st) {
                        (Some(x), Status::Ok) => V::Ok(*x),
                        (Some(x), Status::Incomplete) => V::Incomplete(*x),
                        (_, Status::Confidential) => V::Confidential,
                        _ => V::Missing,
                    })
                    .collect();
                (*c, vals)
            })
            .collect();
        let f = Synthetic::with(&NAMES, &["0181", "0382", "1382", "2284"]).indicator(spec, &rows);
        let (meta, file) = f.get("x");
        (f.catalog.clone(), meta.clone(), file.clone())
    }

    const OK: [Status; 2] = [Status::Ok, Status::Ok];

    fn say(f: &(Catalog, IndicatorMeta, IndicatorFile), query: &str) -> Vec<String> {
        let (q, notices) = ChartQuery::parse(query);
        assert!(notices.is_empty(), "{notices:?}");
        summary(&f.0, &f.1, &f.2, &q)
    }

    fn standard() -> (Catalog, IndicatorMeta, IndicatorFile) {
        fixture(
            Unit::MwhPerInhabitant,
            false,
            &[
                ("0181", [Some(10.0), Some(12.0)], OK),
                ("0382", [Some(40.0), Some(50.0)], OK),
                (
                    "1382",
                    [Some(5.0), None],
                    [Status::Ok, Status::Confidential],
                ),
                ("2284", [None, Some(3.0)], [Status::Missing, Status::Ok]),
                ("0180", [Some(1.0), Some(60.0)], OK),
                ("00", [Some(7.0), Some(7.5)], OK),
                ("network_median", [Some(7.5), Some(12.0)], OK),
            ],
        )
    }

    #[test]
    fn a_count_is_said_without_the_word_number_and_a_share_with_a_no_break_space() {
        let rows = [
            ("0181", [Some(10.0), Some(12.0)], OK),
            ("0382", [Some(40.0), Some(50.0)], OK),
            ("1382", [Some(5.0), Some(6.0)], OK),
            ("network_median", [Some(10.0), Some(12.0)], OK),
        ];
        let count = fixture(Unit::Count, true, &rows);
        let s = say(&count, "r=0382").join(" ");
        assert!(s.contains("2020 (50)") && !s.contains("antal"), "{s}");
        let share = fixture(Unit::Percent, false, &rows);
        let s = say(&share, "r=0382").join(" ");
        assert!(s.contains("(50,0\u{a0}%)") && !s.contains(" %"), "{s}");
    }

    #[test]
    fn a_leader_with_change_and_riket_in_both_languages() {
        let f = standard();
        assert_eq!(
            say(&f, "r=0382"),
            [
                "Östhammar har nätverkets högsta värde för industrins energianvändning per invånare 2020 (50,0 MWh per invånare), plats 1 av 3; +25,0\u{a0}% sedan 2019. Riket: 7,5 MWh per invånare."
            ]
        );
        assert_eq!(
            say(&f, "r=0382&lang=en"),
            [
                "Östhammar has the network's highest value of industry's energy use per inhabitant in 2020 (50.0 MWh per inhabitant), rank 1 of 3; +25.0% since 2019. Sweden: 7.5 MWh per inhabitant."
            ]
        );
    }

    #[test]
    fn a_rate_without_riket_says_so_and_is_never_indexed() {
        // SYNTHETIC rates, municipalities and the median only, as the skills panel has them.
        let (mut catalog, mut meta, file) = fixture(
            Unit::Percent,
            false,
            &[
                ("0181", [Some(78.0), Some(79.5)], OK),
                ("0382", [Some(82.0), Some(83.0)], OK),
                ("network_median", [Some(80.0), Some(81.25)], OK),
            ],
        );
        meta.rate = true;
        catalog.indicators[0].rate = true;
        let f = (catalog, meta, file);
        let sv = say(&f, "r=0382");
        assert!(
            sv[0].ends_with("+1,0 procentenheter sedan 2019. Riket: uppgift saknas i källan."),
            "{sv:?}"
        );
        let en = say(&f, "r=0382&lang=en");
        assert!(
            en[0].ends_with("Sweden: not available in the source."),
            "{en:?}"
        );
        // An index asked in the URL is not applied to a rate: the same sentence as the values.
        assert_eq!(say(&f, "r=0382&m=index&b=2019"), sv);
    }

    #[test]
    fn a_ranking_says_the_change_in_place() {
        let f = standard();
        assert_eq!(
            say(&f, "r=0382&v=ranking"),
            [
                "Östhammar har nätverkets högsta värde för industrins energianvändning per invånare 2020 (50,0 MWh per invånare), plats 1 av 3; +25,0\u{a0}% sedan 2019; samma plats som 2019. Riket: 7,5 MWh per invånare."
            ]
        );
        // Södertälje: second of three in 2019 and in 2020 in the network; in Sweden it fell
        // behind Stockholm (1,0 → 60,0).
        let s = say(&f, "r=0181&v=ranking&s=sweden&lang=en");
        assert!(s[0].contains("; down 1 place since 2019."), "{s:?}");
    }

    #[test]
    fn second_and_last_places_and_a_second_municipality() {
        let f = standard();
        let s = say(&f, "r=0181,2284");
        assert_eq!(s.len(), 2);
        assert!(
            s[0].starts_with("Södertälje har nätverkets näst högsta värde för"),
            "{s:?}"
        );
        assert!(
            s[0].contains("plats 2 av 3; +20,0\u{a0}% sedan 2019."),
            "{s:?}"
        );
        // Örnsköldsvik had no 2019 value: no change is stated.
        assert_eq!(
            s[1],
            "Örnsköldsvik: plats 3 av 3 i nätverket (3,0 MWh per invånare)."
        );
        // Out of the network: its place in Sweden.
        let s = say(&f, "r=0180&lang=en");
        assert!(
            s[0].starts_with("Stockholm has Sweden's highest value of"),
            "{s:?}"
        );
        assert!(s[0].contains("rank 1 of 4"), "{s:?}");
    }

    #[test]
    fn confidential_and_missing_values_are_said_not_ranked() {
        let f = standard();
        assert_eq!(
            say(&f, "r=1382"),
            [
                "Falkenberg: värdet för industrins energianvändning per invånare 2020 är sekretessbelagt (för få företag) och rangordnas inte."
            ]
        );
        assert_eq!(
            say(&f, "r=2284&y=2019-2019&lang=en"),
            [
                "Örnsköldsvik has no published value of industry's energy use per inhabitant in 2019."
            ]
        );
    }

    #[test]
    fn ties_are_shared() {
        let f = fixture(
            Unit::Percent,
            true,
            &[
                ("0181", [Some(10.0), Some(30.0)], OK),
                ("0382", [Some(40.0), Some(30.0)], OK),
                ("1382", [Some(5.0), Some(2.0)], OK),
                ("2284", [Some(5.0), Some(1.0)], OK),
                ("00", [Some(7.0), Some(7.5)], OK),
            ],
        );
        let s = say(&f, "r=0181");
        // Additive: Riket is not on the chart and not in the sentence.
        assert_eq!(
            s,
            [
                "Södertälje delar nätverkets högsta värde för industrins energianvändning per invånare 2020 (30,0\u{a0}%), plats 1 av 4; +20,0 procentenheter sedan 2019."
            ]
        );
        let s = say(&f, "r=0382&lang=en");
        assert!(
            s[0].starts_with("Östhammar shares the network's highest value"),
            "{s:?}"
        );
        assert!(
            s[0].contains("(30.0%), rank 1 of 4; \u{2212}10.0 percentage points since 2019."),
            "{s:?}"
        );
        // The ranking view without a selection names both leaders.
        let s = say(&f, "v=ranking");
        assert_eq!(
            s.last().unwrap(),
            "Högsta i nätverket: Södertälje och Östhammar (30,0\u{a0}%)."
        );
    }

    #[test]
    fn a_single_ranked_municipality_and_the_network_as_a_whole() {
        let f = fixture(
            Unit::MwhPerInhabitant,
            false,
            &[
                ("0181", [Some(10.0), Some(12.0)], OK),
                ("0382", [None, None], [Status::Confidential; 2]),
                ("1382", [None, None], [Status::Missing; 2]),
                ("2284", [None, None], [Status::Missing; 2]),
                (
                    "network_median",
                    [Some(10.0), Some(12.0)],
                    [Status::Incomplete; 2],
                ),
            ],
        );
        assert_eq!(
            say(&f, "r=0181"),
            [
                "Södertälje är den enda i nätverket med ett publicerat värde för industrins energianvändning per invånare 2020 (12,0 MWh per invånare); +20,0\u{a0}% sedan 2019."
            ]
        );
        assert_eq!(
            say(&f, "lang=en"),
            [
                "The network's median of industry's energy use per inhabitant in 2020: 12.0 MWh per inhabitant, over the 1 of 4 members with a published value; +20.0% since 2019."
            ],
            "the only one with a value is not praised as the highest"
        );
        let full = standard();
        // 2019's median was over Södertälje, Östhammar and Falkenberg, 2020's over Södertälje,
        // Östhammar and Örnsköldsvik: three each, but not the same three, and that is said.
        let median = "Nätverkets median för industrins energianvändning per invånare 2020: 12,0 MWh per invånare, över de 3 av 4 medlemmar som har ett publicerat värde; +60,0\u{a0}% sedan 2019 (då över 3 av 4 medlemmar: inte samma kommuner). Riket: 7,5 MWh per invånare.";
        assert_eq!(say(&full, "v=series"), [median]);
        // The first screen (a ranking) names the leader among three.
        assert_eq!(
            say(&full, ""),
            [
                median,
                "Högsta i nätverket: Östhammar (50,0 MWh per invånare)."
            ]
        );
    }

    #[test]
    fn an_index_states_the_index_on_screen() {
        let f = standard();
        let s = say(&f, "r=0382&m=index&b=2019");
        assert!(s[0].contains("(index 125,0 (2019 = 100))"), "{s:?}");
        assert!(!s[0].contains("Riket"), "Riket is not on an index chart");
    }

    #[test]
    fn titles_lose_their_capital_but_not_an_acronym() {
        assert_eq!(lower_first("Industrins andel"), "industrins andel");
        assert_eq!(lower_first("Årlig elproduktion"), "årlig elproduktion");
        assert_eq!(lower_first("SCB:s tabell"), "SCB:s tabell");
        assert_eq!(capitalise("högsta"), "Högsta");
    }

    #[test]
    fn templates_are_filled_and_unknown_keys_kept() {
        assert_eq!(fill("{a} och {b}", &[("a", "x"), ("b", "y")]), "x och y");
        assert_eq!(fill("{c} {a", &[("a", "x")]), "{c} {a");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(7, 24, true, Lang::Sv), "7:e högsta");
        assert_eq!(ordinal(21, 40, true, Lang::Sv), "21:a högsta");
        assert_eq!(ordinal(11, 40, true, Lang::Sv), "11:e högsta");
        assert_eq!(ordinal(22, 40, true, Lang::En), "22nd highest");
        assert_eq!(ordinal(12, 40, true, Lang::En), "12th highest");
        assert_eq!(ordinal(24, 24, true, Lang::Sv), "lägsta");
        assert_eq!(ordinal(23, 24, true, Lang::En), "second lowest");
        assert_eq!(ordinal(1, 24, false, Lang::En), "lowest");
    }
}

#[cfg(test)]
mod synthetic {
    use super::*;
    use crate::fixture::{C, Spec, Synthetic, per_municipality, v};

    /// A SYNTHETIC share over 2017–2020: municipality `k` at `k` per cent (+0.5 a year),
    /// Skövde withheld in 2017 and 2018.
    fn share() -> Synthetic {
        let rows = per_municipality(|k, c| {
            (0..4)
                .map(|i| match (c, i) {
                    ("1496", 0 | 1) => C,
                    _ => v(k as f64 + 0.5 * f64::from(i)),
                })
                .collect()
        });
        Synthetic::new().indicator(
            Spec::new("share", Unit::Percent)
                .title(
                    "Industrins andel av energianvändningen",
                    "Industry's share of energy use",
                )
                .years(2017..=2020),
            &rows,
        )
    }

    #[test]
    fn a_middle_place_on_the_map_is_said_as_a_place() {
        let f = share();
        let (meta, file) = f.get("share");
        let (q, _) = ChartQuery::parse("i=share&v=map&t=2020&r=2181");
        let s = summary(&f.catalog, meta, file, &q);
        // Sandviken is the 10th of 14 values, so 5th from the top.
        assert!(
            s[0].starts_with("Sandviken har plats 5 av 14 i Sverige för industrins andel av energianvändningen 2020 ("),
            "{s:?}"
        );
        assert!(
            s[0].ends_with("(10,5\u{a0}%); +0,5 procentenheter sedan 2019; samma plats som 2019."),
            "{s:?}"
        );
    }

    #[test]
    fn a_change_is_measured_from_the_first_published_year_shown() {
        let f = share();
        let (meta, file) = f.get("share");
        let (q, _) = ChartQuery::parse("i=share&r=1496&y=2017-2020");
        let s = summary(&f.catalog, meta, file, &q);
        assert!(s[0].contains("+0,5 procentenheter sedan 2019."), "{s:?}");
    }
}
