//! `industrikommuner`: the users' command line. `import` reads the upstream public files into
//! `data/`, `build` aggregates and publishes `public/data/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        }),
        Command::Build { data, out } => muni_pipeline::build(&data, &out).map(|r| {
            eprintln!(
                "published {} indicators ({} awaiting a fetch), {} rows, to {}",
                r.indicators_available,
                r.indicators_awaiting_fetch,
                r.rows,
                out.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
