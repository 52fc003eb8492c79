//! Writes a deck of SYNTHETIC views to the path given (default `synthetic.pptx`), to look at
//! in PowerPoint or LibreOffice: a line chart with a gap and an isolated point, a ranking with a
//! selected and a withheld municipality, in Swedish and English.

use muni_model::{ChartQuery, Unit};
use muni_view::fixture::{C, Spec, Synthetic, v};
use muni_view::view::view_chart;

fn main() -> Result<(), String> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "synthetic.pptx".into());
    let f = Synthetic::new().indicator(
        Spec::new("energy_x", Unit::Mwh).years(2012..=2020),
        &[
            (
                "0181",
                &[
                    v(10.0),
                    v(12.5),
                    v(11.0),
                    v(11.5),
                    v(12.0),
                    v(12.2),
                    v(13.0),
                    v(12.4),
                    v(12.9),
                ][..],
            ),
            (
                "0382",
                &[
                    v(4.0),
                    C,
                    v(5.0),
                    v(5.5),
                    v(6.0),
                    v(6.1),
                    v(6.6),
                    v(7.0),
                    v(7.2),
                ],
            ),
            (
                "0882",
                &[C, v(7.25), C, v(8.0), v(8.1), v(8.4), v(8.0), v(7.9), C],
            ),
            (
                "1496",
                &[
                    v(8.0),
                    v(8.5),
                    v(9.0),
                    v(9.2),
                    v(9.1),
                    v(9.6),
                    v(9.9),
                    v(10.3),
                    v(10.1),
                ],
            ),
            (
                "2584",
                &[
                    v(3.0),
                    v(3.5),
                    v(3.1),
                    v(3.2),
                    v(3.6),
                    v(3.9),
                    v(4.2),
                    v(4.1),
                    v(4.4),
                ],
            ),
        ],
    );
    let (meta, file) = f.get("energy_x");
    let mut slides = Vec::new();
    for query in [
        "i=energy_x&r=0181,0382,0882&v=series",
        "i=energy_x&v=ranking&t=2020&r=1496",
        "i=energy_x&r=1496&v=series&lang=en",
    ] {
        let (q, _) = ChartQuery::parse(query);
        let (chart, _) = view_chart(&f.catalog, meta, file, None, &q).ok_or("no chart")?;
        slides.push(muni_pptx::view_slide(
            &f.catalog,
            meta,
            file,
            &q,
            chart,
            &format!("?{query}"),
            |_| Err("no map".into()),
        )?);
    }
    std::fs::write(&out, muni_pptx::deck("SYNTETISK", &slides)?).map_err(|e| e.to_string())?;
    eprintln!("wrote {out}");
    Ok(())
}
