//! `industrikommuner brief` end to end on a SYNTHETIC published folder: one A4 page of PDF
//! whose text poppler reads back (the municipality, each indicator, its value, places and
//! change), drawn (pdftoppm renders ink on the page), and clear errors for an unknown
//! municipality or format. poppler-utils comes from Debian (`scripts/test.sh`).

mod common;
use common::{publish, tmp};

use std::path::Path;
use std::process::Command;

use muni_model::{Theme, Unit};
use muni_view::fixture::{C, Spec, Synthetic, v};

fn brief(args: &[&str], data: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_industrikommuner"))
        .arg("brief")
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap()
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

// Long: one brief written and read back three ways (pdfinfo, pdftotext, pdftoppm), then the
// same page as SVG in English.
#[test]
fn a_brief_is_one_a4_pdf_page_whose_text_reads_back() {
    let f = Synthetic::new()
        .indicator(
            Spec::new("employment_industry", Unit::Persons)
                .theme(Theme::Employment)
                .additive()
                .title("Sysselsatta i industrin", "Employed in industry")
                .years(2020..=2022),
            &[
                ("1496", &[v(5_000.0), v(5_500.0), v(6_000.0)][..]),
                ("0382", &[v(1_000.0), C, v(1_200.0)]),
                ("0181", &[v(9_000.0), v(9_100.0), v(9_200.0)]),
            ],
        )
        .indicator(
            Spec::new("energy_share", Unit::Percent)
                .title(
                    "Industrins andel av energianvändningen",
                    "Industry's share of energy use",
                )
                .years(2019..=2020),
            &[
                ("1496", &[v(40.0), v(42.5)][..]),
                ("0181", &[v(50.0), v(55.0)]),
            ],
        );
    let dir = tmp("brief", "ok");
    publish(&f, &dir);
    let pdf = dir.join("skovde.pdf");
    let out = brief(
        &[
            "--municipality",
            "Skövde",
            "--lang",
            "sv",
            "--out",
            pdf.to_str().unwrap(),
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = tool("pdfinfo", &[pdf.as_os_str()]);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595 x 842 pts (A4)"), "{info}");
    let text = tool(
        "pdftotext",
        &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    for expected in [
        "Skövde",
        "Sysselsatta i industrin",
        "6 000",
        "+20,0 %",
        "2020–2022",
        "Industrins andel av energianvändningen",
        // A share's change in percentage points (two lines where the column is narrow).
        "+2,5",
        "procentenheter",
        "Industrijobb",
        "Energi",
        "Dataversion 5e5e5e5e",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // The page is drawn: pdftoppm renders it with ink on it.
    let png = dir.join("page");
    tool(
        "pdftoppm",
        &[
            "-png".as_ref(),
            "-r".as_ref(),
            "40".as_ref(),
            "-singlefile".as_ref(),
            pdf.as_os_str(),
            png.as_os_str(),
        ],
    );
    let img = image::open(dir.join("page.png")).unwrap().to_luma8();
    let dark = img.pixels().filter(|p| p.0[0] < 128).count();
    assert!(dark > 500, "{dark} dark pixels");
    // The same page as SVG, in English, named after the municipality in a folder.
    let out = brief(
        &[
            "--municipality",
            "1496",
            "--lang",
            "en",
            "--format",
            "svg",
            "--out",
            dir.to_str().unwrap(),
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(dir.join("industrikommuner_profile_skovde_dv5e5e5e5e.svg"))
        .unwrap();
    assert!(svg.contains(">Employed in industry</text>"), "{svg}");
}

#[test]
fn an_unknown_municipality_or_format_is_named_and_nothing_is_written() {
    let f = Synthetic::new().indicator(
        Spec::new("x", Unit::Mwh),
        &[("1496", &[v(1.0), v(2.0)][..])],
    );
    let dir = tmp("brief", "bad");
    publish(&f, &dir);
    let out_file = dir.join("x.pdf");
    let out = brief(
        &[
            "--municipality",
            "9999",
            "--out",
            out_file.to_str().unwrap(),
        ],
        &dir,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--municipality \"9999\""), "{err}");
    assert!(!out_file.exists());
    let out = brief(&["--municipality", "1496", "--format", "docx"], &dir);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--format \"docx\": expected pdf or svg")
    );
}
