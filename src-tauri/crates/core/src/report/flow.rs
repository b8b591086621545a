//! Laying a table out on pages before a cell is written, so that nothing printed is ever cut
//! off: a record taller than a page (or than Excel's 409-point row) continues over more rows,
//! its long texts split between lines; short cells and shared cells (an article spanning its
//! sub-items) are merged, and every merge is split where a page ends so its text is repeated on
//! the next page; a heading never stays alone at the foot of a page. The page breaks computed
//! here are written into the sheet, so Excel, WPS and LibreOffice break where we did.

use super::measure::{height_of_lines, lines_in, wrap, wrap_into, Face, MAX_ROW_HEIGHT};
pub use super::merges::Merge;
use super::merges::merges;
use std::ops::Range;

/// A record shorter than this many lines moves to the next page whole instead of splitting.
const SPLIT_ABOVE_LINES: usize = 16;
/// The fewest lines of a split record's first part at the foot of a page.
const MIN_PART_LINES: usize = 3;
/// Rounds of growing rows under shared cells until every shared text fits.
const MAX_ROUNDS: usize = 8;

/// A column as the layout sees it.
#[derive(Debug, Clone, Copy)]
pub struct FlowColumn {
    /// Width text may fill, in points.
    pub width: f64,
    /// Long text that continues over a record's further rows (else the cell is merged across them).
    pub flows: bool,
}

/// One record: a cell text per column, the hidden code, and per column an optional key: records
/// next to each other with the same key share (merge) that cell.
#[derive(Debug, Clone)]
pub struct Record {
    /// Texts, one per column.
    pub cells: Vec<String>,
    /// The task code in the hidden column.
    pub code: String,
    /// Shared-cell keys, one per column (empty: none).
    pub spans: Vec<Option<u32>>,
    /// Fewest lines of room (an empty row to fill in by hand needs some).
    pub room: usize,
}

/// What a table holds, in order.
#[derive(Debug, Clone)]
pub enum Entry {
    /// An article or clause heading across the table.
    Heading(String),
    /// A data record.
    Record(Record),
    /// Rows below the table (signatures) of this height, kept on a page.
    Trailer(f64),
}

/// Room on a page for data rows, in the sheet's points (after scaling).
#[derive(Debug, Clone, Copy)]
pub struct Pages {
    /// On the first page, below the title and the header.
    pub first: f64,
    /// On every further page, below the repeated header.
    pub next: f64,
}

/// One printed row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Height in points.
    pub height: f64,
    /// Which entry it belongs to.
    pub entry: usize,
    /// For a row of a split record: the part of each column's text in this row (flowing
    /// columns), else the whole text. Empty when the row holds its record whole, as nearly
    /// every row does: see [`Row::part`].
    pub parts: Vec<Range<usize>>,
    /// The first row of its entry, or the first of it on a page (the cell's top border).
    pub opens: bool,
    /// The last row of its entry, or the last of it on a page (the cell's bottom border).
    pub closes: bool,
}

impl Row {
    /// The part of `text`, its record's cell in column `column`, that this row shows.
    pub fn part<'t>(&self, column: usize, text: &'t str) -> &'t str {
        match self.parts.get(column) {
            Some(range) => &text[range.clone()],
            None => text,
        }
    }
}

/// The table laid out.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    /// Printed rows in order.
    pub rows: Vec<Row>,
    /// Rows that begin a new page (indexes into `rows`; the first page is not listed).
    pub page_starts: Vec<usize>,
    /// Merged cells.
    pub merges: Vec<Merge>,
}

impl Laid {
    /// Number of pages.
    pub fn pages(&self) -> usize {
        self.page_starts.len() + 1
    }
}

/// Lay `entries` out on pages; `heading_height` measures a heading row.
pub fn lay_out(entries: &[Entry], columns: &[FlowColumn], pages: Pages, heading_height: &dyn Fn(&str) -> f64) -> Laid {
    let measured = Measured::new(entries, columns, heading_height);
    let mut extra = vec![0.0; entries.len()];
    let mut laid = Laid::default();
    for _ in 0..MAX_ROUNDS {
        laid = paginate(entries, &measured, pages, &extra);
        laid.merges = merges(entries, columns, &laid);
        if !grow_for_shared_cells(&laid, &measured, &mut extra) {
            break;
        }
    }
    laid
}

/// Every cell's lines, measured once.
struct Measured {
    /// Per entry, per column: how many lines its text takes (records only). Where the lines
    /// break is measured again for the few records split over rows: keeping it for every cell
    /// was the largest part of the county summary's memory at a hundred times the seed.
    line_counts: Vec<Vec<u32>>,
    /// The columns' widths, to measure a split record's lines again.
    widths: Vec<f64>,
    /// Per entry: the height its merged (non-flowing) cells need in every one of its rows.
    hold: Vec<f64>,
    /// Per entry: headings' and trailers' heights.
    fixed: Vec<f64>,
    flows: Vec<bool>,
}

impl Measured {
    fn new(entries: &[Entry], columns: &[FlowColumn], heading_height: &dyn Fn(&str) -> f64) -> Measured {
        let widths: Vec<f64> = columns.iter().map(|c| c.width).collect();
        let mut measured = Measured { line_counts: Vec::with_capacity(entries.len()), widths, hold: Vec::new(), fixed: Vec::new(), flows: Vec::new() };
        let mut scratch = Vec::new();
        for entry in entries {
            let (lines, hold, fixed) = match entry {
                Entry::Heading(text) => (Vec::new(), 0.0, heading_height(text)),
                Entry::Trailer(height) => (Vec::new(), 0.0, *height),
                Entry::Record(record) => {
                    let lines: Vec<u32> = record
                        .cells
                        .iter()
                        .zip(&measured.widths)
                        .map(|(text, width)| {
                            wrap_into(text, *width, Face::regular(super::style::BODY_PT), &mut scratch);
                            u32::try_from(scratch.len()).unwrap_or(u32::MAX)
                        })
                        .collect();
                    let flows = |c: usize| flows_in(record, columns, c);
                    let hold_lines = (0..columns.len()).filter(|c| !flows(*c) && !shared(record, *c)).map(|c| lines[c] as usize).max().unwrap_or(1);
                    (lines, height_of_lines(hold_lines, super::style::BODY_PT), 0.0)
                }
            };
            measured.line_counts.push(lines);
            measured.hold.push(hold);
            measured.fixed.push(fixed);
        }
        measured.flows = columns.iter().map(|c| c.flows).collect();
        measured
    }
}

/// Is column `c` of `record` shared with neighbours?
fn shared(record: &Record, c: usize) -> bool {
    record.spans.get(c).is_some_and(Option::is_some)
}

/// Does column `c` of `record` continue over its rows? Flowing columns do, unless shared.
fn flows_in(record: &Record, columns: &[FlowColumn], c: usize) -> bool {
    columns[c].flows && !shared(record, c)
}

/// Where each page starts and what each row holds, given extra height for records' last rows.
fn paginate(entries: &[Entry], measured: &Measured, pages: Pages, extra: &[f64]) -> Laid {
    let mut pager = Pager { laid: Laid::default(), used: 0.0, capacity: pages.first, next: pages.next };
    let mut index = 0;
    while index < entries.len() {
        match &entries[index] {
            Entry::Heading(_) => {
                let end = (index..entries.len()).find(|i| !matches!(entries[*i], Entry::Heading(_))).unwrap_or(entries.len());
                let headings: f64 = measured.fixed[index..end].iter().sum();
                // A heading stays with the first rows under it: if they would go to the next
                // page, so does the heading.
                let under = pager.room() - headings;
                let alone = match entries.get(end) {
                    Some(Entry::Record(record)) => under <= 0.0 || need_at_start(record, end, measured, extra[end]).step(under, false) == Step::NextPage,
                    _ => under <= 0.0,
                };
                if alone && pager.used > 0.0 {
                    pager.new_page();
                }
                for heading in index..end {
                    pager.make_room(measured.fixed[heading]);
                    pager.push(Row { height: measured.fixed[heading], entry: heading, parts: Vec::new(), opens: true, closes: true });
                }
                index = end;
            }
            Entry::Trailer(height) => {
                pager.make_room(*height);
                pager.push(Row { height: *height, entry: index, parts: Vec::new(), opens: true, closes: true });
                index += 1;
            }
            Entry::Record(record) => {
                place_record(&mut pager, record, index, measured, extra[index]);
                index += 1;
            }
        }
    }
    pager.laid
}

fn total_lines(record: &Record, index: usize, measured: &Measured) -> usize {
    (0..record.cells.len()).filter(|c| measured.flows[*c] && !shared(record, *c)).map(|c| measured.line_counts[index][c] as usize).max().unwrap_or(0)
}

/// Pages being filled.
struct Pager {
    laid: Laid,
    used: f64,
    capacity: f64,
    next: f64,
}

impl Pager {
    fn room(&self) -> f64 {
        self.capacity - self.used
    }

    /// Start a new page unless `height` fits on this one (or this one is still empty).
    fn make_room(&mut self, height: f64) {
        if self.used > 0.0 && height > self.room() {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        if let Some(last) = self.laid.rows.last_mut() {
            last.closes = true;
        }
        self.laid.page_starts.push(self.laid.rows.len());
        self.used = 0.0;
        self.capacity = self.next;
    }

    fn push(&mut self, row: Row) {
        self.used += row.height;
        self.laid.rows.push(row);
    }
}

/// What to do next with a record.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// The rest fits in a row of this height.
    Whole(f64),
    /// A part of this many lines fills the room.
    Part(usize),
    /// Too little room here: go on at the top of the next page.
    NextPage,
}

/// What a record needs next: `left` lines still to place, `opens` at its start.
struct Need {
    left: usize,
    opens: bool,
    hold: f64,
    extra: f64,
    room_lines: usize,
}

impl Need {
    fn step(&self, room_on_page: f64, page_empty: bool) -> Step {
        let size = super::style::BODY_PT;
        let whole = self.hold.max(height_of_lines(self.left.max(if self.opens { self.room_lines } else { 1 }), size)).max(self.extra);
        let room = room_on_page.min(MAX_ROW_HEIGHT);
        if whole <= room {
            return Step::Whole(whole);
        }
        // A pixel less: heights are rounded up to whole pixels.
        let fits = lines_in(room - 0.75, size);
        let unsplittable = self.opens && self.left <= SPLIT_ABOVE_LINES && whole <= MAX_ROW_HEIGHT;
        if (unsplittable || fits < MIN_PART_LINES || room < self.hold) && !page_empty {
            return Step::NextPage;
        }
        Step::Part(fits.max(1))
    }
}

/// A record's need at its start.
fn need_at_start(record: &Record, index: usize, measured: &Measured, extra: f64) -> Need {
    Need { left: total_lines(record, index, measured), opens: true, hold: measured.hold[index], extra, room_lines: record.room }
}

/// Place a record: whole when it fits, else in parts that fill each page.
fn place_record(pager: &mut Pager, record: &Record, index: usize, measured: &Measured, extra: f64) {
    let size = super::style::BODY_PT;
    let flowing: Vec<usize> = (0..record.cells.len()).filter(|c| measured.flows[*c] && !shared(record, *c)).collect();
    let counts = &measured.line_counts[index];
    // Where the lines break, measured again only when the record is split.
    let mut lines: Vec<Vec<Range<usize>>> = Vec::new();
    let mut need = need_at_start(record, index, measured, extra);
    let mut done = vec![0usize; record.cells.len()];
    loop {
        need.left = flowing.iter().map(|c| counts[*c] as usize - done[*c]).max().unwrap_or(0);
        let step = need.step(pager.room(), pager.used <= 0.0);
        if lines.is_empty() && matches!(step, Step::Part(_)) {
            lines = record.cells.iter().zip(&measured.widths).map(|(text, width)| wrap(text, *width, Face::regular(size))).collect();
        }
        match step {
            Step::Whole(height) => {
                // What is left of a split record after its parts; a record placed whole needs none.
                let parts = if lines.is_empty() {
                    Vec::new()
                } else {
                    (0..record.cells.len()).map(|c| if flowing.contains(&c) { rest(&record.cells[c], &lines[c], done[c]) } else { 0..record.cells[c].len() }).collect()
                };
                pager.push(Row { height, entry: index, parts, opens: need.opens, closes: true });
                return;
            }
            Step::NextPage => {
                pager.new_page();
                need.opens = true;
            }
            Step::Part(take) => {
                let parts = (0..record.cells.len())
                    .map(|c| {
                        if !flowing.contains(&c) {
                            return 0..record.cells[c].len();
                        }
                        let part = next_part(&record.cells[c], &lines[c], done[c], take);
                        done[c] = (done[c] + take).min(lines[c].len());
                        part
                    })
                    .collect();
                pager.push(Row { height: need.hold.max(height_of_lines(take, size)), entry: index, parts, opens: need.opens, closes: false });
                need.opens = false;
                if pager.room() < height_of_lines(MIN_PART_LINES, size) + 0.75 {
                    pager.new_page();
                    need.opens = true;
                }
            }
        }
    }
}

/// The text of `lines[from..]` (to the end of the cell).
fn rest(text: &str, lines: &[Range<usize>], from: usize) -> Range<usize> {
    lines.get(from).map_or(text.len()..text.len(), |l| l.start..text.len())
}

/// The text of `lines[from..from + count]`, up to where the next line starts.
fn next_part(text: &str, lines: &[Range<usize>], from: usize, count: usize) -> Range<usize> {
    let Some(first) = lines.get(from) else { return text.len()..text.len() };
    let end = lines.get(from + count).map_or(text.len(), |l| l.start);
    first.start..end
}

/// Shared cells whose text needs more height than their rows have: give the rows more (last row
/// first) and say so, for another round of pagination.
fn grow_for_shared_cells(laid: &Laid, measured: &Measured, extra: &mut [f64]) -> bool {
    let mut grew = false;
    for merge in &laid.merges {
        let lines = measured.line_counts[merge.entry].get(merge.column).map_or(1, |lines| *lines as usize);
        let needed = height_of_lines(lines, super::style::BODY_PT);
        let rows = &laid.rows[merge.first..=merge.last];
        let mut missing = needed - rows.iter().map(|r| r.height).sum::<f64>();
        for row in rows.iter().rev() {
            if missing <= 0.01 {
                break;
            }
            let more = missing.min(MAX_ROW_HEIGHT - row.height).max(0.0);
            if more > 0.0 && row.closes {
                extra[row.entry] = extra[row.entry].max(row.height + more);
                missing -= more;
                grew = true;
            }
        }
    }
    grew
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
