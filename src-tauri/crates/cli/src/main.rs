//! `taizhang`: the command line of 台账.

fn main() {
    let code = taizhang_cli::run(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
