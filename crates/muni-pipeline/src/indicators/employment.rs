//! Employment (BAS 2020– embedded; RAMS before 2020 through the fetcher) and skills and labour supply (rates as published, 2018–2024).

use muni_model::{Theme, Unit};

use super::Definition;
use super::sources::*;

pub(super) const INDICATORS: &[Definition] = &[
    Definition {
        id: "employment_industry_share",
        theme: Theme::Employment,
        numerator: &["employment.b_c"],
        denominator: Some("employment.total"),
        factor: 100.0,
        unit: Unit::Percent,
        title: (
            "Industrins andel av sysselsättningen",
            "Industry's share of employment",
        ),
        definition: (
            "Sysselsatta i tillverkning och utvinning (SNI 2007 B+C) som andel av alla sysselsatta med arbetsställe i kommunen (dagbefolkning).",
            "Employed in mining and manufacturing (SNI 2007 B+C) as a share of all employed with their workplace in the municipality (day population).",
        ),
        source: employment,
        notes: &[EMPLOYMENT_PANEL, EMPLOYMENT_BREAK],
        rate: false,
        rank_descending: true,
    },
    Definition {
        id: "employment_industry",
        theme: Theme::Employment,
        numerator: &["employment.b_c"],
        denominator: None,
        factor: 1.0,
        unit: Unit::Persons,
        title: ("Sysselsatta i industrin", "Employed in industry"),
        definition: (
            "Sysselsatta med arbetsställe i kommunen (dagbefolkning) i tillverkning och utvinning, SNI 2007 B+C.",
            "Employed with their workplace in the municipality (day population) in mining and manufacturing, SNI 2007 B+C.",
        ),
        source: employment,
        notes: &[EMPLOYMENT_PANEL, EMPLOYMENT_SUMS, EMPLOYMENT_BREAK],
        rate: false,
        rank_descending: true,
    },
    Definition {
        id: "employment_industry_per_1000",
        theme: Theme::Employment,
        numerator: &["employment.b_c"],
        denominator: Some("population"),
        factor: 1000.0,
        unit: Unit::PerThousandInhabitants,
        title: (
            "Industrisysselsatta per 1 000 invånare",
            "Industry jobs per 1,000 inhabitants",
        ),
        definition: (
            "Sysselsatta i SNI 2007 B+C med arbetsställe i kommunen (dagbefolkning) per 1 000 invånare den 31 december. Pendling gör att värdet kan vara högt där många arbetar men få bor.",
            "Employed in SNI 2007 B+C with their workplace in the municipality (day population) per 1,000 inhabitants on 31 December. Commuting makes the value high where many work but few live.",
        ),
        source: employment_and_population,
        notes: &[EMPLOYMENT_PANEL, EMPLOYMENT_BREAK],
        rate: false,
        rank_descending: true,
    },
    Definition {
        id: "employment_total",
        theme: Theme::Employment,
        numerator: &["employment.total"],
        denominator: None,
        factor: 1.0,
        unit: Unit::Persons,
        title: ("Sysselsatta, alla branscher", "Employed, all industries"),
        definition: (
            "Alla sysselsatta med arbetsställe i kommunen (dagbefolkning), alla branscher.",
            "All employed with their workplace in the municipality (day population), all industries.",
        ),
        source: employment,
        notes: &[EMPLOYMENT_PANEL, EMPLOYMENT_SUMS, EMPLOYMENT_BREAK],
        rate: false,
        rank_descending: true,
    },
    // Skills and labour supply: rates as published, 2018–2024.
    Definition {
        id: "labour_post_secondary_share",
        theme: Theme::Skills,
        numerator: &["labour.post_secondary_share"],
        denominator: None,
        factor: 1.0,
        unit: Unit::Percent,
        title: (
            "Eftergymnasialt utbildade 25–64 år",
            "Post-secondary education, ages 25–64",
        ),
        definition: (
            "Andelen av invånarna 25–64 år med eftergymnasial utbildning (oavsett längd), i procent. En andel och inte ett antal: antalet utbildade följer mest kommunens storlek.",
            "The share of residents aged 25–64 with post-secondary education (of any length), in per cent. A rate, not a count: the number of graduates mostly follows the municipality's size.",
        ),
        source: education,
        notes: &[
            LABOUR_PANEL,
            (
                "Andelen är beräknad av panelen ur SCB:s antal per utbildningsnivå (full precision) och finns 2018–2024.",
                "The share is computed by the panel from SCB's counts by education level (full precision), 2018–2024.",
            ),
            RATE_GROUPS,
        ],
        rate: true,
        rank_descending: true,
    },
    Definition {
        id: "labour_employment_rate",
        theme: Theme::Skills,
        numerator: &["labour.employment_rate"],
        denominator: None,
        factor: 1.0,
        unit: Unit::Percent,
        title: (
            "Sysselsättningsgrad 20–64 år",
            "Employment rate, ages 20–64",
        ),
        definition: (
            "Andelen sysselsatta av invånarna 20–64 år, i procent, som SCB publicerar den (en decimal). En andel och inte ett antal: den jämför kommuner av olika storlek.",
            "The share of residents aged 20–64 who are employed, in per cent, as SCB publishes it (one decimal). A rate, not a count: it compares municipalities of any size.",
        ),
        source: labour_status,
        notes: &[
            LABOUR_PANEL,
            NIGHT_POPULATION,
            ("Finns 2020–2024 (BAS).", "Available for 2020–2024 (BAS)."),
            RATE_GROUPS,
        ],
        rate: true,
        rank_descending: true,
    },
    Definition {
        id: "labour_unemployment_rate",
        theme: Theme::Skills,
        numerator: &["labour.unemployment_rate"],
        denominator: None,
        factor: 1.0,
        unit: Unit::Percent,
        title: ("Arbetslöshet 20–64 år", "Unemployment rate, ages 20–64"),
        definition: (
            "Andelen arbetslösa av arbetskraften (sysselsatta och arbetslösa) 20–64 år, i procent, som SCB publicerar den. Plats 1 är lägst arbetslöshet.",
            "The unemployed as a share of the labour force (employed and unemployed) aged 20–64, in per cent, as SCB publishes it. Rank 1 is the lowest unemployment.",
        ),
        source: labour_status,
        notes: &[
            LABOUR_PANEL,
            NIGHT_POPULATION,
            (
                "Finns 2020–2024 (BAS). Inte samma mått som Arbetsförmedlingens inskrivna arbetslösa.",
                "Available for 2020–2024 (BAS). Not the same measure as the Public Employment Service's registered unemployed.",
            ),
            RATE_GROUPS,
        ],
        rate: true,
        rank_descending: false,
    },
    Definition {
        id: "labour_students_share",
        theme: Theme::Skills,
        numerator: &["labour.students_share"],
        denominator: None,
        factor: 1.0,
        unit: Unit::Percent,
        title: ("Studerande 20–64 år", "Students, ages 20–64"),
        definition: (
            "Andelen av invånarna 20–64 år som studerar, i procent, som SCB publicerar den (en decimal).",
            "The share of residents aged 20–64 who study, in per cent, as SCB publishes it (one decimal).",
        ),
        source: students,
        notes: &[
            LABOUR_PANEL,
            ("Finns 2018–2023.", "Available for 2018–2023."),
            RATE_GROUPS,
        ],
        rate: true,
        rank_descending: true,
    },
];
