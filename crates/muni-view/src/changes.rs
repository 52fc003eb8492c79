//! What changed for the indicator on screen since the data version a link was made on: the
//! sentence under the dashboard's notice "the link was made on other data".

use muni_model::changes::{ChangeEntry, ChangeRecord};
use muni_model::{IndicatorMeta, Lang, format_number};

/// The entries of `changes.json` (newest first) from today's back to the one that replaced
/// `since`: the records to read. `None` when `since` is not in the log (older than the log, or
/// a version of other data).
pub fn chain<'a>(entries: &'a [ChangeEntry], since: &str) -> Option<Vec<&'a ChangeEntry>> {
    let mut out = Vec::new();
    for e in entries {
        out.push(e);
        if e.from == since {
            return Some(out);
        }
    }
    None
}

/// What `records` changed for the indicator `id`, one phrase per kind of change.
fn parts(records: &[ChangeRecord], id: &str, lang: Lang) -> Vec<String> {
    let t = |sv: &str, en: &str| if lang == Lang::Sv { sv } else { en }.to_owned();
    let count = |list: fn(&ChangeRecord) -> &Vec<muni_model::changes::Change>| {
        records
            .iter()
            .flat_map(list)
            .filter(|c| c.indicator == id)
            .count()
    };
    let (revised, withheld, published) = (
        count(|r| &r.revised),
        count(|r| &r.withheld),
        count(|r| &r.published),
    );
    let mut years: Vec<u16> = records
        .iter()
        .filter_map(|r| r.years_added.get(id))
        .flatten()
        .copied()
        .collect();
    years.sort_unstable();
    years.dedup();
    let new = records
        .iter()
        .any(|r| r.indicators_added.iter().any(|i| i == id));
    let n = |k: usize| format_number(k as f64, 0, lang);
    let mut parts: Vec<String> = Vec::new();
    if new {
        parts.push(t("indikatorn är ny", "the indicator is new"));
    }
    if !years.is_empty() {
        let list: Vec<String> = years.iter().map(u16::to_string).collect();
        parts.push(match (years.len(), lang) {
            (1, Lang::Sv) => format!("året {} har tillkommit", list[0]),
            (1, Lang::En) => format!("the year {} is new", list[0]),
            (_, Lang::Sv) => format!("åren {} har tillkommit", list.join(", ")),
            (_, Lang::En) => format!("the years {} are new", list.join(", ")),
        });
    }
    for (k, sv1, svn, en1, enn) in [
        (
            revised,
            "värde har reviderats",
            "värden har reviderats",
            "value was revised",
            "values were revised",
        ),
        (
            withheld,
            "värde har blivit sekretess eller saknas",
            "värden har blivit sekretess eller saknas",
            "value became confidential or missing",
            "values became confidential or missing",
        ),
        (
            published,
            "värde har publicerats",
            "värden har publicerats",
            "value was published",
            "values were published",
        ),
    ] {
        if k > 0 {
            let words = match (k, lang) {
                (1, Lang::Sv) => sv1,
                (_, Lang::Sv) => svn,
                (1, Lang::En) => en1,
                (_, Lang::En) => enn,
            };
            parts.push(format!("{} {words}", n(k)));
        }
    }
    parts
}

/// One sentence on what `records` (the [`chain`] from `since`, read; `None` when it has none)
/// changed for `meta`: values revised, years added, values withheld or published, or that
/// nothing changed for it, or that the log cannot tell.
pub fn since_sentence(
    records: Option<&[ChangeRecord]>,
    since: &str,
    meta: &IndicatorMeta,
    lang: Lang,
) -> String {
    let title = meta.title.get(lang);
    let t = |sv: &str, en: &str| if lang == Lang::Sv { sv } else { en }.to_owned();
    let Some(records) = records else {
        return t(
            &format!(
                "Dataversion {since} finns inte i ändringsloggen, så vad som ändrats sedan dess kan inte sägas här; se Nytt i data."
            ),
            &format!(
                "Data version {since} is not in the change log, so what changed since cannot be said here; see What's new."
            ),
        );
    };
    let parts = parts(records, meta.id.as_str(), lang);
    if parts.is_empty() {
        return match lang {
            Lang::Sv => format!("Sedan dataversion {since} har inget ändrats för {title}."),
            Lang::En => format!("Since data version {since}, nothing has changed for {title}."),
        };
    }
    let and = t(" och ", " and ");
    let list = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
        _ => parts.concat(),
    };
    match lang {
        Lang::Sv => format!("Sedan dataversion {since}, för {title}: {list} (se Nytt i data)."),
        Lang::En => format!("Since data version {since}, for {title}: {list} (see What's new)."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{Spec, Synthetic, per_municipality, v};
    use muni_model::Status;
    use muni_model::changes::Change;

    fn entry(from: &str, to: &str) -> ChangeEntry {
        ChangeEntry {
            from: from.into(),
            to: to.into(),
            file: format!("changes/{to}.json"),
            indicators_added: 0,
            years_added: 0,
            revised: 0,
            withheld: 0,
            published: 0,
        }
    }

    fn change(indicator: &str, before: Status, after: Status) -> Change {
        Change {
            indicator: indicator.into(),
            region_code: "0181".into(),
            year: 2023,
            before: (before == Status::Ok).then_some(1.0),
            after: (after == Status::Ok).then_some(2.0),
            status_before: before,
            status_after: after,
        }
    }

    fn record(from: &str, to: &str) -> ChangeRecord {
        ChangeRecord {
            from: from.into(),
            to: to.into(),
            indicators_added: vec![],
            indicators_removed: vec![],
            years_added: Default::default(),
            revised: vec![],
            withheld: vec![],
            published: vec![],
        }
    }

    #[test]
    fn the_chain_runs_from_today_back_to_the_links_version() {
        let log = [entry("bbbbbbbb", "cccccccc"), entry("aaaaaaaa", "bbbbbbbb")];
        let to = |c: Option<Vec<&ChangeEntry>>| {
            c.map(|c| c.iter().map(|e| e.to.clone()).collect::<Vec<_>>())
        };
        assert_eq!(to(chain(&log, "bbbbbbbb")), Some(vec!["cccccccc".into()]));
        assert_eq!(
            to(chain(&log, "aaaaaaaa")),
            Some(vec!["cccccccc".into(), "bbbbbbbb".into()])
        );
        assert_eq!(to(chain(&log, "99999999")), None);
        assert_eq!(to(chain(&[], "aaaaaaaa")), None);
    }

    #[test]
    fn the_sentence_counts_what_changed_for_the_indicator_shown_only() {
        let f = Synthetic::new().indicator(
            Spec::new("share", muni_model::Unit::Percent)
                .title("Industrins andel", "Industry's share"),
            &per_municipality(|_, _| vec![v(1.0), v(2.0)]),
        );
        let (meta, _) = f.get("share");
        let mut newer = record("bbbbbbbb", "cccccccc");
        newer.revised = vec![
            change("share", Status::Ok, Status::Ok),
            change("share", Status::Ok, Status::Ok),
            change("other", Status::Ok, Status::Ok),
        ];
        newer.years_added.insert("share".into(), vec![2024]);
        let mut older = record("aaaaaaaa", "bbbbbbbb");
        older.withheld = vec![change("share", Status::Ok, Status::Confidential)];
        older.published = vec![change("other", Status::Missing, Status::Ok)];
        assert_eq!(
            since_sentence(
                Some(&[newer.clone(), older.clone()]),
                "aaaaaaaa",
                meta,
                Lang::Sv
            ),
            "Sedan dataversion aaaaaaaa, för Industrins andel: året 2024 har tillkommit, 2 värden har reviderats och 1 värde har blivit sekretess eller saknas (se Nytt i data)."
        );
        assert_eq!(
            since_sentence(Some(&[older]), "aaaaaaaa", meta, Lang::En),
            "Since data version aaaaaaaa, for Industry's share: 1 value became confidential or missing (see What's new)."
        );
        let mut other = record("aaaaaaaa", "bbbbbbbb");
        other.revised = vec![change("other", Status::Ok, Status::Ok)];
        assert_eq!(
            since_sentence(Some(&[other]), "aaaaaaaa", meta, Lang::Sv),
            "Sedan dataversion aaaaaaaa har inget ändrats för Industrins andel."
        );
        assert!(
            since_sentence(None, "99999999", meta, Lang::Sv)
                .contains("finns inte i ändringsloggen")
        );
    }
}
