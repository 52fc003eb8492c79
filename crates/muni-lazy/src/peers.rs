//! A municipality's peers as the dashboard shows them: a table (the municipality first, then
//! each peer with its distance and the values it was compared on, with their years), the
//! method, and a note when there are none. HTML text with every text escaped.

use muni_model::peers::{Peers, PeersFile};
use muni_model::{Catalog, Html, Lang};

use crate::number;

pub struct PeerView {
    pub html: Html,
    pub peers: Vec<String>,
}

fn tr(l: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

pub fn view(catalog: &Catalog, file: &PeersFile, code: &str, l: Lang) -> PeerView {
    let name = |c: &str| catalog.region_name(c, l);
    let mut h = Html::markup("<table data-testid=\"peers-table\"><thead><tr>");
    let head = |h: &mut Html, t: &str| {
        h.m("<th scope=\"col\">").t(t).m("</th>");
    };
    head(&mut h, tr(l, "Kommun", "Municipality"));
    head(&mut h, tr(l, "Avstånd", "Distance"));
    let mut decimals = Vec::new();
    for f in &file.features {
        let meta = catalog.indicator(&f.indicator);
        let title = meta.map_or(f.indicator.as_str(), |m| m.title.get(l));
        let unit = meta.map_or(String::new(), |m| m.unit.label().get(l).to_owned());
        let years = if f.first_year == f.last_year {
            f.last_year.to_string()
        } else {
            format!("{}–{}", f.first_year, f.last_year)
        };
        head(&mut h, &format!("{title} ({unit}), {years}"));
        decimals.push(meta.map_or(1, |m| m.unit.decimals()));
    }
    h.m("</tr></thead><tbody>");
    let row = |h: &mut Html, p: &Peers, distance: Option<f64>| {
        h.m("<tr data-code=\"")
            .t(p.code.as_str())
            .m("\"><th scope=\"row\">")
            .t(&name(p.code.as_str()))
            .m("</th><td>")
            .t(&distance.map_or_else(|| "–".into(), |d| number(d, 2, l)))
            .m("</td>");
        for ((v, y), d) in p.values.iter().zip(&p.years).zip(&decimals) {
            let text = match (v, y) {
                (Some(v), Some(y)) => format!("{} ({y})", number(*v, *d, l)),
                _ => "..".into(),
            };
            h.m("<td>").t(&text).m("</td>");
        }
        h.m("</tr>");
    };
    let note = |h: &mut Html, text: &str| {
        h.m("<p class=\"note\">")
            .t(&name(code))
            .t(": ")
            .t(text)
            .m("</p>");
    };
    let Some(me) = file.of(code) else {
        let mut h = Html::new();
        note(
            &mut h,
            tr(l, "inga uppgifter att jämföra.", "nothing to compare."),
        );
        return PeerView {
            html: h,
            peers: Vec::new(),
        };
    };
    row(&mut h, me, None);
    for p in &me.peers {
        if let Some(other) = file.of(p.code.as_str()) {
            row(&mut h, other, Some(p.distance));
        }
    }
    h.m("</tbody></table>");
    if me.peers.is_empty() {
        note(
            &mut h,
            tr(
                l,
                "för få publicerade värden (minst tre av indikatorerna behövs) för att välja jämförbara kommuner.",
                "too few published values (at least three of the indicators are needed) to choose peers.",
            ),
        );
    }
    h.m("<p class=\"method\">").t(file.method.get(l)).m("</p>");
    PeerView {
        html: h,
        peers: me
            .peers
            .iter()
            .map(|p| p.code.as_str().to_owned())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use muni_model::peers::{Feature, nearest};
    use muni_model::{MunicipalityCode, Text, Unit};
    use muni_view::fixture::{MUNICIPALITIES, Spec, Synthetic, v};

    /// A SYNTHETIC catalog with two feature indicators, and the peers file the build would
    /// write for it (`nearest`, as `publish.rs` calls it); Skövde without a value of the second.
    fn fixture() -> (Catalog, PeersFile) {
        let f = Synthetic::new()
            .indicator(
                Spec::new("share", Unit::Percent).title("Industrins andel", "Industry's share"),
                &[("1496", &[v(1.0), v(2.0)])],
            )
            .indicator(
                Spec::new("population", Unit::Persons).title("Folkmängd", "Population"),
                &[("1496", &[v(1.0), v(2.0)])],
            );
        let codes: Vec<MunicipalityCode> = MUNICIPALITIES
            .iter()
            .map(|(c, _)| MunicipalityCode::new(c).unwrap())
            .collect();
        let values: Vec<Vec<Option<f64>>> = (0..codes.len())
            .map(|k| {
                let x = k as f64;
                vec![
                    Some(10.0 + x * 1.3),
                    Some(5_000.0 * (1.0 + x)).filter(|_| k != 8),
                ]
            })
            .collect();
        let peers = nearest(&codes, &values, &[false, true], 3, 1);
        let municipalities = codes
            .iter()
            .zip(&values)
            .zip(peers)
            .map(|((code, vals), peers)| Peers {
                code: code.clone(),
                values: vals.clone(),
                years: vals.iter().map(|x| x.map(|_| 2020)).collect(),
                peers,
            })
            .collect();
        let file = PeersFile {
            schema_version: muni_model::SCHEMA_VERSION,
            method: Text::new("SYNTETISK metod", "SYNTHETIC method"),
            features: ["share", "population"]
                .iter()
                .map(|id| Feature {
                    indicator: (*id).into(),
                    first_year: 2016,
                    last_year: 2020,
                    log: *id == "population",
                })
                .collect(),
            municipalities,
        };
        (f.catalog, file)
    }

    #[test]
    fn a_municipality_first_then_its_peers_with_distance_and_values() {
        let (c, p) = fixture();
        let v = view(&c, &p, "2181", Lang::Sv);
        let me = p.of("2181").unwrap();
        assert_eq!(me.peers.len(), 3);
        assert_eq!(v.peers.len(), me.peers.len());
        assert!(v.html.as_str().starts_with("<table data-testid=\"peers-table\"><thead><tr><th scope=\"col\">Kommun</th><th scope=\"col\">Avstånd</th><th scope=\"col\">Industrins andel (procent), 2016–2020</th>"), "{}", v.html.as_str());
        // Sandviken's row first, then each peer in order, with the distance in Swedish format.
        let mut at = v.html.as_str().find("data-code=\"2181\"").unwrap();
        for peer in &me.peers {
            let i = v
                .html
                .as_str()
                .find(&format!("data-code=\"{}\"", peer.code.as_str()))
                .unwrap();
            assert!(i > at);
            at = i;
            assert!(
                v.html
                    .as_str()
                    .contains(&number(peer.distance, 2, Lang::Sv))
            );
        }
        assert!(
            v.html.as_str().contains("<th scope=\"row\">Sandviken</th><td>–</td><td>21,7 (2020)</td><td>50\u{a0}000 (2020)</td>"),
            "{}",
            v.html.as_str()
        );
        // A value the municipality lacks is said as such.
        let skovde = view(&c, &p, "1496", Lang::Sv);
        assert!(
            skovde
                .html
                .as_str()
                .contains("<th scope=\"row\">Skövde</th><td>–</td><td>20,4 (2020)</td><td>..</td>"),
            "{}",
            skovde.html.as_str()
        );
        let en = view(&c, &p, "2181", Lang::En);
        assert!(en.html.as_str().contains("<th scope=\"col\">Distance</th>"));
        // The method as the file tells it, in the language.
        assert!(
            en.html
                .as_str()
                .contains("<p class=\"method\">SYNTHETIC method</p>"),
            "{}",
            en.html.as_str()
        );
    }

    #[test]
    fn without_peers_the_reason_is_given() {
        let (c, mut p) = fixture();
        // Take one's values and peers away, as the build does where too few values are
        // published.
        let lonely = &mut p.municipalities[0];
        lonely.peers.clear();
        lonely.values.iter_mut().for_each(|v| *v = None);
        lonely.years.iter_mut().for_each(|y| *y = None);
        let code = lonely.code.as_str().to_owned();
        let v = view(&c, &p, &code, Lang::Sv);
        assert!(v.peers.is_empty());
        assert!(
            v.html.as_str().contains("för få publicerade värden"),
            "{}",
            v.html.as_str()
        );
    }
}
