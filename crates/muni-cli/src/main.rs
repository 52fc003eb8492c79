//! `industrikommuner`: the users' command line. `import` reads the upstream public files into
//! `data/`, `build` aggregates and publishes `public/data/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod brief;
mod chart;

#[derive(Parser)]
#[command(
    name = "industrikommuner",
    version,
    about = "Statistics of Sweden's industrial municipalities: build the published data."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the upstream public files (SCB, Upphandlingsmyndigheten, the member list) and
    /// replace data/normalised/ with their normalised, checked form.
    ///
    /// Example: industrikommuner import --upstream ../shared/data --data data
    Import {
        /// Folder with the upstream copies (scb-energy/, scb-population/, …).
        #[arg(long, default_value = "../shared/data")]
        upstream: PathBuf,
        /// The project's data folder (holds buyer_attribution.csv; normalised/ is written).
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Aggregate the indicators from data/normalised/ with polars and replace public/data/
    /// (catalog, indicator files, full dataset as Parquet and CSV).
    ///
    /// Example: industrikommuner build --data data --out public/data
    Build {
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[arg(long, default_value = "public/data")]
        out: PathBuf,
    },
    /// Write the rows of a view (one per municipality × year) as CSV, Parquet or JSON: the
    /// numbers the dashboard shows, in full precision, with unit, status and source.
    #[command(after_help = "Examples:
  industrikommuner extract --indicator employment_industry --municipalities network,0181,00 --years 2020-2024 --format csv-excel --out industrijobb.csv
  industrikommuner extract --indicator energy_final_use_industry --measure per_inhabitant --years 2010-2020
  industrikommuner extract --indicator population --municipalities 0181,network,00 --format csv-excel --out befolkning.csv
  industrikommuner extract --indicator electricity_production_total --measure index:2009 --format parquet --out el.parquet
  industrikommuner extract --indicator procurement_count --municipalities all --format json
  industrikommuner extract --indicator employment_industry_share --municipalities network,00 --format xlsx --out industri.xlsx

Regions: municipality codes (0181), network, lan01 … lan25 (a county's municipalities),
01 … 25 (the county itself), 00 (Riket), network_median, all (the 290 municipalities).
Statuses: ok, confidential (withheld by the source), missing, incomplete (a group value over
members of which some are withheld). Text cells never start a spreadsheet formula.")]
    Extract(ExtractArgs),
    /// Draw a chart as PNG or SVG from the same parameters as the dashboard's URL (title,
    /// unit and source line included), or every slide of a deck file.
    #[command(after_help = "Examples:
  industrikommuner chart --view 'i=employment_industry_share&v=ranking&r=0181' --out industrijobb.png
  industrikommuner chart --view 'i=energy_final_use_industry_per_inhabitant&r=0382' --out energi.png
  industrikommuner chart --view 'i=electricity_production_total&v=ranking&t=2019&r=0382' --size 1280x720 --format svg --out slides/
  industrikommuner chart --deck deck.toml --out slides/
  industrikommuner chart --deck deck.toml --format pptx --out presentation.pptx

The view is the query of a dashboard link (everything after ?): i indicator, r municipalities,
g groups, y years FROM-TO, m=index with b base year, v series or ranking, t ranking year,
s network or sweden, lang sv or en.

A deck file:
  size = \"1920x1080\"      # or slide (1920x1080), small (1280x720), screen (960x540)
  format = \"png\"          # or svg, or pptx (one file: a slide per view, editable charts
                           # with their data, the summary, the source line and notes)
  [[slide]]
  name = \"01-energi\"
  view = \"i=energy_final_use_industry_per_inhabitant&r=0382\"")]
    Chart(ChartArgs),
    /// Bring the latest figures from the open APIs: employment by industry (SCB), energy (SCB),
    /// population (SCB), procurement (Upphandlingsmyndigheten) and, with --only kolada, a
    /// cross-check against Kolada. Raw answers are cached under data/raw/; the figures are
    /// normalised into data/normalised/ and public/data/ is rebuilt. Nothing changes unless
    /// everything succeeded.
    #[command(after_help = "Examples:
  industrikommuner fetch
  industrikommuner fetch --dry-run
  industrikommuner fetch --only employment,energy --since 2015
  industrikommuner fetch --only population,kolada

Employment: RAMS 2008-2018 (TAB900), RAMS 2019-2021 (TAB5837; series break in 2019), BAS 2022-
(TAB3785). Energy: SlutAnvSektor (TAB3654), ProdbrEl (TAB3451). Population: BefolkningNy (TAB638).
Procurement: RowStore datasets of notices and contracted values, 2021-.
At most 10 calls per 10 seconds and 100,000 values per call (SCB's limits); 429 and 5xx are
retried with backoff, honouring Retry-After. A run that stops can be resumed: cached answers are
reused (--refresh downloads again); each table's metadata is read afresh to learn its years.")]
    Fetch(FetchArgs),
    /// A municipality's profile on one A4 page, for the meeting: the profile in a sentence,
    /// the headline figures, then every indicator by theme with its latest value, its places in
    /// the network and in Sweden, its change and a sparkline against the network median.
    #[command(after_help = "Examples:
  industrikommuner brief --municipality 1496 --lang sv --out skovde.pdf
  industrikommuner brief --municipality Sandviken --lang en --out sandviken.svg
  industrikommuner brief --municipality 0181 --out briefs/

The PDF embeds its fonts (DejaVu Sans); the SVG is the same page. Without --out, or with a
folder, the file is named after the municipality and the data version.")]
    Brief(BriefArgs),
}

#[derive(clap::Args)]
struct BriefArgs {
    /// The municipality's code (1496) or name (Skövde).
    #[arg(long)]
    municipality: String,
    /// sv or en.
    #[arg(long, default_value = "sv")]
    lang: String,
    /// pdf or svg; default: from the --out file's extension, else pdf.
    #[arg(long)]
    format: Option<String>,
    /// The published data to read.
    #[arg(long, default_value = "public/data")]
    data: PathBuf,
    /// Output file or folder.
    #[arg(long, default_value = ".")]
    out: PathBuf,
}

/// `--out`: a file, or a folder that gets a file named `name` (after what is inside).
fn into(out: PathBuf, name: &str) -> PathBuf {
    if out.is_dir() { out.join(name) } else { out }
}

fn parse_lang(s: &str) -> Result<muni_model::Lang, String> {
    match s {
        "sv" => Ok(muni_model::Lang::Sv),
        "en" => Ok(muni_model::Lang::En),
        other => Err(format!("--lang {other:?}: expected sv or en")),
    }
}

fn brief_command(a: BriefArgs) -> Result<(), String> {
    let lang = parse_lang(&a.lang)?;
    let by_ext = a
        .out
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| matches!(*e, "pdf" | "svg"));
    let format = match a.format.as_deref().or(by_ext).unwrap_or("pdf") {
        f @ ("pdf" | "svg") => f.to_owned(),
        other => return Err(format!("--format {other:?}: expected pdf or svg")),
    };
    let (svg, stem) = brief::brief(&a.data, &a.municipality, lang)?;
    let bytes = if format == "pdf" {
        brief::to_pdf(&svg)?
    } else {
        svg.into_bytes()
    };
    let path = into(a.out, &format!("{stem}.{format}"));
    muni_pipeline::fsutil::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    eprintln!("wrote {} (A4, one page)", path.display());
    Ok(())
}

#[derive(clap::Args)]
struct FetchArgs {
    /// What to bring, comma-separated: employment, energy, population, procurement, kolada
    /// (a cross-check that changes no figure).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "employment,energy,population,procurement"
    )]
    only: Vec<String>,
    /// First year to fetch (default: each table's first year).
    #[arg(long)]
    since: Option<u16>,
    /// Last year to ask for (default: last year).
    #[arg(long)]
    until: Option<u16>,
    /// Read each SCB table's metadata (one small GET per table) and list the data requests
    /// without making them.
    #[arg(long)]
    dry_run: bool,
    /// Download again even where data/raw/ has the answer.
    #[arg(long)]
    refresh: bool,
    /// SCB's API: v2 (PxWebApi 2, JSON-stat2) or v1 (PxWeb, json).
    #[arg(long, default_value = "v2")]
    scb_api: String,
    /// One server for every API, with the live paths under it (a mirror or a replay server).
    #[arg(long)]
    base: Option<String>,
    /// No progress bars (plain lines when stderr is not a terminal anyway).
    #[arg(long)]
    quiet: bool,
    #[arg(long, default_value = "data")]
    data: PathBuf,
    #[arg(long, default_value = "public/data")]
    out: PathBuf,
}

/// Progress bars on a terminal; one plain line per theme otherwise.
struct Bars {
    bar: indicatif::ProgressBar,
    quiet: bool,
}

impl Bars {
    fn new(quiet: bool) -> Bars {
        // Drawn from the first theme on (an empty bar would show as full).
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix:>12} [{bar:30}] {pos}/{len} {wide_msg} ({elapsed})",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        Bars { bar, quiet }
    }
}

impl muni_pipeline::fetch::Progress for Bars {
    fn start(&self, theme: &str, total: usize) {
        if !self.quiet && self.bar.is_hidden() {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.reset();
        self.bar.set_length(total as u64);
        self.bar.set_prefix(theme.to_owned());
        if !self.quiet && self.bar.is_hidden() {
            eprintln!("{theme}: {total} requests");
        }
    }
    fn step(&self, label: &str, from_cache: bool) {
        self.bar.set_message(if from_cache {
            format!("{label} (cache)")
        } else {
            label.to_owned()
        });
        self.bar.inc(1);
    }
    fn grow(&self, by: usize) {
        self.bar.inc_length(by as u64);
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

// Long: the command line's flags turned into the fetch's options, the progress bars, and the
// report printed after, in the order a user sees them.
fn fetch_command(a: FetchArgs) -> Result<(), String> {
    use muni_pipeline::fetch;
    let only = a
        .only
        .iter()
        .map(|s| fetch::Theme::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let this_year = 1970
        + (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            / 31_556_952) as u16;
    let until = a.until.unwrap_or(this_year - 1);
    let since = a.since.unwrap_or(0);
    if since > until {
        return Err(format!("--since {since} is after --until {until}"));
    }
    let o = fetch::Options {
        endpoints: a
            .base
            .as_deref()
            .map_or_else(fetch::Endpoints::live, fetch::Endpoints::under),
        api: fetch::Api::parse(&a.scb_api)?,
        data: a.data,
        out: a.out.clone(),
        only,
        since,
        until,
        politeness: fetch::http::Politeness::default(),
        use_cache: !a.refresh,
        progress: Box::new(Bars::new(a.quiet)),
    };
    if a.dry_run {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for r in fetch::plan(&o).map_err(|e| e.to_string())? {
            let method = if r.body.is_some() { "POST" } else { "GET " };
            // A closed pipe (`| head`) ends the listing quietly.
            if writeln!(out, "{method} {}\n     {}", r.url, r.describe()).is_err() {
                break;
            }
            if let Some(b) = &r.body
                && writeln!(out, "     {b}").is_err()
            {
                break;
            }
        }
        return Ok(());
    }
    let report = fetch::run(&o).map_err(|e| {
        if e.is_network() {
            format!(
                "{e}\nNothing in data/normalised/ or public/data/ was changed. Check the network and run again: answers already in data/raw/ are reused."
            )
        } else {
            format!("{e}\nNothing in data/normalised/ or public/data/ was changed.")
        }
    })?;
    for line in &report.log {
        eprintln!("  {line}");
    }
    for t in &report.themes {
        let years = t
            .years
            .map(|(a, b)| format!("{a}–{b}"))
            .unwrap_or_else(|| "no years".into());
        eprintln!(
            "{:>12} {years}: {} rows from {} answers ({} from the cache)",
            t.theme.name(),
            t.rows,
            t.requests,
            t.from_cache
        );
        if t.unknown_buyers > 0 {
            eprintln!(
                "{:>12} {} notices name no buyer (Uppgift saknas): kept, attributed to no municipality",
                "", t.unknown_buyers
            );
        }
    }
    if let Some(c) = &report.cross_check {
        for line in &c.compared {
            eprintln!("Kolada compared {line}");
        }
        eprintln!(
            "Kolada agrees on {} figures; {} differ or are missing here:",
            c.agree,
            c.lines.len()
        );
        for l in &c.lines {
            eprintln!("  {l}");
        }
    }
    if report
        .themes
        .iter()
        .any(|t| t.theme != fetch::Theme::Kolada)
    {
        eprintln!("rebuilt {}", a.out.display());
        print_changes(report.changes.as_ref(), &a.out);
    }
    Ok(())
}

#[derive(clap::Args)]
struct ChartArgs {
    /// The view, as in a dashboard link's query.
    #[arg(long, conflicts_with = "deck", required_unless_present = "deck")]
    view: Option<String>,
    /// A TOML deck listing several views; --out is then a folder.
    #[arg(long)]
    deck: Option<PathBuf>,
    /// WIDTHxHEIGHT, or slide (1920x1080), small (1280x720), screen (960x540).
    #[arg(long, default_value = "1920x1080")]
    size: String,
    /// png, svg or pptx (a PowerPoint file: a slide per view, native editable charts);
    /// default: from the --out file's extension, else png (for a deck, the deck's format).
    #[arg(long)]
    format: Option<String>,
    /// The published data to read.
    #[arg(long, default_value = "public/data")]
    data: PathBuf,
    /// Output file or folder (a folder gets a file named after what is inside).
    #[arg(long, default_value = ".")]
    out: PathBuf,
}

fn chart_command(a: ChartArgs) -> Result<(), String> {
    let data = chart::Data::open(&a.data)?;
    let asked = a.format.as_deref().map(chart::Format::parse).transpose()?;
    if let Some(deck) = &a.deck {
        let written = chart::render_deck(deck, &data, &a.out, asked)?;
        match written.as_slice() {
            [one]
                if asked == Some(chart::Format::Pptx)
                    || one.extension().is_some_and(|e| e == "pptx") =>
            {
                eprintln!("wrote {}", one.display());
            }
            _ => eprintln!("wrote {} slides to {}", written.len(), a.out.display()),
        }
        return Ok(());
    }
    let view = a.view.unwrap_or_default();
    let by_ext = a
        .out
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| matches!(*e, "png" | "svg" | "pptx"));
    let format = chart::Format::parse(a.format.as_deref().or(by_ext).unwrap_or("png"))?;
    let size = chart::parse_size(&a.size)?;
    let (bytes, name) = data.render(&view, size, format)?;
    let path = into(a.out, &name);
    muni_pipeline::fsutil::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    eprintln!("wrote {} ({}×{})", path.display(), size.0, size.1);
    Ok(())
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Indicator id, as in public/data/catalog.json (e.g. energy_final_use_industry).
    #[arg(long)]
    indicator: String,
    /// Comma-separated codes and groups.
    #[arg(long, default_value = "network", value_delimiter = ',')]
    municipalities: Vec<String>,
    /// FROM-TO or a single year; default: every published year.
    #[arg(long)]
    years: Option<String>,
    /// value, index:YEAR, or a variant of the indicator: per_inhabitant, share, …
    #[arg(long, default_value = "value")]
    measure: String,
    /// csv (UTF-8, comma, decimal point), csv-excel (Swedish Excel: BOM, semicolon,
    /// decimal comma), parquet, json or xlsx (an Excel workbook: numbers as numbers, an
    /// About sheet with source, licence and data version).
    #[arg(long, default_value = "csv")]
    format: String,
    /// Language of names, titles, units and the source line: sv or en.
    #[arg(long, default_value = "sv")]
    lang: String,
    /// The published data to read.
    #[arg(long, default_value = "public/data")]
    data: PathBuf,
    /// Output file, or - for standard output (the default for CSV and JSON). A folder gets
    /// a file named after what is inside.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_years(s: &str) -> Result<(u16, u16), String> {
    let bad = || format!("--years {s:?}: expected FROM-TO (2010-2020) or a year");
    match s.split_once('-') {
        Some((a, b)) => Ok((
            a.trim().parse().map_err(|_| bad())?,
            b.trim().parse().map_err(|_| bad())?,
        )),
        None => {
            let y = s.trim().parse().map_err(|_| bad())?;
            Ok((y, y))
        }
    }
}

fn extract(args: ExtractArgs) -> Result<(), String> {
    let ExtractArgs {
        indicator,
        municipalities,
        years,
        measure,
        format,
        lang,
        data,
        out,
    } = args;
    use muni_pipeline::extract::{ExtractRequest, Format, extract_file};
    use muni_pipeline::fsutil::write_atomic;
    let format = Format::parse(&format).ok_or_else(|| {
        format!("--format {format:?}: expected csv, csv-excel, parquet, json or xlsx")
    })?;
    let lang = parse_lang(&lang)?;
    let years = years.as_deref().map(parse_years).transpose()?;
    let req = ExtractRequest {
        indicator,
        regions: municipalities,
        years,
        measure,
        format,
        lang,
    };
    let (bytes, name, rows) = extract_file(&data, &req).map_err(|e| e.to_string())?;
    match out {
        Some(p) if p.as_os_str() != "-" => {
            let path = into(p, &name);
            write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
            eprintln!("wrote {rows} rows to {}", path.display());
        }
        _ if matches!(format, Format::Parquet | Format::Xlsx) => {
            return Err(format!(
                "{} is binary: give --out FILE (or a folder)",
                format.extension()
            ));
        }
        _ => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|e| format!("standard output: {e}"))?;
        }
    }
    Ok(())
}

/// Where the record of what a build changed is, with its counts.
fn print_changes(c: Option<&muni_pipeline::changes::ChangeEntry>, out: &std::path::Path) {
    match c {
        Some(c) => eprintln!(
            "data version {} → {}: {} new indicators, {} new years, {} revised values, {} withheld, {} newly published; see {} ({})",
            c.from,
            c.to,
            c.indicators_added,
            c.years_added,
            c.revised,
            c.withheld,
            c.published,
            out.join("changes.html").display(),
            out.join(&c.file).display()
        ),
        None => eprintln!("the data version is unchanged"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Import { upstream, data } => muni_pipeline::import::import_all(&upstream, &data).map(|r| {
            eprintln!(
                "imported {} facts and {} procurement notices; {} of {} buyers attributed to a municipality; {} notices by unattributed buyers (companies, regions, state)",
                r.facts, r.notices, r.buyers_attributed, r.buyers, r.notices_unattributed
            );
            for (form, n) in &r.unattributed_by_legal_form {
                eprintln!("  not attributed: {n:>6} notices by {form}");
            }
            eprintln!("  (data/normalised/procurement_buyers.csv lists every buyer and its attribution)");
        }).map_err(|e| e.to_string()),
        Command::Build { data, out } => muni_pipeline::build(&data, &out).map(|r| {
            eprintln!(
                "published {} indicators ({} awaiting a fetch), {} rows, to {}",
                r.indicators_available,
                r.indicators_awaiting_fetch,
                r.rows,
                out.display()
            );
            print_changes(r.changes.as_ref(), &out);
        }).map_err(|e| e.to_string()),
        Command::Fetch(args) => fetch_command(args),
        Command::Chart(args) => chart_command(args),
        Command::Extract(args) => extract(args),
        Command::Brief(args) => brief_command(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
