//! `cargo xtask`: the project's two commands. `run` launches the product, `test` runs every
//! test; both first install what they need (Debian packages, tools) when it is missing.

mod system;

use std::process::ExitCode;
use system::{cargo, workspace_root, Failure};

const USAGE: &str = "用法：cargo xtask <run|test>
  run    启动台账（首次运行会安装所需的系统软件包）
  test   运行全部测试（同样自动安装所需软件）";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("xtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Launch the product: for now the CLI's outline of the embedded plan.
fn run(extra: &[String]) -> Result<(), Failure> {
    system::ensure_build_tools()?;
    let mut args = vec!["run", "--quiet", "--package", "taizhang-cli", "--bin", "taizhang", "--"];
    if extra.is_empty() {
        args.push("plan");
    }
    args.extend(extra.iter().map(String::as_str));
    cargo(&args)
}

/// Every test of the workspace. The CLI binary is built first: a test runs it as a process.
fn test(extra: &[String]) -> Result<(), Failure> {
    system::ensure_build_tools()?;
    let root = workspace_root();
    println!("xtask: testing in {}", root.display());
    cargo(&["build", "--workspace", "--bins"])?;
    let mut args = vec!["test", "--workspace", "--all-targets"];
    args.extend(extra.iter().map(String::as_str));
    let tally = system::cargo_test(&args)?;
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 || tally.passed == 0 {
        return Err(Failure(format!("{} 个测试失败，{} 个通过", tally.failed, tally.passed)));
    }
    Ok(())
}
