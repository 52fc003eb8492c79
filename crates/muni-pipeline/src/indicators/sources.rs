//! Where the figures come from (the catalog's source lines) and the notes several indicators share.

use muni_model::{Source, Text};

use crate::retrieved::Retrieved;

pub(super) fn energy(r: &Retrieved) -> Source {
    Source {
        name: Text::new(
            "SCB, Kommunal och regional energistatistik",
            "Statistics Sweden, Municipal and regional energy statistics",
        ),
        table: "EN0203: SlutAnvSektor (EN0203AE, 000000BS), ProdbrEl (EN0203AD, 000000BQ)".into(),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__EN__EN0203/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: r.line(&[("energy", "EN0203")]),
    }
}

pub(super) fn energy_and_population(r: &Retrieved) -> Source {
    let mut s = energy(r);
    s.name = Text::new(
        "SCB, Kommunal och regional energistatistik; SCB, Befolkningsstatistik",
        "Statistics Sweden, Municipal and regional energy statistics; Statistics Sweden, Population statistics",
    );
    s.table.push_str("; BE0101");
    s.retrieved = r.line(&[("energy", "EN0203"), ("population", "BE0101")]);
    s
}

pub(super) fn population(r: &Retrieved) -> Source {
    Source {
        name: Text::new("SCB, Befolkningsstatistik", "Statistics Sweden, Population statistics"),
        table: "BE0101: folkmängd 31 december, kommuner 1950–2022 (indelning 2023) och 2023; 2024 via github.com/Lulea-statistik/Samband-inflyttning (lika med SCB:s värden 2020–2023)".into(),
        url: "https://www.scb.se/hitta-statistik/statistik-efter-amne/befolkning/befolkningens-sammansattning/befolkningsstatistik/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: r.line(&[("population", "BE0101")]),
    }
}

pub(super) fn procurement(r: &Retrieved) -> Source {
    Source {
        name: Text::new(
            "Upphandlingsmyndigheten, Statistikdatabasen",
            "National Agency for Public Procurement, statistics database",
        ),
        table: "Annonserade upphandlingar 2021: antal och kontrakterat värde".into(),
        url: "https://www.upphandlingsmyndigheten.se/statistik/statistikdatabasen/".into(),
        licence: "CC0 1.0 (allmän handling)".into(),
        retrieved: r.line(&[("procurement", "Upphandlingsmyndigheten")]),
    }
}

pub(super) fn procurement_and_population(r: &Retrieved) -> Source {
    let mut s = procurement(r);
    s.name = Text::new(
        "Upphandlingsmyndigheten, Statistikdatabasen; SCB, Befolkningsstatistik",
        "National Agency for Public Procurement, statistics database; Statistics Sweden, Population statistics",
    );
    s.retrieved = r.line(&[
        ("procurement", "Upphandlingsmyndigheten"),
        ("population", "BE0101"),
    ]);
    s
}

pub(super) fn employment(r: &Retrieved) -> Source {
    Source {
        name: Text::new(
            "SCB, Befolkningens arbetsmarknadsstatus (BAS)",
            "Statistics Sweden, Labour market status (BAS)",
        ),
        table: "AM0210F ArRegUtb via github.com/Lulea-statistik/Samband-inflyttning".into(),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AM__AM0210__AM0210F/ArRegUtb/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: r.line(&[("employment", "BAS")]),
    }
}

pub(super) fn employment_and_population(r: &Retrieved) -> Source {
    let mut s = employment(r);
    s.name = Text::new(
        "SCB, Befolkningens arbetsmarknadsstatus (BAS); SCB, Befolkningsstatistik",
        "Statistics Sweden, Labour market status (BAS); Statistics Sweden, Population statistics",
    );
    s.table.push_str("; BE0101");
    s.retrieved = r.line(&[("employment", "BAS"), ("population", "BE0101")]);
    s
}

const SAMBAND: &str = "via github.com/Lulea-statistik/Samband-inflyttning";

pub(super) fn labour_status(r: &Retrieved) -> Source {
    Source {
        name: Text::new(
            "SCB, Befolkningens arbetsmarknadsstatus (BAS)",
            "Statistics Sweden, Labour market status (BAS)",
        ),
        table: format!("AM0210A ArbStatusAr {SAMBAND}"),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AM__AM0210__AM0210A/"
            .into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: r.line(&[("labour", "AM0210A")]),
    }
}

pub(super) fn education(r: &Retrieved) -> Source {
    Source {
        name: Text::new(
            "SCB, Befolkningens utbildning",
            "Statistics Sweden, Educational attainment of the population",
        ),
        table: format!("UF0506B Utbildning {SAMBAND}"),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__UF__UF0506/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: r.line(&[("labour", "UF0506B")]),
    }
}

pub(super) fn students(r: &Retrieved) -> Source {
    Source {
        name: Text::new(
            "SCB, Integrationsstatistik",
            "Statistics Sweden, Integration statistics",
        ),
        table: format!("AA0003 IntGr8Kom1N {SAMBAND}"),
        url: "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__AA__AA0003/".into(),
        licence: "CC0 1.0 (Källa: SCB)".into(),
        retrieved: r.line(&[("labour", "AA0003")]),
    }
}

pub(super) const RATE_GROUPS: (&str, &str) = (
    "En andel går inte att summera: nätverkets siffra är medianen av medlemmarnas värden. Källan ger inga värden för län eller riket; de visas inte (uppgift saknas i källan).",
    "A rate cannot be summed: the network's figure is the median of its members' values. The source gives no values for counties or Riket; they are not shown (not available in the source).",
);
pub(super) const LABOUR_PANEL: (&str, &str) = (
    "Värden som SCB publicerar dem, utan avrundning här. Tomma celler saknas, aldrig 0. Förändringar anges i procentenheter.",
    "Values as SCB publishes them, not rounded here. Empty cells are missing, never 0. Changes are given in percentage points.",
);
pub(super) const NIGHT_POPULATION: (&str, &str) = (
    "Nattbefolkning: de som bor i kommunen, var de än arbetar. Industrijobben räknas i stället där jobben finns (dagbefolkning).",
    "Night population: those who live in the municipality, wherever they work. Industry jobs are counted where the jobs are instead (day population).",
);

pub(super) const CONFIDENTIAL: (&str, &str) = (
    "Värden markerade som sekretess (”..” hos SCB) lämnas inte ut av SCB (färre än tre företag eller ett dominerande); de visas aldrig som 0.",
    "Values marked confidential (“..” at SCB) are withheld by SCB (fewer than three companies, or one dominant); they are never shown as 0.",
);
pub(super) const NO_WIND_2005_2008: (&str, &str) = (
    "2005–2008 saknar källtabellen vindkraft; totalen för de åren omfattar inte vindkraft.",
    "2005–2008: the source table has no wind power; the total for those years excludes wind.",
);
pub(super) const ZEROS_2007: (&str, &str) = (
    "SCB:s export ger den totala elproduktionen 0 år 2007 i 13 kommuner mellan år med produktion (till exempel Oxelösund: 179 138 MWh 2006, 0 2007, 239 611 MWh 2008; Perstorp: 33 562, 0, 26 988 MWh). Värdena visas som SCB publicerat dem: jämför 2007 med åren runt först efter en kontroll hos SCB.",
    "SCB's export gives total electricity production as 0 in 2007 for 13 municipalities between years with production (for example Oxelösund: 179,138 MWh in 2006, 0 in 2007, 239,611 MWh in 2008; Perstorp: 33,562, 0, 26,988 MWh). The values are shown as SCB published them: compare 2007 with the years around it only after checking with SCB.",
);
pub(super) const ATTRIBUTION: (&str, &str) = (
    "Upphandlingar av köpare med juridisk form Kommuner, kopplade till kommun via namnet, samt köpare i den granskade listan data/buyer_attribution.csv (Region Gotland, Telge Inköp AB för Södertälje). Kommunala bolag och kommunalförbund ingår inte. Kommuner utan någon kopplad köpare visas som saknade, inte som 0. Län och riket är summor över kopplade köpare.",
    "Procurements by buyers with legal form Kommuner, matched to a municipality by name, plus buyers in the reviewed list data/buyer_attribution.csv (Region Gotland, Telge Inköp AB for Södertälje). Municipal companies and federations are not included. Municipalities with no attributed buyer show as missing, not 0. Counties and Riket are sums over attributed buyers.",
);
pub(super) const VALUE_CEILING: (&str, &str) = (
    "Kontrakterat värde är avtalens takbelopp för annonserade upphandlingar, inte faktiska utgifter.",
    "Contracted value is the contract ceiling of advertised procurements, not the amount spent.",
);
pub(super) const POPULATION_SUMS: (&str, &str) = (
    "Län och riket före 2023 är summor av kommunerna (indelning 2023).",
    "Counties and Riket before 2023 are sums of the municipalities (2023 division).",
);
pub(super) const EMPLOYMENT_BREAK: (&str, &str) = (
    "BAS (Befolkningens arbetsmarknadsstatus) börjar 2020. Tidigare år ingår inte här; de finns i RAMS, en annan serie med andra metoder, och visas bara när de hämtats från SCB: seriebrott 2019 (RAMS bygger från 2019 på arbetsgivardeklarationer per månad) och 2020 (BAS). Diagrammen bryter linjen vid ett seriebrott.",
    "BAS (Labour market status) begins in 2020. Earlier years are not included here; they are in RAMS, another series with other methods, and appear only once brought in from SCB: series breaks in 2019 (RAMS is built on monthly employer declarations from 2019) and 2020 (BAS). Charts break the line at a series break.",
);
pub(super) const EMPLOYMENT_PANEL: (&str, &str) = (
    "Dagbefolkning: de som arbetar i kommunen, var de än bor. Sysselsatta i SNI 2007 B+C (gruvor och mineralutvinning, tillverkning) = andelen i B+C × alla sysselsatta, summerat över utbildningsnivåer och kön. Det senaste året kan revideras av SCB. Udda men publicerat så: Skara 2024 (B+C 7,9 % efter 12,5 % 2023), Färgelanda 2024 (2 045 sysselsatta efter 2 336; B+C 4,8 % efter 22,6 %).",
    "Day population: those who work in the municipality, wherever they live. Employed in SNI 2007 B+C (mining and quarrying, manufacturing) = the share in B+C × all employed, summed over education levels and sexes. The latest year may be revised by SCB. Odd but as published: Skara 2024 (B+C 7.9 % after 12.5 % in 2023), Färgelanda 2024 (2,045 employed after 2,336; B+C 4.8 % after 22.6 %).",
);
pub(super) const EMPLOYMENT_SUMS: (&str, &str) = (
    "Län, riket och nätverket är summor av kommunerna; saknas en kommuns värde är summan ofullständig och visas inte.",
    "Counties, Riket and the network are sums of the municipalities; where a municipality's value is missing the sum is incomplete and not shown.",
);
