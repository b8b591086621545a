//! Counting test results from the runners' output: cargo's `test result:` lines and node's TAP
//! report of the end-to-end scenarios. Kept apart from running them so the parsing is tested.

/// Passed and failed tests counted from the runners' output.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
}

impl Tally {
    /// Add another runner's counts.
    pub fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Counts of one `cargo test` line: `test result: ok. 26 passed; 0 failed; …`.
pub fn cargo_line(line: &str) -> Option<Tally> {
    let result = line.strip_prefix("test result: ")?;
    Some(Tally { passed: count_before(result, "passed"), failed: count_before(result, "failed") })
}

/// The number just before `word` in "ok. 26 passed; 0 failed; …".
fn count_before(text: &str, word: &str) -> u64 {
    text.split(';')
        .find_map(|part| part.trim().trim_start_matches("ok. ").trim_start_matches("FAILED. ").strip_suffix(word))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// What node's TAP reporter said about one run of the scenarios.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TapRun {
    /// `# pass N`.
    pub passed: u64,
    /// `# fail N` (and `# cancelled N`: a cancelled scenario did not pass).
    pub failed: u64,
    /// `# tests N`; `None` when the summary never came (the run was cut short).
    pub tests: Option<u64>,
    /// WebKit's driver lost its session: a fault of the driver, not of the app.
    pub driver_lost: bool,
}

/// Error texts of selenium when the WebDriver session vanished under the test.
const DRIVER_LOST: [&str; 4] = ["NoSuchSessionError", "invalid session id", "session deleted", "ECONNREFUSED"];

impl TapRun {
    /// Take one line of the report into account.
    pub fn read(&mut self, line: &str) {
        let trimmed = line.trim_start();
        let number = |prefix: &str| trimmed.strip_prefix(prefix).and_then(|n| n.trim().parse::<u64>().ok());
        if let Some(n) = number("# pass ") {
            self.passed += n;
        } else if let Some(n) = number("# fail ").or_else(|| number("# cancelled ")) {
            self.failed += n;
        } else if let Some(n) = number("# tests ") {
            self.tests = Some(self.tests.unwrap_or(0) + n);
        } else if DRIVER_LOST.iter().any(|marker| trimmed.contains(marker)) {
            self.driver_lost = true;
        }
    }

    /// Why this run cannot be trusted as complete, if it cannot: no TAP summary, or fewer
    /// scenarios than the suite has.
    pub fn incomplete(&self, minimum: u64) -> Option<String> {
        match self.tests {
            None => Some("端到端测试没有输出 TAP 汇总（需要 --test-reporter=tap），结果不可信".into()),
            Some(n) if n < minimum => Some(format!("端到端测试只运行了 {n} 项，应至少 {minimum} 项")),
            Some(_) => None,
        }
    }

    /// The counts.
    pub fn tally(&self) -> Tally {
        Tally { passed: self.passed, failed: self.failed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_lines_are_counted() {
        assert_eq!(cargo_line("test result: ok. 26 passed; 0 failed; 0 ignored; 0 measured"), Some(Tally { passed: 26, failed: 0 }));
        assert_eq!(cargo_line("test result: FAILED. 3 passed; 2 failed; 0 ignored"), Some(Tally { passed: 3, failed: 2 }));
        assert_eq!(cargo_line("running 3 tests"), None, "other lines are not results");
    }

    fn run(lines: &[&str]) -> TapRun {
        let mut run = TapRun::default();
        lines.iter().for_each(|l| run.read(l));
        run
    }

    #[test]
    fn tap_summaries_are_counted_and_checked() {
        let good = run(&["ok 1 - first start", "not ok 2 - export", "# tests 9", "# pass 8", "# fail 1", "# cancelled 0"]);
        assert_eq!((good.tally(), good.tests, good.driver_lost), (Tally { passed: 8, failed: 1 }, Some(9), false));
        assert_eq!(good.incomplete(9), None, "nine scenarios ran");
        assert!(good.incomplete(10).is_some_and(|m| m.contains("只运行了 9 项")), "fewer than the suite has");
        let cut = run(&["ok 1 - first start", "ok 2 - period"]);
        assert!(cut.incomplete(1).is_some_and(|m| m.contains("TAP")), "no summary: not trusted");
        let cancelled = run(&["# tests 9", "# pass 7", "# fail 0", "# cancelled 2"]);
        assert_eq!(cancelled.failed, 2, "cancelled scenarios count as failed");
    }

    #[test]
    fn a_lost_driver_session_is_recognised() {
        let lost = run(&["not ok 4 - restart", "  error: 'NoSuchSessionError: invalid session id'", "# tests 9", "# pass 8", "# fail 1"]);
        assert!(lost.driver_lost, "the driver lost its session");
        let app_bug = run(&["not ok 4 - restart", "  error: 'AssertionError: both versions'", "# tests 9", "# fail 1"]);
        assert!(!app_bug.driver_lost, "an assertion is the app's failure");
    }
}
