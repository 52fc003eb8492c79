//! JSON-stat 2.0 (SCB's PxWebApi v2 and PxWeb v1 `json-stat2`): dimensions, their categories in
//! index order, and the flat row-major value array, checked against each other.

use std::collections::BTreeMap;

use serde_json::Value;

/// One dimension: its id and its category codes and labels, in index order.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub codes: Vec<String>,
    pub labels: Vec<String>,
    /// The table's metadata says the variable cannot be eliminated (`elimination: false`):
    /// SCB answers 400 to a request that leaves it out.
    pub mandatory: bool,
}

impl Dimension {
    /// The category that totals the others, if the table has one: code `tot`/`TOT` or BAS's
    /// `A-U+US` (all SNI sections and unknown, whatever its label says), or a label beginning
    /// with "total", "samtliga", "summa" or "alla".
    pub fn total(&self) -> Option<usize> {
        (0..self.codes.len()).find(|&i| {
            let l = self.labels[i].to_lowercase();
            self.codes[i].eq_ignore_ascii_case("tot")
                || self.codes[i] == "A-U+US"
                || ["total", "samtliga", "summa", "alla "]
                    .iter()
                    .any(|p| l.starts_with(p))
        })
    }

    pub fn position(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c == code)
    }
}

/// A parsed cube. `values[i]` belongs to the categories `coords(i)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cube {
    pub dimensions: Vec<Dimension>,
    pub values: Vec<Option<f64>>,
    /// Status markers by value position (SCB: `..` withheld, `.` not applicable, `-` nil).
    pub status: BTreeMap<usize, String>,
}

fn fail(what: &str, msg: impl std::fmt::Display) -> String {
    format!("{what}: JSON-stat2: {msg}")
}

impl Cube {
    /// Parses and checks a JSON-stat 2.0 dataset; `what` (a URL or file) names it in errors.
    pub fn parse(bytes: &[u8], what: &str) -> Result<Cube, String> {
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| fail(what, format!("not JSON ({e})")))?;
        Self::from_json_stat2(&v, what)
    }

    /// An answer in whichever format SCB sent: JSON-stat 2.0 (v2, or v1 `json-stat2`) or
    /// PxWeb v1 `json` (`columns` and `data`).
    pub fn parse_answer(bytes: &[u8], what: &str) -> Result<Cube, String> {
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| format!("{what}: not JSON ({e})"))?;
        if v.get("columns").is_some() && v.get("data").is_some() {
            Self::from_pxweb_json(&v, what)
        } else {
            Self::from_json_stat2(&v, what)
        }
    }

    /// A table's metadata: the dimensions and their categories, from PxWebApi v2's JSON-stat2
    /// metadata (no values) or PxWeb v1's `variables` list.
    pub fn parse_metadata(bytes: &[u8], what: &str) -> Result<Vec<Dimension>, String> {
        let v: Value = serde_json::from_slice(bytes)
            .map_err(|e| format!("{what}: metadata is not JSON ({e})"))?;
        if let Some(vars) = v.get("variables").and_then(Value::as_array) {
            let mut out = Vec::new();
            for var in vars {
                let id = var["code"]
                    .as_str()
                    .ok_or_else(|| format!("{what}: a variable has no code"))?;
                let strings = |key: &str| -> Result<Vec<String>, String> {
                    var[key]
                        .as_array()
                        .ok_or_else(|| format!("{what}: variable {id} has no {key}"))?
                        .iter()
                        .map(|x| {
                            x.as_str().map(str::to_owned).ok_or_else(|| {
                                format!("{what}: variable {id}: {x} in {key} is not a string")
                            })
                        })
                        .collect()
                };
                let codes = strings("values")?;
                let labels = strings("valueTexts")?;
                if codes.len() != labels.len() {
                    return Err(format!(
                        "{what}: variable {id} has {} values and {} texts",
                        codes.len(),
                        labels.len()
                    ));
                }
                out.push(Dimension {
                    id: id.to_owned(),
                    codes,
                    labels,
                    // PxWeb v1 marks the variables that may be left out; the others may not.
                    mandatory: var["elimination"].as_bool() != Some(true),
                });
            }
            return Ok(out);
        }
        let (dimensions, _, _) = dimensions(&v, what, Holds::Categories)?;
        Ok(dimensions)
    }

    /// PxWeb v1 `json`: `columns` (`d` dimensions, `t` time, `c` contents) and `data` rows of
    /// codes and string values. The contents become a last `ContentsCode` dimension; every
    /// combination of codes must be present exactly once.
    // Long: reads PxWeb v1's JSON field by field, each check next to the field it checks.
    fn from_pxweb_json(v: &Value, what: &str) -> Result<Cube, String> {
        let fail = |m: String| format!("{what}: PxWeb json: {m}");
        let columns = v["columns"]
            .as_array()
            .ok_or_else(|| fail("no columns".into()))?;
        let mut dims: Vec<Dimension> = Vec::new();
        let mut contents = Dimension {
            id: "ContentsCode".into(),
            codes: Vec::new(),
            labels: Vec::new(),
            mandatory: true,
        };
        for c in columns {
            let code = c["code"]
                .as_str()
                .ok_or_else(|| fail("a column has no code".into()))?;
            let text = c["text"].as_str().unwrap_or(code);
            match c["type"].as_str() {
                Some("c") => {
                    contents.codes.push(code.to_owned());
                    contents.labels.push(text.to_owned());
                }
                Some("d" | "t") => dims.push(Dimension {
                    id: code.to_owned(),
                    codes: Vec::new(),
                    labels: Vec::new(),
                    mandatory: false,
                }),
                other => return Err(fail(format!("column {code} has type {other:?}"))),
            }
        }
        if contents.codes.is_empty() {
            return Err(fail("no contents column".into()));
        }
        let rows = v["data"].as_array().ok_or_else(|| fail("no data".into()))?;
        let mut positions: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); dims.len()];
        let mut keyed: Vec<(Vec<usize>, &Vec<Value>)> = Vec::with_capacity(rows.len());
        for (r, row) in rows.iter().enumerate() {
            let key = row["key"]
                .as_array()
                .filter(|k| k.len() == dims.len())
                .ok_or_else(|| {
                    fail(format!(
                        "row {r}: the key does not name {} codes",
                        dims.len()
                    ))
                })?;
            let vals = row["values"]
                .as_array()
                .filter(|x| x.len() == contents.codes.len())
                .ok_or_else(|| fail(format!("row {r}: not {} values", contents.codes.len())))?;
            let mut at = Vec::with_capacity(dims.len());
            for (d, k) in key.iter().enumerate() {
                let k = k
                    .as_str()
                    .ok_or_else(|| fail(format!("row {r}: key {k} is not a string")))?;
                let next = positions[d].len();
                let p = *positions[d].entry(k.to_owned()).or_insert_with(|| {
                    dims[d].codes.push(k.to_owned());
                    dims[d].labels.push(k.to_owned());
                    next
                });
                at.push(p);
            }
            keyed.push((at, vals));
        }
        let n_contents = contents.codes.len();
        dims.push(contents);
        let n = dims
            .iter()
            .try_fold(1usize, |acc, d| acc.checked_mul(d.codes.len()))
            .filter(|&n| n <= 10_000_000)
            .ok_or_else(|| fail("too many cells".into()))?;
        let mut values = vec![None; n];
        let mut seen = vec![false; n];
        let mut status = BTreeMap::new();
        for (at, vals) in keyed {
            let mut base = 0usize;
            for (d, &p) in at.iter().enumerate() {
                base = base * dims[d].codes.len() + p;
            }
            for (c, x) in vals.iter().enumerate() {
                let i = base * n_contents + c;
                if std::mem::replace(&mut seen[i], true) {
                    return Err(fail(format!("the cell {i} is given twice")));
                }
                values[i] = number(x).map_err(|e| fail(format!("cell {i}: {e}")))?;
                if values[i].is_none() {
                    status.insert(i, x.as_str().unwrap_or("null").to_owned());
                }
            }
        }
        let missing = seen.iter().filter(|s| !**s).count();
        if missing > 0 {
            return Err(fail(format!("{missing} of {n} cells are absent")));
        }
        Ok(Cube {
            dimensions: dims,
            values,
            status,
        })
    }

    fn from_json_stat2(v: &Value, what: &str) -> Result<Cube, String> {
        let (dimensions, sizes, n) = dimensions(v, what, Holds::Values)?;
        let mut values = vec![None; n];
        match &v["value"] {
            Value::Array(a) => {
                if a.len() != n {
                    return Err(fail(
                        what,
                        format!("{} values, but the sizes {sizes:?} make {n}", a.len()),
                    ));
                }
                for (i, x) in a.iter().enumerate() {
                    values[i] = number(x).map_err(|e| fail(what, format!("value {i}: {e}")))?;
                }
            }
            Value::Object(m) => {
                for (k, x) in m {
                    let i: usize = k.parse().ok().filter(|&i| i < n).ok_or_else(|| {
                        fail(what, format!("value position {k:?} outside 0..{n}"))
                    })?;
                    values[i] = number(x).map_err(|e| fail(what, format!("value {i}: {e}")))?;
                }
            }
            _ => return Err(fail(what, "no \"value\" array")),
        }
        let mut status = BTreeMap::new();
        match &v["status"] {
            Value::Object(m) => {
                for (k, s) in m {
                    let i: usize = k.parse().ok().filter(|&i| i < n).ok_or_else(|| {
                        fail(what, format!("status position {k:?} outside 0..{n}"))
                    })?;
                    status.insert(i, s.as_str().unwrap_or_default().to_owned());
                }
            }
            Value::Array(a) => {
                for (i, s) in a.iter().enumerate().take(n) {
                    if let Some(s) = s.as_str().filter(|s| !s.is_empty()) {
                        status.insert(i, s.to_owned());
                    }
                }
            }
            Value::String(s) => {
                for i in 0..n {
                    status.insert(i, s.clone());
                }
            }
            _ => {}
        }
        Ok(Cube {
            dimensions,
            values,
            status,
        })
    }

    /// The category position in every dimension of value `i` (row-major: the last dimension
    /// varies fastest).
    pub fn coords(&self, mut i: usize) -> Vec<usize> {
        let mut out = vec![0; self.dimensions.len()];
        for d in (0..self.dimensions.len()).rev() {
            let size = self.dimensions[d].codes.len();
            out[d] = i % size;
            i /= size;
        }
        out
    }

    /// Labels from the table's metadata where the answer has none of its own (PxWeb v1 `json`
    /// carries codes only).
    pub fn relabel(&mut self, meta: &[Dimension]) {
        for d in &mut self.dimensions {
            let Some(m) = meta.iter().find(|m| m.id == d.id) else {
                continue;
            };
            for (code, label) in d.codes.iter().zip(d.labels.iter_mut()) {
                if label == code
                    && let Some(i) = m.position(code)
                {
                    label.clone_from(&m.labels[i]);
                }
            }
        }
    }

    pub fn dimension(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }
}

/// What a JSON-stat 2.0 document holds: a data answer's values, or a table's metadata, which
/// describes the whole cube (TAB638: 312 × 4 × 102 × 2 × 2 × 57 = 29 million cells) and holds
/// none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Values,
    Categories,
}

/// The dimensions of a JSON-stat 2.0 dataset, their sizes and the number of cells, checked
/// against each other. A data answer's cells are capped; metadata's dimensions each are.
// Long: reads JSON-stat's dimensions field by field, each check next to the field it checks.
fn dimensions(
    v: &Value,
    what: &str,
    holds: Holds,
) -> Result<(Vec<Dimension>, Vec<usize>, usize), String> {
    let ids: Vec<String> = v["id"]
        .as_array()
        .ok_or_else(|| fail(what, "no \"id\" array"))?
        .iter()
        .map(|x| {
            x.as_str()
                .map(str::to_owned)
                .ok_or_else(|| fail(what, "a dimension id is not a string"))
        })
        .collect::<Result<_, _>>()?;
    let sizes: Vec<usize> = v["size"]
        .as_array()
        .ok_or_else(|| fail(what, "no \"size\" array"))?
        .iter()
        .map(|x| {
            x.as_u64()
                .map(|n| n as usize)
                .ok_or_else(|| fail(what, format!("size {x} is not a count")))
        })
        .collect::<Result<_, _>>()?;
    // SCB answers at most 100,000 values; anything far beyond is not an answer to us.
    const MAX_VALUES: usize = 10_000_000;
    // No dimension of a real table has nearly this many categories (Region: 312).
    const MAX_CATEGORIES: usize = 100_000;
    if let Some(s) = sizes.iter().find(|&&s| s > MAX_CATEGORIES) {
        return Err(fail(
            what,
            format!(
                "a dimension of size {s} (sizes {sizes:?}): more than {MAX_CATEGORIES} categories"
            ),
        ));
    }
    let n = match holds {
        Holds::Values => sizes
            .iter()
            .try_fold(1usize, |acc, &s| acc.checked_mul(s))
            .filter(|&n| n <= MAX_VALUES)
            .ok_or_else(|| {
                fail(
                    what,
                    format!("sizes {sizes:?} make more than {MAX_VALUES} values"),
                )
            })?,
        Holds::Categories => 0,
    };
    if ids.len() != sizes.len() {
        return Err(fail(
            what,
            format!("{} dimension ids but {} sizes", ids.len(), sizes.len()),
        ));
    }
    let mut dimensions = Vec::new();
    for (id, &size) in ids.iter().zip(&sizes) {
        let cat = &v["dimension"][id]["category"];
        let mut codes = vec![String::new(); size];
        match &cat["index"] {
            Value::Object(m) => {
                for (code, pos) in m {
                    let p = pos.as_u64().map(|p| p as usize).filter(|&p| p < size).ok_or_else(|| {
                        fail(what, format!("dimension {id}: category {code} has index {pos}, size is {size}"))
                    })?;
                    codes[p] = code.clone();
                }
                if m.len() != size {
                    return Err(fail(
                        what,
                        format!("dimension {id}: {} categories, size says {size}", m.len()),
                    ));
                }
            }
            Value::Array(a) if a.len() == size => {
                for (p, c) in a.iter().enumerate() {
                    codes[p] = c.as_str().unwrap_or_default().to_owned();
                }
            }
            Value::Null if size == 1 => {
                // A single category may come with labels only.
                codes[0] = cat["label"]
                    .as_object()
                    .and_then(|m| m.keys().next().cloned())
                    .unwrap_or_default();
            }
            other => {
                return Err(fail(
                    what,
                    format!("dimension {id}: category index {other} does not match size {size}"),
                ));
            }
        }
        if codes.iter().any(String::is_empty) {
            return Err(fail(
                what,
                format!("dimension {id}: a category has no code"),
            ));
        }
        let labels = codes
            .iter()
            .map(|c| cat["label"][c].as_str().unwrap_or(c).to_owned())
            .collect();
        dimensions.push(Dimension {
            id: id.clone(),
            codes,
            labels,
            // PxWebApi v2 metadata: `extension.elimination` per variable.
            mandatory: v["dimension"][id]["extension"]["elimination"].as_bool() == Some(false),
        });
    }
    Ok((dimensions, sizes, n))
}

/// A JSON-stat value: a number, `null`, or a number or SCB marker as a string.
fn number(x: &Value) -> Result<Option<f64>, String> {
    match x {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_f64()
            .map(Some)
            .ok_or_else(|| format!("{n} is not a number")),
        Value::String(s) if matches!(s.as_str(), ".." | "." | "-" | "..C" | "") => Ok(None),
        Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{s:?} is neither a number nor a marker")),
        other => Err(format!("{other} is not a value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fetch::recorded as real;

    #[test]
    fn the_real_tab638_metadata_describes_a_cube_larger_than_any_answer() {
        // 312 × 4 × 102 × 2 × 2 × 57 = 29,023,488 cells: metadata, not values.
        let dims =
            Cube::parse_metadata(&real("scb-pxwebapi-v2-TAB638-metadata.json"), "TAB638").unwrap();
        let sizes: Vec<(&str, usize)> = dims
            .iter()
            .map(|d| (d.id.as_str(), d.codes.len()))
            .collect();
        assert_eq!(
            sizes,
            [
                ("Region", 312),
                ("Civilstand", 4),
                ("Alder", 102),
                ("Kon", 2),
                ("ContentsCode", 2),
                ("Tid", 57)
            ]
        );
        let tid = &dims[5];
        assert_eq!(
            (tid.codes[0].as_str(), tid.codes[56].as_str()),
            ("1968", "2024")
        );
        let contents = &dims[4];
        assert_eq!(contents.codes, ["BE0101N1", "BE0101N2"]);
        // Only the contents and the time may not be left out of a request.
        let mandatory: Vec<&str> = dims
            .iter()
            .filter(|d| d.mandatory)
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(mandatory, ["ContentsCode", "Tid"]);
        // A data answer of that size is still refused.
        let mut v: Value =
            serde_json::from_slice(&real("scb-pxwebapi-v2-TAB638-metadata.json")).unwrap();
        v["value"] = Value::Array(vec![]);
        let e = Cube::from_json_stat2(&v, "TAB638").unwrap_err();
        assert!(e.contains("make more than 10000000 values"), "{e}");
    }

    #[test]
    fn reads_scbs_real_example() {
        let bytes = real("scb-pxwebapi-v2-TAB638-jsonstat2.json");
        let c = Cube::parse(&bytes, "TAB638").unwrap();
        assert_eq!(c.dimensions[0].id, "Region");
        assert_eq!(c.dimensions[0].codes, ["00"]);
        assert_eq!(c.values, [Some(50937.0)]);
    }

    #[test]
    fn row_major_positions_and_markers() {
        let body = r#"{"version":"2.0","class":"dataset","id":["Region","Tid"],"size":[2,3],
          "dimension":{"Region":{"category":{"index":{"0182":1,"0181":0},"label":{"0181":"Södertälje","0182":"Nacka"}}},
                       "Tid":{"category":{"index":["2019","2020","2021"]}}},
          "value":[1,2,null,4,"5",".."],"status":{"2":".."}}"#.as_bytes();
        let c = Cube::parse(body, "t").unwrap();
        assert_eq!(c.dimensions[0].codes, ["0181", "0182"]);
        assert_eq!(c.dimensions[0].labels[0], "Södertälje");
        assert_eq!(c.coords(4), [1, 1]);
        assert_eq!(
            c.values,
            [Some(1.0), Some(2.0), None, Some(4.0), Some(5.0), None]
        );
        assert_eq!(c.status.get(&2).map(String::as_str), Some(".."));
    }

    #[test]
    fn inconsistent_cubes_are_refused_with_the_reason() {
        let wrong_size = br#"{"id":["Region"],"size":[3],"dimension":{"Region":{"category":{"index":["a","b","c"]}}},"value":[1,2]}"#;
        assert!(
            Cube::parse(wrong_size, "u")
                .unwrap_err()
                .contains("2 values, but the sizes [3] make 3")
        );
        let bad_index = br#"{"id":["Region"],"size":[2],"dimension":{"Region":{"category":{"index":{"a":0,"b":5}}}},"value":[1,2]}"#;
        assert!(
            Cube::parse(bad_index, "u")
                .unwrap_err()
                .contains("category b has index 5")
        );
        let bad_value = br#"{"id":["Region"],"size":[1],"dimension":{"Region":{"category":{"index":["a"]}}},"value":["12x"]}"#;
        assert!(
            Cube::parse(bad_value, "u")
                .unwrap_err()
                .contains("\"12x\" is neither a number nor a marker")
        );
        assert!(
            Cube::parse(b"{\"id\":[", "u")
                .unwrap_err()
                .starts_with("u: JSON-stat2: not JSON")
        );
    }
}

/// Mutation fuzzing of the JSON-stat2 parser (see [`crate::fuzz`]).
#[cfg(test)]
mod fuzz {
    use super::Cube;

    #[test]
    fn fuzz_json_stat2_parser_never_panics() {
        let mut seeds: Vec<Vec<u8>> = vec![
            r#"{"id":["Region","Tid"],"size":[2,2],"dimension":{"Region":{"category":{"index":{"0181":0,"0382":1},"label":{"0181":"Södertälje"}}},"Tid":{"category":{"index":["2019","2020"]}}},"value":[1,null,"..",4.5],"status":{"2":".."}}"#.as_bytes().to_vec(),
            br#"{"id":["A"],"size":[3],"dimension":{"A":{"category":{"index":["x","y","z"]}}},"value":{"0":1,"2":3}}"#.to_vec(),
            r#"{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Tid","text":"år","type":"t"},{"code":"BE0101N1","text":"Folkmängd","type":"c"}],"data":[{"key":["0181","2023"],"values":["1"]},{"key":["0181","2024"],"values":[".."]}]}"#.as_bytes().to_vec(),
        ];
        for real in [
            "scb-pxwebapi-v2-TAB638-jsonstat2.json",
            "scb-pxweb-v1-BefolkningNy-json.json",
        ] {
            seeds.push(crate::fetch::recorded(real));
        }
        let (tried, ok) = crate::fuzz::mutate(&seeds, 30_000, b"{}[]\":,0123456789-.eE nul", |b| {
            Cube::parse_answer(b, "fuzz")
                .map(|c| {
                    // Exercise the positions of whatever parsed.
                    for i in 0..c.values.len().min(50) {
                        let _ = c.coords(i);
                    }
                })
                .is_ok()
                | Cube::parse_metadata(b, "fuzz").is_ok()
        });
        println!(
            "JSON-stat2 / PxWeb json fuzz: {tried} inputs without a panic ({ok} parsed, the rest refused)"
        );
        assert_eq!(tried, 30_000);
    }
}
