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
    pub source: fn() -> Source,
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

fn energy() -> Source {
    Source {
        name: Text::new(
            "SCB, Kommunal och regional energistatistik",
            "Statistics Sweden, Municipal and regional energy statistics",
        ),
        table: "EN0203: SlutAnvSektor (EN0203AE, 000000BS), ProdbrEl (EN0203AD, 000000BQ)".into(),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__EN__EN0203/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: "2022-12-01".into(),
    }
}

fn energy_and_population() -> Source {
    let mut s = energy();
    s.name = Text::new(
        "SCB, Kommunal och regional energistatistik; SCB, Befolkningsstatistik",
        "Statistics Sweden, Municipal and regional energy statistics; Statistics Sweden, Population statistics",
    );
    s.table.push_str("; BE0101");
    s
}

fn population() -> Source {
    Source {
        name: Text::new("SCB, Befolkningsstatistik", "Statistics Sweden, Population statistics"),
        table: "BE0101: folkmängd 31 december, kommuner 1950–2022 (indelning 2023) och 2023; 2024 via github.com/Lulea-statistik/Samband-inflyttning (lika med SCB:s värden 2020–2023)".into(),
        url: "https://www.scb.se/hitta-statistik/statistik-efter-amne/befolkning/befolkningens-sammansattning/befolkningsstatistik/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: String::new(),
    }
}

fn procurement() -> Source {
    Source {
        name: Text::new(
            "Upphandlingsmyndigheten, Statistikdatabasen",
            "National Agency for Public Procurement, statistics database",
        ),
        table: "Annonserade upphandlingar 2021: antal och kontrakterat värde".into(),
        url: "https://www.upphandlingsmyndigheten.se/statistik/statistikdatabasen/".into(),
        licence: "CC0 1.0 (allmän handling)".into(),
        retrieved: String::new(),
    }
}

fn procurement_and_population() -> Source {
    let mut s = procurement();
    s.name = Text::new(
        "Upphandlingsmyndigheten, Statistikdatabasen; SCB, Befolkningsstatistik",
        "National Agency for Public Procurement, statistics database; Statistics Sweden, Population statistics",
    );
    s
}

fn employment() -> Source {
    Source {
        name: Text::new(
            "SCB, Befolkningens arbetsmarknadsstatus (BAS)",
            "Statistics Sweden, Labour market status (BAS)",
        ),
        table: "AM0210F ArRegUtb via github.com/Lulea-statistik/Samband-inflyttning".into(),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AM__AM0210__AM0210F/ArRegUtb/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: String::new(),
    }
}

fn employment_and_population() -> Source {
    let mut s = employment();
    s.name = Text::new(
        "SCB, Befolkningens arbetsmarknadsstatus (BAS); SCB, Befolkningsstatistik",
        "Statistics Sweden, Labour market status (BAS); Statistics Sweden, Population statistics",
    );
    s.table.push_str("; BE0101");
    s
}

const SAMBAND: &str = "via github.com/Lulea-statistik/Samband-inflyttning";

fn labour_status() -> Source {
    Source {
        name: Text::new(
            "SCB, Befolkningens arbetsmarknadsstatus (BAS)",
            "Statistics Sweden, Labour market status (BAS)",
        ),
        table: format!("AM0210A ArbStatusAr {SAMBAND}"),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AM__AM0210__AM0210A/"
            .into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: String::new(),
    }
}

fn education() -> Source {
    Source {
        name: Text::new(
            "SCB, Befolkningens utbildning",
            "Statistics Sweden, Educational attainment of the population",
        ),
        table: format!("UF0506B Utbildning {SAMBAND}"),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__UF__UF0506/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: String::new(),
    }
}

fn students() -> Source {
    Source {
        name: Text::new(
            "SCB, Integrationsstatistik",
            "Statistics Sweden, Integration statistics",
        ),
        table: format!("AA0003 IntGr8Kom1N {SAMBAND}"),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AA__AA0003/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: String::new(),
    }
}

const RATE_GROUPS: (&str, &str) = (
    "En andel går inte att summera: nätverkets siffra är medianen av medlemmarnas värden. Källan ger inga värden för län eller riket; de visas inte (uppgift saknas i källan).",
    "A rate cannot be summed: the network's figure is the median of its members' values. The source gives no values for counties or Riket; they are not shown (not available in the source).",
);
const LABOUR_PANEL: (&str, &str) = (
    "Värden som SCB publicerar dem, utan avrundning här. Tomma celler saknas, aldrig 0. Förändringar anges i procentenheter.",
    "Values as SCB publishes them, not rounded here. Empty cells are missing, never 0. Changes are given in percentage points.",
);
const NIGHT_POPULATION: (&str, &str) = (
    "Nattbefolkning: de som bor i kommunen, var de än arbetar. Industrijobben räknas i stället där jobben finns (dagbefolkning).",
    "Night population: those who live in the municipality, wherever they work. Industry jobs are counted where the jobs are instead (day population).",
);

const CONFIDENTIAL: (&str, &str) = (
    "Värden markerade som sekretess (`..`) lämnas inte ut av SCB (färre än tre företag eller ett dominerande); de visas aldrig som 0.",
    "Values marked confidential (`..`) are withheld by SCB (fewer than three companies, or one dominant); they are never shown as 0.",
);
const NO_WIND_2005_2008: (&str, &str) = (
    "2005–2008 saknar källtabellen vindkraft; totalen för de åren omfattar inte vindkraft.",
    "2005–2008: the source table has no wind power; the total for those years excludes wind.",
);
const ATTRIBUTION: (&str, &str) = (
    "Upphandlingar av köpare med juridisk form Kommuner, kopplade till kommun via namnet, samt köpare i den granskade listan data/buyer_attribution.csv (Region Gotland, Telge Inköp AB för Södertälje). Kommunala bolag och kommunalförbund ingår inte. Kommuner utan någon kopplad köpare visas som saknade, inte som 0. Län och riket är summor över kopplade köpare.",
    "Procurements by buyers with legal form Kommuner, matched to a municipality by name, plus buyers in the reviewed list data/buyer_attribution.csv (Region Gotland, Telge Inköp AB for Södertälje). Municipal companies and federations are not included. Municipalities with no attributed buyer show as missing, not 0. Counties and Riket are sums over attributed buyers.",
);
const VALUE_CEILING: (&str, &str) = (
    "Kontrakterat värde är avtalens takbelopp för annonserade upphandlingar, inte faktiska utgifter.",
    "Contracted value is the contract ceiling of advertised procurements, not the amount spent.",
);
const POPULATION_SUMS: (&str, &str) = (
    "Län och riket före 2023 är summor av kommunerna (indelning 2023).",
    "Counties and Riket before 2023 are sums of the municipalities (2023 division).",
);
const EMPLOYMENT_BREAK: (&str, &str) = (
    "BAS (Befolkningens arbetsmarknadsstatus) börjar 2020. År före 2020 finns bara om de hämtats med kommandot `fetch`, och kommer då från RAMS, en annan serie med andra metoder: seriebrott 2019 (RAMS bygger från 2019 på arbetsgivardeklarationer per månad) och 2020 (BAS). Diagrammen bryter linjen vid ett seriebrott.",
    "BAS (Labour market status) begins in 2020. Years before 2020 exist only once brought in with the `fetch` command, and then come from RAMS, another series with other methods: series breaks in 2019 (RAMS is built on monthly employer declarations from 2019) and 2020 (BAS). Charts break the line at a series break.",
);
const EMPLOYMENT_PANEL: (&str, &str) = (
    "Dagbefolkning: de som arbetar i kommunen, var de än bor. Sysselsatta i SNI 2007 B+C (gruvor och mineralutvinning, tillverkning) = andelen i B+C × alla sysselsatta, summerat över utbildningsnivåer och kön. Det senaste året kan revideras av SCB. Udda men publicerat så: Skara 2024 (B+C 7,9 % efter 12,5 % 2023), Färgelanda 2024 (2 045 sysselsatta efter 2 336; B+C 4,8 % efter 22,6 %).",
    "Day population: those who work in the municipality, wherever they live. Employed in SNI 2007 B+C (mining and quarrying, manufacturing) = the share in B+C × all employed, summed over education levels and sexes. The latest year may be revised by SCB. Odd but as published: Skara 2024 (B+C 7.9 % after 12.5 % in 2023), Färgelanda 2024 (2,045 employed after 2,336; B+C 4.8 % after 22.6 %).",
);
const EMPLOYMENT_SUMS: (&str, &str) = (
    "Län, riket och nätverket är summor av kommunerna; saknas en kommuns värde är summan ofullständig och visas inte.",
    "Counties, Riket and the network are sums of the municipalities; where a municipality's value is missing the sum is incomplete and not shown.",
);

macro_rules! def {
    ($id:literal, $theme:ident, [$($num:literal),+], $den:expr, $factor:expr, $unit:ident, $title:expr, $def:expr, $source:ident, [$($note:expr),*]) => {
        Definition {
            id: $id,
            theme: Theme::$theme,
            numerator: &[$($num),+],
            denominator: $den,
            factor: $factor,
            unit: Unit::$unit,
            title: $title,
            definition: $def,
            source: $source,
            notes: &[$($note),*],
            rate: false,
            rank_descending: true,
        }
    };
}

/// A published rate in per cent: the variable is the value, nothing is summed.
macro_rules! rate {
    ($id:literal, $var:literal, $rank_descending:expr, $title:expr, $def:expr, $source:ident, [$($note:expr),*]) => {
        Definition {
            id: $id,
            theme: Theme::Skills,
            numerator: &[$var],
            denominator: None,
            factor: 1.0,
            unit: Unit::Percent,
            title: $title,
            definition: $def,
            source: $source,
            notes: &[$($note),*],
            rate: true,
            rank_descending: $rank_descending,
        }
    };
}

/// The variables of the rate indicators: never summed into a group figure.
pub fn rate_variables(defs: &[Definition]) -> Vec<String> {
    defs.iter()
        .filter(|d| d.rate)
        .flat_map(|d| d.numerator.iter().map(|v| v.to_string()))
        .collect()
}

/// Every indicator, in the order the catalog lists them.
pub fn definitions() -> Vec<Definition> {
    vec![
        // Employment: BAS 2020– embedded; RAMS before 2020 through the fetcher.
        def!(
            "employment_industry_share",
            Employment,
            ["employment.b_c"],
            Some("employment.total"),
            100.0,
            Percent,
            (
                "Industrins andel av sysselsättningen",
                "Industry's share of employment"
            ),
            (
                "Sysselsatta i tillverkning och utvinning (SNI 2007 B+C) som andel av alla sysselsatta med arbetsställe i kommunen (dagbefolkning).",
                "Employed in mining and manufacturing (SNI 2007 B+C) as a share of all employed with their workplace in the municipality (day population)."
            ),
            employment,
            [EMPLOYMENT_PANEL, EMPLOYMENT_BREAK]
        ),
        def!(
            "employment_industry",
            Employment,
            ["employment.b_c"],
            None,
            1.0,
            Persons,
            ("Sysselsatta i industrin", "Employed in industry"),
            (
                "Sysselsatta med arbetsställe i kommunen (dagbefolkning) i tillverkning och utvinning, SNI 2007 B+C.",
                "Employed with their workplace in the municipality (day population) in mining and manufacturing, SNI 2007 B+C."
            ),
            employment,
            [EMPLOYMENT_PANEL, EMPLOYMENT_SUMS, EMPLOYMENT_BREAK]
        ),
        def!(
            "employment_industry_per_1000",
            Employment,
            ["employment.b_c"],
            Some("population"),
            1000.0,
            PerThousandInhabitants,
            (
                "Industrisysselsatta per 1 000 invånare",
                "Industry jobs per 1,000 inhabitants"
            ),
            (
                "Sysselsatta i SNI 2007 B+C med arbetsställe i kommunen (dagbefolkning) per 1 000 invånare den 31 december. Pendling gör att värdet kan vara högt där många arbetar men få bor.",
                "Employed in SNI 2007 B+C with their workplace in the municipality (day population) per 1,000 inhabitants on 31 December. Commuting makes the value high where many work but few live."
            ),
            employment_and_population,
            [EMPLOYMENT_PANEL, EMPLOYMENT_BREAK]
        ),
        def!(
            "employment_total",
            Employment,
            ["employment.total"],
            None,
            1.0,
            Persons,
            ("Sysselsatta, alla branscher", "Employed, all industries"),
            (
                "Alla sysselsatta med arbetsställe i kommunen (dagbefolkning), alla branscher.",
                "All employed with their workplace in the municipality (day population), all industries."
            ),
            employment,
            [EMPLOYMENT_PANEL, EMPLOYMENT_SUMS, EMPLOYMENT_BREAK]
        ),
        // Skills and labour supply: rates as published, 2018–2024.
        rate!(
            "labour_post_secondary_share",
            "labour.post_secondary_share",
            true,
            (
                "Eftergymnasialt utbildade 25–64 år",
                "Post-secondary education, ages 25–64"
            ),
            (
                "Andelen av invånarna 25–64 år med eftergymnasial utbildning (oavsett längd), i procent. En andel och inte ett antal: antalet utbildade följer mest kommunens storlek.",
                "The share of residents aged 25–64 with post-secondary education (of any length), in per cent. A rate, not a count: the number of graduates mostly follows the municipality's size."
            ),
            education,
            [
                LABOUR_PANEL,
                (
                    "Andelen är beräknad av panelen ur SCB:s antal per utbildningsnivå (full precision) och finns 2018–2024.",
                    "The share is computed by the panel from SCB's counts by education level (full precision), 2018–2024."
                ),
                RATE_GROUPS
            ]
        ),
        rate!(
            "labour_employment_rate",
            "labour.employment_rate",
            true,
            (
                "Sysselsättningsgrad 20–64 år",
                "Employment rate, ages 20–64"
            ),
            (
                "Andelen sysselsatta av invånarna 20–64 år, i procent, som SCB publicerar den (en decimal). En andel och inte ett antal: den jämför kommuner av olika storlek.",
                "The share of residents aged 20–64 who are employed, in per cent, as SCB publishes it (one decimal). A rate, not a count: it compares municipalities of any size."
            ),
            labour_status,
            [
                LABOUR_PANEL,
                NIGHT_POPULATION,
                ("Finns 2020–2024 (BAS).", "Available for 2020–2024 (BAS)."),
                RATE_GROUPS
            ]
        ),
        rate!(
            "labour_unemployment_rate",
            "labour.unemployment_rate",
            false,
            ("Arbetslöshet 20–64 år", "Unemployment rate, ages 20–64"),
            (
                "Andelen arbetslösa av arbetskraften (sysselsatta och arbetslösa) 20–64 år, i procent, som SCB publicerar den. Plats 1 är lägst arbetslöshet.",
                "The unemployed as a share of the labour force (employed and unemployed) aged 20–64, in per cent, as SCB publishes it. Rank 1 is the lowest unemployment."
            ),
            labour_status,
            [
                LABOUR_PANEL,
                NIGHT_POPULATION,
                (
                    "Finns 2020–2024 (BAS). Inte samma mått som Arbetsförmedlingens inskrivna arbetslösa.",
                    "Available for 2020–2024 (BAS). Not the same measure as the Public Employment Service's registered unemployed."
                ),
                RATE_GROUPS
            ]
        ),
        rate!(
            "labour_students_share",
            "labour.students_share",
            true,
            ("Studerande 20–64 år", "Students, ages 20–64"),
            (
                "Andelen av invånarna 20–64 år som studerar, i procent, som SCB publicerar den (en decimal).",
                "The share of residents aged 20–64 who study, in per cent, as SCB publishes it (one decimal)."
            ),
            students,
            [
                LABOUR_PANEL,
                ("Finns 2018–2023.", "Available for 2018–2023."),
                RATE_GROUPS
            ]
        ),
        // Procurement.
        def!(
            "procurement_count",
            Procurement,
            ["procurement.count"],
            None,
            1.0,
            Count,
            ("Annonserade upphandlingar", "Advertised procurements"),
            (
                "Antal upphandlingar som kommunen annonserade under året.",
                "Number of procurements the municipality advertised during the year."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_count_per_10000",
            Procurement,
            ["procurement.count"],
            Some("population"),
            10000.0,
            CountPer10000Inhabitants,
            (
                "Annonserade upphandlingar per 10 000 invånare",
                "Advertised procurements per 10,000 inhabitants"
            ),
            (
                "Antal annonserade upphandlingar per 10 000 invånare.",
                "Advertised procurements per 10,000 inhabitants."
            ),
            procurement_and_population,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_value",
            Procurement,
            ["procurement.value_sek"],
            None,
            1.0,
            Sek,
            ("Kontrakterat värde", "Contracted value"),
            (
                "Summa kontrakterat värde (takbelopp) för kommunens annonserade upphandlingar med rapporterat värde.",
                "Total contracted value (ceiling) of the municipality's advertised procurements with a reported value."
            ),
            procurement,
            [ATTRIBUTION, VALUE_CEILING]
        ),
        def!(
            "procurement_value_per_inhabitant",
            Procurement,
            ["procurement.value_sek"],
            Some("population"),
            1.0,
            SekPerInhabitant,
            (
                "Kontrakterat värde per invånare",
                "Contracted value per inhabitant"
            ),
            (
                "Kontrakterat värde (takbelopp) per invånare.",
                "Contracted value (ceiling) per inhabitant."
            ),
            procurement_and_population,
            [ATTRIBUTION, VALUE_CEILING]
        ),
        def!(
            "procurement_innovation_count",
            Procurement,
            ["procurement.innovation"],
            None,
            1.0,
            Count,
            ("Innovationsupphandlingar", "Innovation procurements"),
            (
                "Antal annonserade upphandlingar som köparen markerat som innovationsupphandling.",
                "Advertised procurements the buyer flagged as innovation procurement."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_innovation_share",
            Procurement,
            ["procurement.innovation"],
            Some("procurement.count"),
            100.0,
            Percent,
            (
                "Andel innovationsupphandlingar",
                "Share of innovation procurements"
            ),
            (
                "Innovationsupphandlingar som andel av kommunens annonserade upphandlingar.",
                "Innovation procurements as a share of the municipality's advertised procurements."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_environmental_share",
            Procurement,
            ["procurement.environmental"],
            Some("procurement.count"),
            100.0,
            Percent,
            (
                "Andel miljömässigt hållbara upphandlingar",
                "Share of environmentally sustainable procurements"
            ),
            (
                "Upphandlingar markerade som miljömässigt hållbara, som andel av alla annonserade.",
                "Procurements flagged environmentally sustainable, as a share of all advertised."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_social_share",
            Procurement,
            ["procurement.social"],
            Some("procurement.count"),
            100.0,
            Percent,
            (
                "Andel socialt hållbara upphandlingar",
                "Share of socially sustainable procurements"
            ),
            (
                "Upphandlingar markerade som socialt hållbara, som andel av alla annonserade.",
                "Procurements flagged socially sustainable, as a share of all advertised."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_count_goods",
            Procurement,
            ["procurement.goods"],
            None,
            1.0,
            Count,
            ("Upphandlingar av varor", "Procurements of goods"),
            (
                "Antal annonserade upphandlingar med upphandlingsslag Varor.",
                "Advertised procurements of kind goods."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_count_services",
            Procurement,
            ["procurement.services"],
            None,
            1.0,
            Count,
            ("Upphandlingar av tjänster", "Procurements of services"),
            (
                "Antal annonserade upphandlingar med upphandlingsslag Tjänster.",
                "Advertised procurements of kind services."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        def!(
            "procurement_count_works",
            Procurement,
            ["procurement.works"],
            None,
            1.0,
            Count,
            (
                "Upphandlingar av byggentreprenader",
                "Procurements of works"
            ),
            (
                "Antal annonserade upphandlingar med upphandlingsslag Byggentreprenader.",
                "Advertised procurements of kind works."
            ),
            procurement,
            [ATTRIBUTION]
        ),
        // Energy.
        def!(
            "energy_final_use_total",
            Energy,
            ["final_use.total"],
            None,
            1.0,
            Mwh,
            ("Slutlig energianvändning", "Final energy use"),
            (
                "Slutlig användning av energi i kommunen, alla sektorer och bränslen.",
                "Final use of energy in the municipality, all sectors and fuels."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "energy_final_use_per_inhabitant",
            Energy,
            ["final_use.total"],
            Some("population"),
            1.0,
            MwhPerInhabitant,
            (
                "Slutlig energianvändning per invånare",
                "Final energy use per inhabitant"
            ),
            (
                "Slutlig energianvändning, alla sektorer, per invånare den 31 december.",
                "Final energy use, all sectors, per inhabitant on 31 December."
            ),
            energy_and_population,
            [CONFIDENTIAL]
        ),
        def!(
            "energy_final_use_industry",
            Energy,
            ["final_use.industry"],
            None,
            1.0,
            Mwh,
            (
                "Energianvändning i industri och byggverksamhet",
                "Energy use in industry and construction"
            ),
            (
                "Slutlig energianvändning i sektorn industri och byggverksamhet, alla bränslen.",
                "Final energy use in the industry and construction sector, all fuels."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "energy_final_use_industry_per_inhabitant",
            Energy,
            ["final_use.industry"],
            Some("population"),
            1.0,
            MwhPerInhabitant,
            (
                "Industrins energianvändning per invånare",
                "Industry's energy use per inhabitant"
            ),
            (
                "Slutlig energianvändning i industri och byggverksamhet per invånare.",
                "Final energy use in industry and construction per inhabitant."
            ),
            energy_and_population,
            [CONFIDENTIAL]
        ),
        def!(
            "energy_industry_share",
            Energy,
            ["final_use.industry"],
            Some("final_use.total"),
            100.0,
            Percent,
            (
                "Industrins andel av energianvändningen",
                "Industry's share of energy use"
            ),
            (
                "Industri och byggverksamhet som andel av kommunens slutliga energianvändning.",
                "Industry and construction as a share of the municipality's final energy use."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_use_total",
            Energy,
            ["electricity_use.total"],
            None,
            1.0,
            Mwh,
            ("Elanvändning", "Electricity use"),
            (
                "Slutlig användning av el, alla sektorer.",
                "Final use of electricity, all sectors."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_use_per_inhabitant",
            Energy,
            ["electricity_use.total"],
            Some("population"),
            1.0,
            MwhPerInhabitant,
            (
                "Elanvändning per invånare",
                "Electricity use per inhabitant"
            ),
            (
                "Slutlig elanvändning, alla sektorer, per invånare.",
                "Final electricity use, all sectors, per inhabitant."
            ),
            energy_and_population,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_use_industry",
            Energy,
            ["electricity_use.industry"],
            None,
            1.0,
            Mwh,
            (
                "Elanvändning i industri och byggverksamhet",
                "Electricity use in industry and construction"
            ),
            (
                "Slutlig elanvändning i sektorn industri och byggverksamhet.",
                "Final electricity use in the industry and construction sector."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_production_total",
            Energy,
            ["electricity_production.total"],
            None,
            1.0,
            Mwh,
            ("Elproduktion", "Electricity production"),
            (
                "Elproduktion i kommunen, alla produktionssätt.",
                "Electricity production in the municipality, all production methods."
            ),
            energy,
            [CONFIDENTIAL, NO_WIND_2005_2008]
        ),
        def!(
            "electricity_production_per_inhabitant",
            Energy,
            ["electricity_production.total"],
            Some("population"),
            1.0,
            MwhPerInhabitant,
            (
                "Elproduktion per invånare",
                "Electricity production per inhabitant"
            ),
            (
                "Elproduktion, alla produktionssätt, per invånare.",
                "Electricity production, all methods, per inhabitant."
            ),
            energy_and_population,
            [CONFIDENTIAL, NO_WIND_2005_2008]
        ),
        def!(
            "electricity_production_chp",
            Energy,
            ["electricity_production.chp"],
            None,
            1.0,
            Mwh,
            (
                "Elproduktion i kraftvärme och industriellt mottryck",
                "Electricity from CHP and industrial back-pressure"
            ),
            (
                "Elproduktion i kraftvärmeverk och industriellt mottryck.",
                "Electricity produced in combined heat and power plants and industrial back-pressure."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_production_other_thermal",
            Energy,
            ["electricity_production.other_thermal"],
            None,
            1.0,
            Mwh,
            (
                "Elproduktion i kärnkraft och övrig värmekraft",
                "Electricity from nuclear and other thermal power"
            ),
            (
                "Elproduktion i övrig värmekraft (kärnkraft, kondenskraft o.dyl.).",
                "Electricity from other thermal power (nuclear, condensing power and the like)."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_production_hydro",
            Energy,
            ["electricity_production.hydro"],
            None,
            1.0,
            Mwh,
            ("Elproduktion i vattenkraft", "Hydro power production"),
            (
                "Elproduktion i vattenkraftverk.",
                "Electricity produced by hydro power."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_production_wind",
            Energy,
            ["electricity_production.wind"],
            None,
            1.0,
            Mwh,
            ("Elproduktion i vindkraft", "Wind power production"),
            (
                "Elproduktion i vindkraftverk (redovisas från 2009).",
                "Electricity produced by wind power (reported from 2009)."
            ),
            energy,
            [CONFIDENTIAL, NO_WIND_2005_2008]
        ),
        def!(
            "electricity_production_solar",
            Energy,
            ["electricity_production.solar"],
            None,
            1.0,
            Mwh,
            ("Elproduktion i solkraft", "Solar power production"),
            (
                "Elproduktion i solcellsanläggningar. Redovisas i SCB:s levande tabell ProdbrEl (TAB3451), inte i exporterna från 2022: hämtas med `fetch`.",
                "Electricity produced by solar power. Reported in SCB's live table ProdbrEl (TAB3451), not in the 2022 exports: brought in by `fetch`."
            ),
            energy,
            [CONFIDENTIAL]
        ),
        def!(
            "electricity_production_hydro_wind_share",
            Energy,
            [
                "electricity_production.hydro",
                "electricity_production.wind"
            ],
            Some("electricity_production.total"),
            100.0,
            Percent,
            (
                "Andel vatten- och vindkraft i elproduktionen",
                "Hydro and wind share of electricity production"
            ),
            (
                "Vatten- och vindkraft som andel av kommunens elproduktion. Förnybar el i kraftvärme ingår inte (källan delar inte upp den).",
                "Hydro and wind power as a share of the municipality's electricity production. Renewable CHP is not included (the source does not split it)."
            ),
            energy,
            [CONFIDENTIAL, NO_WIND_2005_2008]
        ),
        // Population, as context and denominator.
        def!(
            "population",
            Population,
            ["population"],
            None,
            1.0,
            Persons,
            ("Folkmängd", "Population"),
            (
                "Folkmängd den 31 december, enligt kommunindelningen 2023.",
                "Population on 31 December, by the 2023 municipal division."
            ),
            population,
            [POPULATION_SUMS]
        ),
    ]
}
