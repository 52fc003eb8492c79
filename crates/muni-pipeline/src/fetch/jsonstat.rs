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
        let n = sizes
            .iter()
            .try_fold(1usize, |acc, &s| acc.checked_mul(s))
            .filter(|&n| n <= MAX_VALUES && sizes.iter().all(|&s| s <= MAX_VALUES))
            .ok_or_else(|| {
                fail(
                    what,
                    format!("sizes {sizes:?} make more than {MAX_VALUES} values"),
                )
            })?;
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
                        format!(
                            "dimension {id}: category index {other} does not match size {size}"
                        ),
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
            });
        }
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

    pub fn dimension(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }
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

    #[test]
    fn reads_scbs_real_example() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/api-examples/scb-pxwebapi-v2-TAB638-jsonstat2.json"
        );
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
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

/// Mutation fuzzing without a dependency: real and synthetic bodies, bytes flipped, cut,
/// duplicated and swapped, thousands of times; the parser must answer `Err` or `Ok`, never
/// panic. The count is printed (`cargo test -p muni-pipeline fuzz -- --nocapture`).
#[cfg(test)]
mod fuzz {
    use super::Cube;

    #[test]
    fn fuzz_json_stat2_parser_never_panics() {
        let mut seeds: Vec<Vec<u8>> = vec![
            r#"{"id":["Region","Tid"],"size":[2,2],"dimension":{"Region":{"category":{"index":{"0181":0,"0382":1},"label":{"0181":"Södertälje"}}},"Tid":{"category":{"index":["2019","2020"]}}},"value":[1,null,"..",4.5],"status":{"2":".."}}"#.as_bytes().to_vec(),
            br#"{"id":["A"],"size":[3],"dimension":{"A":{"category":{"index":["x","y","z"]}}},"value":{"0":1,"2":3}}"#.to_vec(),
        ];
        let real = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/api-examples/scb-pxwebapi-v2-TAB638-jsonstat2.json"
        );
        if let Ok(b) = std::fs::read(real) {
            seeds.push(b);
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = move |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n.max(1) as u64) as usize
        };
        let alphabet = b"{}[]\":,0123456789-.eE nul";
        let mut tried = 0usize;
        let mut ok = 0usize;
        for round in 0..30_000 {
            let mut b = seeds[round % seeds.len()].clone();
            for _ in 0..1 + rnd(6) {
                if b.is_empty() {
                    break;
                }
                let i = rnd(b.len());
                match rnd(4) {
                    0 => b[i] = alphabet[rnd(alphabet.len())],
                    1 => b.truncate(i),
                    2 => {
                        let j = (i + rnd(16)).min(b.len());
                        let piece = b[i..j].to_vec();
                        b.splice(i..i, piece);
                    }
                    _ => {
                        let j = rnd(b.len());
                        b.swap(i, j);
                    }
                }
            }
            let r = std::panic::catch_unwind(|| {
                Cube::parse(&b, "fuzz").map(|c| {
                    // Exercise the positions of whatever parsed.
                    for i in 0..c.values.len().min(50) {
                        let _ = c.coords(i);
                    }
                })
            });
            assert!(
                r.is_ok(),
                "panic on input {:?}",
                String::from_utf8_lossy(&b)
            );
            ok += usize::from(matches!(r, Ok(Ok(()))));
            tried += 1;
        }
        println!("JSON-stat2 fuzz: {tried} inputs without a panic ({ok} parsed, the rest refused)");
        assert_eq!(tried, 30_000);
    }
}
