//! `muni-prerender DIST`: writes the first screen into `DIST/index.html` (see the library).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dist) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: muni-prerender DIST (the built site: index.html and data/)");
        return ExitCode::from(2);
    };
    match muni_prerender::prerender_dir(&dist) {
        Ok(bytes) => {
            println!(
                "prerendered the first screen into {} ({bytes} B of HTML)",
                dist.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
