//! The timeline as a standalone SVG, sized for a slide (1600 px wide, text at 18 px and more).

use chrono::{DateTime, Duration, FixedOffset, Utc};

use super::svg::{Anchor, Font, Paint, Svg};
use super::timeline::{ClockEnd, Lane, Mark, Row, Timeline};
use crate::model::deadline::Status;
use crate::text::one_line;

const WIDTH: f64 = 1600.0;
const PLOT_LEFT: f64 = 620.0;
const PLOT_RIGHT: f64 = 1560.0;
const LABEL_LEFT: f64 = 40.0;
/// Characters of a label that fit left of the plot at 18 px.
const LABEL_CHARS: usize = 54;
const HEADER: f64 = 120.0;
const LANE_HEAD: f64 = 44.0;
const ROW: f64 = 36.0;
const FOOTER: f64 = 130.0;

const INK: &str = "#1a1a1a";
const MUTED: &str = "#5f6368";
const GRID: &str = "#e3e3e3";
const STEP: &str = "#1f4e79";
const PHASE: &str = "#4a7fd0";
const TRACK: &str = "#d5d9de";
const MET: &str = "#2e7d32";
const LATE: &str = "#c62828";
const RISK: &str = "#e07b00";
const RUNNING: &str = "#4a5a6a";

fn status_color(status: Status) -> &'static str {
    match status {
        Status::Met => MET,
        Status::Late | Status::Overdue => LATE,
        Status::AtRisk => RISK,
        Status::Running | Status::Pending => RUNNING,
    }
}

/// Where a time falls on the x axis.
struct Axis {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Axis {
    fn x(&self, at: DateTime<Utc>) -> f64 {
        let span = (self.end - self.start).num_seconds().max(1) as f64;
        PLOT_LEFT + (at - self.start).num_seconds() as f64 / span * (PLOT_RIGHT - PLOT_LEFT)
    }

    /// Round tick times: the smallest step that gives at most eight ticks.
    fn ticks(&self) -> Vec<DateTime<Utc>> {
        let span = self.end - self.start;
        let hours = [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720];
        let step = hours
            .iter()
            .map(|h| Duration::hours(*h))
            .find(|step| span.num_seconds() / step.num_seconds() <= 8)
            .unwrap_or(Duration::days(60));
        let secs = step.num_seconds();
        let first = (self.start.timestamp() + secs - 1).div_euclid(secs) * secs;
        (0..)
            .map(|i| first + i * secs)
            .take_while(|t| *t <= self.end.timestamp())
            .filter_map(|t| DateTime::from_timestamp(t, 0))
            .collect()
    }
}

/// The picture. `words` is its text equivalent, carried in the SVG's description.
pub fn timeline_svg(timeline: &Timeline, zone: FixedOffset) -> String {
    let lanes: Vec<(Lane, Vec<&Row>)> = Lane::ALL
        .iter()
        .map(|lane| (*lane, timeline.rows.iter().filter(|r| r.lane == *lane).collect::<Vec<_>>()))
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    let body: f64 = lanes.iter().map(|(_, rows)| LANE_HEAD + ROW * rows.len() as f64).sum();
    let height = HEADER + body.max(ROW) + FOOTER;
    // A little room either side so the first and last marks are not on the edge.
    let pad = (timeline.end - timeline.start) / 40;
    let axis = Axis { start: timeline.start - pad, end: timeline.end + pad };

    let title = format!("Timeline of {}: {}", timeline.incident, timeline.title);
    let mut svg = Svg::new(WIDTH, height, &title, &timeline.words(zone).join("\n"));
    svg.text(LABEL_LEFT, 52.0, &one_line(&title, 100), Font::new(28.0, INK).bold());
    let zone_name = crate::model::time::format_in(timeline.now, zone);
    svg.text(
        LABEL_LEFT,
        88.0,
        &format!("As of {zone_name}. Steps, response phases, and each clock from its start to its due time."),
        Font::new(18.0, MUTED),
    );

    let plot_top = HEADER;
    let plot_bottom = HEADER + body.max(ROW);
    for tick in axis.ticks() {
        let x = axis.x(tick);
        svg.line(x, plot_top, x, plot_bottom, Paint::stroke(GRID, 1.0));
        let local = tick.with_timezone(&zone);
        svg.text(
            x,
            plot_bottom + 26.0,
            &local.format("%d %b").to_string(),
            Font::new(16.0, MUTED).anchor(Anchor::Middle),
        );
        svg.text(
            x,
            plot_bottom + 46.0,
            &local.format("%H:%M").to_string(),
            Font::new(16.0, MUTED).anchor(Anchor::Middle),
        );
    }
    svg.line(PLOT_LEFT, plot_bottom, PLOT_RIGHT, plot_bottom, Paint::stroke(MUTED, 1.0));

    let mut y = plot_top;
    for (lane, rows) in &lanes {
        svg.rect(
            LABEL_LEFT - 10.0,
            y + 6.0,
            PLOT_RIGHT - LABEL_LEFT + 10.0,
            LANE_HEAD - 10.0,
            Paint::fill("#f1f3f5"),
        );
        svg.text(LABEL_LEFT, y + 31.0, lane.title(), Font::new(20.0, INK).bold());
        y += LANE_HEAD;
        for row in rows {
            draw_row(&mut svg, &axis, row, y + ROW / 2.0);
            y += ROW;
        }
    }
    if axis.start <= timeline.now && timeline.now <= axis.end {
        let x = axis.x(timeline.now);
        svg.line(x, plot_top, x, plot_bottom, Paint::stroke(LATE, 2.0).dashed("6 4"));
        svg.text(x, plot_top - 6.0, "now", Font::new(16.0, LATE).anchor(Anchor::Middle).bold());
    }
    if timeline.clocks_left_out > 0 {
        svg.text(
            PLOT_RIGHT,
            plot_bottom + 76.0,
            &format!("{} more clocks not drawn: see the report's tables", timeline.clocks_left_out),
            Font::new(16.0, MUTED).anchor(Anchor::End),
        );
    }
    legend(&mut svg, height - 36.0);
    svg.finish()
}

fn draw_row(svg: &mut Svg, axis: &Axis, row: &Row, cy: f64) {
    let mut label = row.label.clone();
    if row.backfilled.is_some() {
        label.push_str(" (backfilled)");
    }
    svg.text(LABEL_LEFT, cy + 6.0, &one_line(&label, LABEL_CHARS), Font::new(18.0, INK));
    match &row.mark {
        Mark::Step { at } => step(svg, axis.x(*at), cy, row.backfilled.is_some()),
        Mark::Phase { from, to, ongoing } => {
            let (x1, x2) = (axis.x(*from), axis.x(*to));
            let mut paint = Paint::fill(PHASE);
            if *ongoing {
                paint = paint.opacity(0.45).with_stroke(PHASE, 2.0).dashed("6 4");
            } else if row.backfilled.is_some() {
                paint = paint.opacity(0.55).with_stroke(STEP, 2.0).dashed("4 3");
            }
            svg.rect(x1, cy - 10.0, (x2 - x1).max(3.0), 20.0, paint);
        }
        Mark::Clock { start, due, end, status } => {
            let x0 = axis.x(*start);
            let color = status_color(*status);
            // The allowed time, start to due, as a light track; the time used, start to the
            // mark, as a bar in the status's colour on top of it.
            if let Some(due) = due {
                let xd = axis.x(*due);
                svg.rect(x0, cy - 11.0, (xd - x0).max(2.0), 22.0, Paint::fill(TRACK));
                svg.line(xd, cy - 15.0, xd, cy + 15.0, Paint::stroke(INK, 2.0));
            }
            let xe = axis.x(end.at());
            svg.rect(x0, cy - 5.0, (xe - x0).max(2.0), 10.0, Paint::fill(color));
            match end {
                ClockEnd::Stopped(_) => {
                    svg.circle(xe, cy, 8.0, Paint::fill(color).with_stroke("#ffffff", 2.0))
                }
                ClockEnd::Now(_) => svg.line(xe, cy - 14.0, xe, cy + 14.0, Paint::stroke(color, 4.0)),
            }
        }
    }
}

fn step(svg: &mut Svg, x: f64, cy: f64, backfilled: bool) {
    if backfilled {
        svg.diamond(x, cy, 10.0, Paint::fill("#ffffff").with_stroke(STEP, 2.5).dashed("3 2"));
    } else {
        svg.diamond(x, cy, 10.0, Paint::fill(STEP));
    }
}

fn legend(svg: &mut Svg, y: f64) {
    let mut x = LABEL_LEFT + 10.0;
    let mut item = |svg: &mut Svg, draw: &dyn Fn(&mut Svg, f64), text: &str| {
        draw(svg, x);
        svg.text(x + 20.0, y + 6.0, text, Font::new(16.0, INK));
        x += 40.0 + text.chars().count() as f64 * 9.0;
    };
    item(svg, &|svg, x| step(svg, x, y, false), "step");
    item(svg, &|svg, x| step(svg, x, y, true), "backfilled step");
    item(svg, &|svg, x| svg.rect(x - 10.0, y - 8.0, 20.0, 16.0, Paint::fill(PHASE)), "phase");
    item(svg, &|svg, x| svg.rect(x - 10.0, y - 8.0, 20.0, 16.0, Paint::fill(TRACK)), "clock: start to due");
    item(svg, &|svg, x| svg.circle(x, y, 8.0, Paint::fill(MET)), "met");
    item(svg, &|svg, x| svg.circle(x, y, 8.0, Paint::fill(LATE)), "late or overdue");
    item(svg, &|svg, x| svg.circle(x, y, 8.0, Paint::fill(RISK)), "at risk");
    item(
        svg,
        &|svg, x| svg.line(x, y - 10.0, x, y + 10.0, Paint::stroke(RUNNING, 4.0)),
        "where it stands now",
    );
}
