//! `industrikommuner chart` end to end: PNG files of the requested size with text where the
//! title and the source line go, well-formed SVG holding the title and source, decks that
//! write every slide or none.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_industrikommuner"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    c
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("muni-chart-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(c: &mut Command) -> (bool, String) {
    let out = c.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Dark pixels (text, lines) in rows `from..to` of an RGB image.
fn ink(img: &image::RgbImage, from: u32, to: u32) -> usize {
    (from..to)
        .flat_map(|y| (0..img.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = img.get_pixel(x, y).0;
            (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) < 3 * 110
        })
        .count()
}

#[test]
fn png_at_slide_sizes_with_title_and_source_text() {
    let dir = tmp("png");
    for (size, (w, h)) in [("1920x1080", (1920, 1080)), ("small", (1280, 720))] {
        let out = dir.join(format!("{size}.png"));
        let (ok, err) = run(bin()
            .args([
                "chart",
                "--view",
                "i=energy_final_use_industry_per_inhabitant&r=0382,2284&y=2009-2020",
                "--size",
                size,
                "--out",
            ])
            .arg(&out));
        assert!(ok, "{err}");
        let img = image::open(&out).unwrap().to_rgb8();
        assert_eq!((img.width(), img.height()), (w, h));
        // The title band and the source band hold text; a blank band would mean no font.
        let title = ink(&img, 0, h / 14);
        let source = ink(&img, h - h / 12, h);
        assert!(title > 300, "title band: {title} dark pixels");
        assert!(source > 300, "source band: {source} dark pixels");
    }
}

#[test]
fn svg_is_well_formed_with_title_unit_and_source() {
    let dir = tmp("svg");
    let (ok, err) = run(bin()
        .args([
            "chart",
            "--view",
            "i=electricity_production_total&v=ranking&t=2019&r=0382&lang=en",
            "--format",
            "svg",
            "--out",
        ])
        .arg(&dir));
    assert!(ok, "{err}");
    // Named by what it shows and the data version it shows it from.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let name = &names[0];
    let dv = name
        .strip_prefix("industrikommuner_elproduktion_2019_dv")
        .and_then(|n| n.strip_suffix(".svg"))
        .unwrap_or_else(|| panic!("{name}"));
    assert!(muni_model::DataVersion::is_id(dv), "{name}");
    let file = dir.join(name);
    let svg = std::fs::read_to_string(&file).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut texts = String::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                texts.push_str(&t.decode().unwrap());
                texts.push('\n');
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(texts.contains("Electricity production 2019"), "{texts}");
    assert!(texts.contains("MWh"), "unit");
    assert!(texts.contains("Source: Statistics Sweden"), "source line");
    assert!(texts.contains("Östhammar"), "the selected municipality");
}

#[test]
fn a_deck_writes_every_slide_or_none() {
    let dir = tmp("deck");
    let deck = dir.join("deck.toml");
    std::fs::write(
        &deck,
        r#"size = "small"
format = "png"
[[slide]]
name = "01-energi"
view = "i=energy_final_use_industry_per_inhabitant&r=0382"
[[slide]]
view = "i=population&v=ranking&r=0180"
size = "960x540"
[[slide]]
name = "../../escape"
view = "i=procurement_count&r=0181&lang=en"
"#,
    )
    .unwrap();
    let out = dir.join("slides");
    let (ok, err) = run(bin()
        .args(["chart", "--deck"])
        .arg(&deck)
        .arg("--out")
        .arg(&out));
    assert!(ok, "{err}");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    assert_eq!(files[0], "01-energi.png");
    assert!(
        files[1].starts_with("02_industrikommuner_folkmangd_"),
        "{files:?}"
    );
    assert_eq!(
        files[2], "escape.png",
        "a slide name cannot leave the folder"
    );
    let second = image::open(out.join(&files[1])).unwrap();
    assert_eq!((second.width(), second.height()), (960, 540));

    // One bad slide: the error names it, and nothing is written.
    std::fs::write(
        &deck,
        "[[slide]]\nview = \"i=population&r=0180\"\n[[slide]]\nview = \"i=population&r=01x\"\n",
    )
    .unwrap();
    let out2 = dir.join("slides2");
    let (ok, err) = run(bin()
        .args(["chart", "--deck"])
        .arg(&deck)
        .arg("--out")
        .arg(&out2));
    assert!(!ok);
    assert!(err.contains("slide 2") && err.contains("01x"), "{err}");
    assert!(!out2.exists(), "nothing written");
}

#[test]
fn bad_views_are_refused_clearly() {
    let dir = tmp("bad");
    for (view, says) in [
        ("i=nope", "unknown indicator \"nope\""),
        ("i=population&v=profile", "a profile is a table"),
        ("i=electricity_production_solar", "awaiting a fetch"),
        ("i=population&y=20x", "y=20x"),
        ("i=labour_employment_rate&m=index&b=2020", "is a rate"),
    ] {
        let (ok, err) = run(bin()
            .args(["chart", "--view", view, "--out"])
            .arg(dir.join("x.png")));
        assert!(!ok && err.contains(says), "{view}: {err}");
    }
    let (ok, err) = run(bin().args(["chart", "--view", "i=population", "--size", "99x99"]));
    assert!(!ok && err.contains("between 200×150"), "{err}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
