//! One indicator, several measures: the count, per inhabitant (or per 1,000 or 10,000), the
//! share, and the index of each. The catalog names each variant's base
//! (`IndicatorMeta::measure_of`); the indicator menu lists the bases, the measure menu a
//! family's measures and the index years of the one shown. A link still names the indicator
//! shown (`i=employment_industry_share`), so every link made before stays valid.

use muni_model::{Catalog, ChartQuery, IndicatorId, IndicatorMeta, Lang, Measure, Unit};

use crate::tr;

/// The indicator `meta` is a measure of (itself for a base or a lone indicator).
pub fn base<'a>(catalog: &'a Catalog, meta: &'a IndicatorMeta) -> &'a IndicatorMeta {
    meta.measure_of
        .as_ref()
        .and_then(|b| catalog.indicator(b.as_str()))
        .unwrap_or(meta)
}

/// `meta`'s family: its base first, then the base's other measures in catalog order.
pub fn family<'a>(catalog: &'a Catalog, meta: &'a IndicatorMeta) -> Vec<&'a IndicatorMeta> {
    let b = base(catalog, meta);
    std::iter::once(b)
        .chain(
            catalog
                .indicators
                .iter()
                .filter(|m| m.measure_of.as_ref() == Some(&b.id)),
        )
        .collect()
}

/// Whether the indicator menu lists `meta` (a base or a lone indicator; its variants are in
/// the measure menu).
pub fn in_menu(meta: &IndicatorMeta) -> bool {
    meta.measure_of.is_none()
}

/// A measure's name in the menu: "Andel av sysselsättningen" for a share whose title says of
/// what, else by its unit ("Antal personer", "MWh per invånare").
pub fn measure_name(meta: &IndicatorMeta, l: Lang) -> String {
    let title = meta.title.get(l);
    let of = match l {
        Lang::Sv => title
            .find(" andel av ")
            .map(|i| &title[i + " andel av ".len()..]),
        Lang::En => title
            .find(" share of ")
            .map(|i| &title[i + " share of ".len()..]),
    };
    if let (Unit::Percent, Some(of)) = (meta.unit, of) {
        return format!("{} {of}", tr(l, "Andel av", "Share of"));
    }
    let name = match meta.unit {
        Unit::Percent => tr(l, "Andel, procent", "Share, per cent"),
        Unit::Persons => tr(l, "Antal personer", "Number of people"),
        Unit::Count => tr(l, "Antal", "Number"),
        Unit::Sek => tr(l, "Kronor", "SEK"),
        Unit::Mwh => "MWh",
        Unit::PerThousandInhabitants => tr(l, "Per 1 000 invånare", "Per 1,000 inhabitants"),
        Unit::CountPer10000Inhabitants => tr(l, "Per 10 000 invånare", "Per 10,000 inhabitants"),
        Unit::SekPerInhabitant => tr(l, "Kronor per invånare", "SEK per inhabitant"),
        Unit::MwhPerInhabitant => tr(l, "MWh per invånare", "MWh per inhabitant"),
    };
    name.to_owned()
}

/// The indicator to show when the menu's `chosen` base is picked while `current` is shown:
/// the chosen family's measure in the current unit where it has one (per inhabitant stays
/// per inhabitant), else the base.
pub fn switch_to(
    catalog: &Catalog,
    current: Option<&IndicatorMeta>,
    chosen: &IndicatorMeta,
) -> IndicatorId {
    let unit = current.map(|c| c.unit);
    family(catalog, chosen)
        .into_iter()
        .find(|m| Some(m.unit) == unit)
        .unwrap_or(base(catalog, chosen))
        .id
        .clone()
}

/// One entry of the measure menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureOption {
    /// An indicator id (another measure of the family) or a base year (the index).
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What choosing a measure does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureChoice {
    /// Show this measure of the family, as published.
    Indicator(IndicatorId),
    /// Show the indicator on screen as an index with this base year.
    Index(u16),
}

impl MeasureChoice {
    /// A menu value: a year is an index, anything else an indicator id.
    pub fn parse(v: &str) -> Option<Self> {
        match v.parse::<u16>() {
            Ok(y) => Some(MeasureChoice::Index(y)),
            Err(_) => IndicatorId::new(v).ok().map(MeasureChoice::Indicator),
        }
    }

    /// The query with the choice made.
    pub fn apply(self, q: &mut ChartQuery) {
        match self {
            MeasureChoice::Index(base) => q.measure = Measure::Index { base },
            MeasureChoice::Indicator(id) => {
                q.indicator = Some(id);
                q.measure = Measure::AsPublished;
            }
        }
    }
}

/// The measure menu for `meta` as `q` shows it: each of the family's measures, then the index
/// years of the one shown (none for a rate, which is never indexed).
pub fn measure_options(
    catalog: &Catalog,
    meta: &IndicatorMeta,
    q: &ChartQuery,
) -> Vec<MeasureOption> {
    let l = q.lang;
    let members = family(catalog, meta);
    let mut out: Vec<MeasureOption> = members
        .iter()
        .map(|m| MeasureOption {
            value: m.id.to_string(),
            label: measure_name(m, l),
            selected: m.id == meta.id && q.measure == Measure::AsPublished,
        })
        .collect();
    if !meta.rate {
        let of = if members.len() > 1 {
            format!("{}, ", measure_name(meta, l))
        } else {
            String::new()
        };
        out.extend(meta.years.iter().map(|&y| MeasureOption {
            value: y.to_string(),
            label: if of.is_empty() {
                format!("Index {y} = 100")
            } else {
                format!("{of}index {y} = 100")
            },
            selected: q.measure == Measure::Index { base: y },
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{Spec, Synthetic, v};

    fn synthetic() -> Synthetic {
        let rows = [("0382", [v(1.0), v(2.0)])];
        let mut f = Synthetic::new()
            .indicator(
                Spec::new("jobs", Unit::Persons)
                    .additive()
                    .title("Sysselsatta i industrin", "Employed in industry"),
                &rows,
            )
            .indicator(
                Spec::new("jobs_share", Unit::Percent).title(
                    "Industrins andel av sysselsättningen",
                    "Industry's share of employment",
                ),
                &rows,
            )
            .indicator(
                Spec::new("jobs_per_1000", Unit::PerThousandInhabitants),
                &rows,
            )
            .indicator(Spec::new("rate", Unit::Percent).rate(), &rows)
            .indicator(Spec::new("energy", Unit::Mwh).additive(), &rows)
            .indicator(
                Spec::new("energy_per_inhabitant", Unit::MwhPerInhabitant),
                &rows,
            );
        for (id, base) in [
            ("jobs_share", "jobs"),
            ("jobs_per_1000", "jobs"),
            ("energy_per_inhabitant", "energy"),
        ] {
            let m = f
                .catalog
                .indicators
                .iter_mut()
                .find(|m| m.id == id)
                .unwrap();
            m.measure_of = Some(IndicatorId::new(base).unwrap());
        }
        f
    }

    #[test]
    fn a_family_is_its_base_then_its_measures_and_the_menu_lists_bases_only() {
        let f = synthetic();
        let c = &f.catalog;
        let share = c.indicator("jobs_share").unwrap();
        let ids: Vec<&str> = family(c, share).iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["jobs", "jobs_share", "jobs_per_1000"]);
        let menu: Vec<&str> = c
            .indicators
            .iter()
            .filter(|m| in_menu(m))
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(menu, ["jobs", "rate", "energy"]);
        assert_eq!(measure_name(share, Lang::Sv), "Andel av sysselsättningen");
        assert_eq!(measure_name(share, Lang::En), "Share of employment");
        assert_eq!(
            measure_name(c.indicator("jobs").unwrap(), Lang::Sv),
            "Antal personer"
        );
    }

    #[test]
    fn the_measure_menu_offers_the_familys_measures_then_the_index_of_the_one_shown() {
        let f = synthetic();
        let c = &f.catalog;
        let (mut q, _) = ChartQuery::parse("i=jobs_share");
        let opts = measure_options(c, c.indicator("jobs_share").unwrap(), &q);
        let values: Vec<&str> = opts.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(
            values,
            ["jobs", "jobs_share", "jobs_per_1000", "2019", "2020"]
        );
        assert_eq!(opts.iter().filter(|o| o.selected).count(), 1);
        assert!(opts[1].selected);
        assert_eq!(opts[3].label, "Andel av sysselsättningen, index 2019 = 100");
        // Choosing a measure shows it as published; choosing a year indexes the one shown.
        MeasureChoice::parse("2020").unwrap().apply(&mut q);
        assert_eq!(q.measure, Measure::Index { base: 2020 });
        MeasureChoice::parse("jobs_per_1000").unwrap().apply(&mut q);
        assert_eq!(
            (q.indicator.as_ref().map(|i| i.as_str()), q.measure),
            (Some("jobs_per_1000"), Measure::AsPublished)
        );
        // A lone indicator: its value and plain index labels; a rate: no index at all.
        let (q, _) = ChartQuery::parse("i=rate");
        let rate = measure_options(c, c.indicator("rate").unwrap(), &q);
        assert_eq!(rate.len(), 1);
        assert_eq!(rate[0].label, "Andel, procent");
    }

    #[test]
    fn switching_indicator_keeps_the_unit_where_the_new_family_has_it() {
        let f = synthetic();
        let c = &f.catalog;
        let per_1000 = c.indicator("jobs_per_1000").unwrap();
        let energy = c.indicator("energy").unwrap();
        // No per-1,000 energy: the base.
        assert_eq!(switch_to(c, Some(per_1000), energy).as_str(), "energy");
        let per_inh = c.indicator("energy_per_inhabitant").unwrap();
        assert_eq!(
            switch_to(c, Some(per_inh), energy).as_str(),
            "energy_per_inhabitant"
        );
        assert_eq!(
            switch_to(
                c,
                Some(c.indicator("jobs").unwrap()),
                c.indicator("jobs").unwrap()
            )
            .as_str(),
            "jobs"
        );
        assert_eq!(
            switch_to(c, None, c.indicator("rate").unwrap()).as_str(),
            "rate"
        );
    }
}
