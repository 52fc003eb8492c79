//! Machine-readable descriptions beside the whole dataset: `datapackage.json` (a Frictionless
//! Tabular Data Package: the CSV and Parquet resources, a table schema with field types,
//! `missingValues`, the primary key, licences and sources; validated by `frictionless validate`
//! in the tests) and `dcat.jsonld` (the dataset and its distributions in DCAT-AP-SE, the profile
//! Sweden's open-data portal harvests, as JSON-LD; parsed as RDF in the tests).

use std::collections::BTreeSet;

use muni_model::{Catalog, Status};
use serde_json::{Value, json};

/// The package's name (and the stem of its files).
const NAME: &str = "industrikommuner";

/// The table schema of the full CSV or of the Parquet file (the same columns; `named` is the
/// CSV, whose missing values are empty cells): one row per indicator, region and year.
fn schema(named: bool) -> Value {
    let statuses: Vec<&str> = [
        Status::Ok,
        Status::Confidential,
        Status::Missing,
        Status::Incomplete,
    ]
    .map(Status::as_str)
    .to_vec();
    let fields = vec![
        json!({"name": "indicator", "type": "string", "description": "Indikatorns id (catalog.json, dataordlista.csv)", "constraints": {"required": true, "pattern": "[a-z0-9_]+"}}),
        json!({"name": "region_code", "type": "string", "description": "Fyra tecken för kommuner (0114), två för län (01-25), 00 för Riket; network_sum och network_median för nätverket", "constraints": {"required": true}}),
        json!({"name": "region_name", "type": "string"}),
        json!({"name": "year", "type": "integer", "constraints": {"required": true, "minimum": 1900, "maximum": 2100}}),
        json!({"name": "value", "type": "number", "description": "Tomt när status inte är ok (eller ett ofullständigt gruppvärde utan summa); aldrig 0 för ett saknat värde"}),
        json!({"name": "unit", "type": "string"}),
        json!({"name": "status", "type": "string", "constraints": {"required": true, "enum": statuses}}),
        json!({"name": "rank_national", "type": "integer", "description": "Plats bland Sveriges kommuner med värde det året (1 = högst, eller lägst där indikatorn säger det)"}),
        json!({"name": "rank_network", "type": "integer", "description": "Plats bland nätverkets kommuner med värde det året"}),
    ];
    // The Parquet file's nulls are true nulls; readers that go through pandas (frictionless
    // among them) see a null integer as NaN, hence "nan" among its missing values.
    let missing = if named {
        json!([""])
    } else {
        json!(["", "nan"])
    };
    json!({
        "fields": fields,
        "missingValues": missing,
        "primaryKey": ["indicator", "region_code", "year"]
    })
}

/// The distinct sources of the catalog's indicators.
fn sources(catalog: &Catalog) -> Vec<Value> {
    let mut seen = BTreeSet::new();
    catalog
        .indicators
        .iter()
        .filter(|m| seen.insert((m.source.name.sv.clone(), m.source.url.clone())))
        .map(|m| json!({"title": m.source.name.sv, "path": m.source.url}))
        .collect()
}

/// `datapackage.json`, with paths relative to `full/`.
pub(super) fn datapackage(catalog: &Catalog) -> Value {
    let version = catalog.data_version.as_ref();
    json!({
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Industrikommunerna i siffror: hela datasetet",
        "description": "Sysselsättning i industrin, offentlig upphandling, energi, kompetens och befolkning för Sveriges kommuner, län och riket, med nätverket Svenska Industrikommuners summa och median. Every indicator, region and year of the dashboard of Sweden's industrial municipalities.",
        "version": version.map(|v| v.id.clone()),
        "sha256_of_normalised_tables": version.map(|v| v.sha256.clone()),
        "licenses": [{
            "name": "CC0-1.0",
            "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            "title": "CC0 1.0 (Källa: SCB; Upphandlingsmyndigheten: allmän handling)"
        }],
        "sources": sources(catalog),
        "resources": [
            {
                "name": NAME,
                "path": "industrikommuner.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": true},
                "schema": schema(true)
            },
            {
                "name": format!("{NAME}-parquet"),
                "path": "industrikommuner.parquet",
                "profile": "tabular-data-resource",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "schema": schema(false)
            }
        ]
    })
}

/// The catalogue's contact point (`data/publisher.json`, optional): the address a portal such as
/// dataportal.se shows for questions about the data. Written by the people who publish, never
/// guessed: without it the contact point names the network only.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub email: Option<String>,
    pub homepage: Option<String>,
}

pub const PUBLISHER_FILE: &str = "publisher.json";

impl Publisher {
    /// Reads `data_dir/publisher.json` when there is one; a malformed file or address stops the
    /// build, naming the file and the value.
    pub fn read(data_dir: &std::path::Path) -> crate::error::Result<Self> {
        use crate::error::PipelineError;
        let path = data_dir.join(PUBLISHER_FILE);
        if !path.exists() {
            return Ok(Self::default());
        }
        let bytes = std::fs::read(&path).map_err(|e| PipelineError::io(&path, e))?;
        let p: Publisher = serde_json::from_slice(&bytes)
            .map_err(|e| PipelineError::input(&path, e.line() as u64, "", e.to_string()))?;
        if let Some(e) = &p.email {
            let ok = e.split_once('@').is_some_and(|(a, d)| {
                !a.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
            }) && !e
                .chars()
                .any(|c| c.is_whitespace() || "<>\"(),;:".contains(c));
            if !ok {
                return Err(PipelineError::input(
                    &path,
                    1,
                    e.clone(),
                    "not an e-mail address",
                ));
            }
        }
        if let Some(h) = &p.homepage
            && !h.starts_with("https://")
        {
            return Err(PipelineError::input(
                &path,
                1,
                h.clone(),
                "a homepage is an https:// address",
            ));
        }
        Ok(p)
    }
}

/// `dcat.jsonld`: the dataset and its distributions in DCAT-AP-SE; the distributions' URLs are
/// relative to where the dashboard is published (`data/full/…`).
pub(super) fn dcat(catalog: &Catalog, publisher: &Publisher) -> Value {
    let years: Vec<u16> = catalog
        .indicators
        .iter()
        .flat_map(|m| m.years.iter().copied())
        .collect();
    let (first, last) = (
        years.iter().min().copied().unwrap_or(0),
        years.iter().max().copied().unwrap_or(0),
    );
    let version = catalog.data_version.as_ref().map(|v| v.id.clone());
    let distribution = |id: &str, title: &str, file: &str, media: &str| {
        json!({
            "@id": format!("#{id}"),
            "@type": "dcat:Distribution",
            "dct:title": {"@value": title, "@language": "sv"},
            "dcat:accessURL": {"@id": format!("data/full/{file}")},
            "dcat:downloadURL": {"@id": format!("data/full/{file}")},
            "dcat:mediaType": {"@id": format!("http://www.iana.org/assignments/media-types/{media}")},
            "dct:license": {"@id": "http://creativecommons.org/publicdomain/zero/1.0/"}
        })
    };
    let mut contact = json!({
        "@id": "#contact",
        "@type": "vcard:Organization",
        "vcard:fn": "Svenska Industrikommuner"
    });
    if let Some(e) = &publisher.email {
        contact["vcard:hasEmail"] = json!({"@id": format!("mailto:{e}")});
    }
    if let Some(h) = &publisher.homepage {
        contact["vcard:hasURL"] = json!({"@id": h});
    }
    let mut dataset = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "owl": "http://www.w3.org/2002/07/owl#"
        },
        "@id": "#dataset",
        "@type": "dcat:Dataset",
        "dct:title": [
            {"@value": "Industrikommunerna i siffror", "@language": "sv"},
            {"@value": "Sweden's industrial municipalities in figures", "@language": "en"}
        ],
        "dct:description": [
            {"@value": "Sysselsättning i industrin, offentlig upphandling, energi, kompetens och befolkning per kommun, län och riket, med nätverket Svenska Industrikommuners summa och median.", "@language": "sv"},
            {"@value": "Industry employment, public procurement, energy, skills and population per municipality, county and Sweden, with the sum and median of the network Sweden's industrial municipalities.", "@language": "en"}
        ],
        "dct:publisher": {
            "@id": "#publisher",
            "@type": "foaf:Agent",
            "foaf:name": "Svenska Industrikommuner"
        },
        "dcat:contactPoint": contact,
        "dcat:theme": [
            {"@id": "http://publications.europa.eu/resource/authority/data-theme/ECON"},
            {"@id": "http://publications.europa.eu/resource/authority/data-theme/ENER"},
            {"@id": "http://publications.europa.eu/resource/authority/data-theme/REGI"}
        ],
        "dcat:keyword": [
            {"@value": "industri", "@language": "sv"},
            {"@value": "energi", "@language": "sv"},
            {"@value": "upphandling", "@language": "sv"},
            {"@value": "kommuner", "@language": "sv"}
        ],
        "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/SWE"},
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": format!("{first}-01-01"), "@type": "xsd:date"},
            "dcat:endDate": {"@value": format!("{last}-12-31"), "@type": "xsd:date"}
        },
        "dct:license": {"@id": "http://creativecommons.org/publicdomain/zero/1.0/"},
        "owl:versionInfo": version,
        "dcat:distribution": [
            distribution("csv", "CSV (UTF-8, komma, decimalpunkt)", "industrikommuner.csv", "text/csv"),
            distribution("parquet", "Parquet", "industrikommuner.parquet", "application/vnd.apache.parquet"),
            distribution("xlsx", "Excel (xlsx)", "industrikommuner.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            distribution("zip", "CSV med dataordlista (zip)", "industrikommuner_csv.zip", "application/zip")
        ]
    });
    if let Some(d) = catalog
        .data_version
        .as_ref()
        .and_then(|v| v.retrieved.as_ref())
    {
        dataset["dct:modified"] = json!({"@value": d, "@type": "xsd:date"});
    }
    if let Some(h) = &publisher.homepage {
        dataset["dcat:landingPage"] = json!({"@id": h});
    }
    dataset
}
