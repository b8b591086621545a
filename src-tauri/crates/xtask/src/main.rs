//! `cargo xtask`: the project's two commands. `run` launches the desktop app, `test` runs every
//! test (Rust unit and integration tests, the shell on the mock runtime, and the end-to-end
//! scenarios in the real app under Xvfb); both first install what they need when it is missing.
//! `bench` times the release CLI at ×1, ×10 (and ×100) the seed against a Python peer; `bundle`
//! makes the `.deb` offices install.
//! `bindings` regenerates the UI's TypeScript types from the Rust types; `font-metrics` measures
//! the installed fonts for the reports' row heights.

mod bench;
mod bundle;
mod fonts;
mod steps;
mod system;
mod tally;

use std::process::ExitCode;
use system::{cargo, Failure};
use tally::Tally;

const USAGE: &str = "用法：cargo xtask <run|test|bench|bundle|bindings|font-metrics>
  run       构建并启动台账桌面程序（首次运行会安装所需的系统软件包）
  test      运行全部测试：Rust 测试、桌面壳测试、端到端测试（同样自动安装所需软件）
  bench     性能基准：×1、×10 规模的导入、导出、列表（--full 加上 ×100 并检查目标），与 Python XlsxWriter 同行对比
  bundle    构建发布版并打成 .deb 安装包（target/release/bundle/deb/），供统信 UOS、麒麟等离线安装
  bindings  由 Rust 类型重新生成界面使用的 TypeScript 类型 ui/src/bindings.ts
  font-metrics  测量已安装的替代字体，重新生成报表行高所用的字宽表";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("bundle") => bundle::bundle().map(|_| ()),
        Some("font-metrics") => fonts::font_metrics(),
        Some("bindings") => cargo(&["run", "--package", "taizhang-desktop", "--example", "write_bindings"]),
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

/// Build the UI and launch the desktop app.
fn run() -> Result<(), Failure> {
    system::ensure_debian_packages(steps::BUILD_PACKAGES)?;
    steps::build_ui()?;
    cargo(&["run", "--package", "taizhang-desktop"])
}

/// Every test. The binaries and the `.deb` are built first: the CLI tests run the binaries, the
/// package tests (`TAIZHANG_DEB`, `TAIZHANG_PACKAGE_ROOT`) the unpacked package, and the
/// end-to-end scenarios the unpacked app. The benchmark runs at ×1 and ×10 before the
/// end-to-end run, which opens its ×10 database.
fn test(extra: &[String]) -> Result<(), Failure> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        // With it the golden tests rewrite their files and compare them with themselves.
        return Err(Failure("UPDATE_GOLDEN 已设置：黄金文件会被改写而不是比较。请先 unset UPDATE_GOLDEN 再运行测试".into()));
    }
    system::ensure_debian_packages(steps::BUILD_PACKAGES)?;
    system::ensure_debian_packages(steps::TEST_PACKAGES)?;
    steps::build_ui()?;
    cargo(&["build", "--workspace", "--bins", "--examples"])?;
    let deb = bundle::package()?;
    let installed = bundle::unpack(&deb)?;
    // Read by the package tests; set before any thread of ours starts.
    std::env::set_var("TAIZHANG_DEB", &deb);
    std::env::set_var("TAIZHANG_PACKAGE_ROOT", &installed);
    let mut args = vec!["test", "--workspace", "--all-targets", "--no-fail-fast"];
    args.extend(extra.iter().map(String::as_str));
    let mut tally: Tally = system::cargo_test(&args)?;
    // The benchmark at ×1 and ×10: it asserts nothing about time, but every operation must run;
    // its ×10 database is the one the end-to-end run opens for its scale scenarios.
    bench::bench(&[])?;
    // The end-to-end scenarios run the app as offices get it, unpacked from the package, and
    // time its screens.
    tally.add(steps::end_to_end(&installed.join("usr").join("bin").join("taizhang-desktop"))?);
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 || tally.passed == 0 {
        return Err(Failure(format!("{} 个测试失败，{} 个通过", tally.failed, tally.passed)));
    }
    Ok(())
}
