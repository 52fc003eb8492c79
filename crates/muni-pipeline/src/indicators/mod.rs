//! The indicator definitions: what each indicator is computed from, and its metadata.

use muni_model::{Source, Text, Theme, Unit};

/// How an indicator is computed from normalised variables: `sum(numerator) × factor / denominator`.
#[derive(Debug, Clone)]
pub struct Definition {
    pub id: &'static str,
    pub theme: Theme,
    /// Variables added to form the numerator (usually one).
    pub numerator: &'static [&'static str],
    pub denominator: Option<&'static str>,
    pub factor: f64,
    pub unit: Unit,
    pub title: (&'static str, &'static str),
    pub definition: (&'static str, &'static str),
    /// The source line, with the retrieval dates `data/normalised/retrieved.csv` records.
    pub source: fn(&crate::retrieved::Retrieved) -> Source,
    pub notes: &'static [(&'static str, &'static str)],
    /// A rate the source publishes per municipality (the numerator is the rate itself): no
    /// sums, no network ratio, no index; the network median is its group figure.
    pub rate: bool,
    /// Whether rank 1 is the highest value (false: the lowest, as for unemployment).
    pub rank_descending: bool,
}

impl Definition {
    /// Additive indicators (counts, MWh, SEK) have a meaningful network sum; ratios get a
    /// network ratio of sums and a median.
    pub fn additive(&self) -> bool {
        self.denominator.is_none() && !self.rate
    }

    /// The indicator this is another measure of: the additive one with the same numerator in
    /// the same theme (`employment_industry` for its share and its figure per 1,000
    /// inhabitants). A rate or an indicator without such a base has none.
    pub fn measure_of(&self, all: &[Definition]) -> Option<&'static str> {
        if self.denominator.is_none() || self.rate {
            return None;
        }
        all.iter()
            .find(|d| {
                d.denominator.is_none()
                    && !d.rate
                    && d.theme == self.theme
                    && d.numerator == self.numerator
            })
            .map(|d| d.id)
    }

    pub fn title(&self) -> Text {
        Text::new(self.title.0, self.title.1)
    }

    pub fn definition_text(&self) -> Text {
        Text::new(self.definition.0, self.definition.1)
    }

    /// Employment: RAMS on monthly employer declarations from 2019, BAS from 2020. The catalog
    /// lists only the breaks with published years on both sides.
    pub fn breaks(&self) -> Vec<u16> {
        let employment = self
            .numerator
            .iter()
            .chain(&self.denominator)
            .any(|v| v.starts_with("employment."));
        if employment {
            vec![2019, 2020]
        } else {
            Vec::new()
        }
    }

    pub fn notes(&self) -> Vec<Text> {
        self.notes
            .iter()
            .map(|(sv, en)| Text::new(sv, en))
            .collect()
    }
}

mod employment;
mod energy;
mod procurement;
mod sources;

/// The variables of the rate indicators: never summed into a group figure.
pub fn rate_variables(defs: &[Definition]) -> Vec<String> {
    defs.iter()
        .filter(|d| d.rate)
        .flat_map(|d| d.numerator.iter().map(|v| v.to_string()))
        .collect()
}

/// Every indicator, in the order the catalog lists them.
pub fn definitions() -> Vec<Definition> {
    [
        employment::INDICATORS,
        procurement::INDICATORS,
        energy::INDICATORS,
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn ids_are_unique_and_themes_stay_together() {
        let defs = definitions();
        let ids: BTreeSet<&str> = defs.iter().map(|d| d.id).collect();
        assert_eq!(ids.len(), defs.len(), "an id is defined twice");
        for d in &defs {
            assert!(
                d.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}: an id is lowercase ASCII with underscores (it is in URLs and file names)",
                d.id
            );
        }
        // The catalog lists a theme's indicators together: a theme never comes back after
        // another one began.
        let mut seen: Vec<Theme> = Vec::new();
        for d in &defs {
            if seen.last() != Some(&d.theme) {
                assert!(!seen.contains(&d.theme), "{}: {:?} is split", d.id, d.theme);
                seen.push(d.theme);
            }
        }
    }

    #[test]
    fn rates_are_published_per_cent_figures_and_texts_exist_in_both_languages() {
        for d in definitions() {
            if d.rate {
                assert_eq!(
                    (d.unit, d.denominator, d.numerator.len(), d.factor),
                    (Unit::Percent, None, 1, 1.0),
                    "{}: a rate is one published per-cent variable",
                    d.id
                );
            }
            assert!(d.factor > 0.0, "{}", d.id);
            assert!(!d.numerator.is_empty(), "{}", d.id);
            for (sv, en) in [d.title, d.definition]
                .into_iter()
                .chain(d.notes.iter().copied())
            {
                assert!(
                    !sv.trim().is_empty() && !en.trim().is_empty() && sv != en,
                    "{}: {sv:?} / {en:?}",
                    d.id
                );
            }
            let s = (d.source)(&crate::retrieved::Retrieved::default());
            assert!(
                s.url.starts_with("https://") && !s.licence.is_empty(),
                "{}",
                d.id
            );
        }
    }

    #[test]
    fn measures_of_one_indicator_share_its_numerator_and_each_family_has_one_unit_per_measure() {
        let defs = definitions();
        let of = |id: &str| {
            defs.iter()
                .find(|d| d.id == id)
                .unwrap_or_else(|| panic!("{id}"))
                .measure_of(&defs)
        };
        assert_eq!(of("employment_industry_share"), Some("employment_industry"));
        assert_eq!(
            of("employment_industry_per_1000"),
            Some("employment_industry")
        );
        assert_eq!(
            of("energy_industry_share"),
            Some("energy_final_use_industry")
        );
        assert_eq!(
            of("procurement_value_per_inhabitant"),
            Some("procurement_value")
        );
        // A base, a rate and a share without a base of its own are entries of their own.
        assert_eq!(of("employment_industry"), None);
        assert_eq!(of("labour_unemployment_rate"), None);
        assert_eq!(of("electricity_production_hydro_wind_share"), None);
        // A measure menu tells its entries apart by unit: never two of one unit in a family.
        for base in defs.iter().filter(|d| d.measure_of(&defs).is_none()) {
            let mut units = vec![base.unit];
            for v in defs.iter().filter(|d| d.measure_of(&defs) == Some(base.id)) {
                assert!(
                    !units.contains(&v.unit),
                    "{}: two {:?} measures",
                    base.id,
                    v.unit
                );
                units.push(v.unit);
            }
        }
    }
}
