//! The charts of `sirt stats --chart DIR`: how long each step takes across incidents (a
//! histogram with the median and the 90th percentile marked), and the share of tenants notified
//! within their contract clock, month by month. Each chart carries its text equivalent, and
//! `charts_markdown` puts the same words next to the pictures.

use chrono::{Duration, NaiveDate};

use super::svg::{Anchor, Font, Paint, Svg};
use crate::model::stats::{Metric, MonthShare, Stats};
use crate::model::time::format_span;
use crate::text::one_line;

pub const DURATIONS_FILE: &str = "time-to-respond.svg";
pub const SHARE_FILE: &str = "notified-in-time.svg";
pub const WORDS_FILE: &str = "charts.md";

const WIDTH: f64 = 1600.0;
const LEFT: f64 = 110.0;
const RIGHT: f64 = 1540.0;
const PANEL: f64 = 250.0;
const BINS: i64 = 20;

const INK: &str = "#1a1a1a";
const MUTED: &str = "#5f6368";
const GRID: &str = "#e3e3e3";
const BAR: &str = "#4a7fd0";
const MEDIAN: &str = "#1f4e79";
const P90: &str = "#c62828";
const GOOD: &str = "#2e7d32";

fn span(seconds: i64) -> String {
    format_span(Duration::seconds(seconds))
}

fn median_words(metric: &Metric) -> String {
    match (metric.median_seconds, metric.p90_seconds) {
        (Some(median), Some(p90)) => format!(
            "{} ({} → {}): {} measured, median {}, 90th percentile {}, longest {}.",
            capital(metric.name),
            metric.from,
            metric.to,
            metric.count,
            span(median.round() as i64),
            span(p90),
            span(*metric.values.last().unwrap_or(&p90)),
        ),
        _ => format!("{} ({} → {}): nothing measured yet.", capital(metric.name), metric.from, metric.to),
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

fn month_name(month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .map(|d| d.format("%b %Y").to_string())
        .unwrap_or_else(|_| month.to_string())
}

fn share_words(share: &MonthShare) -> String {
    if share.decided == 0 {
        return format!("{}: no contract clock was met or ran out.", month_name(&share.month));
    }
    format!(
        "{}: {} of {} tenants notified within their contract clock ({:.0}%).",
        month_name(&share.month),
        share.in_time,
        share.decided,
        share.in_time as f64 * 100.0 / share.decided.max(1) as f64
    )
}

/// A round step for an axis from 0 to `max` seconds: at most eight steps.
fn step_for(max: i64) -> i64 {
    const STEPS: [i64; 16] = [
        60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000,
        7776000,
    ];
    STEPS.iter().copied().find(|s| max / s < 8).unwrap_or(31_536_000)
}

/// The four durations, one histogram each, stacked.
pub fn durations_svg(stats: &Stats) -> String {
    let height = 130.0 + PANEL * stats.metrics.len() as f64 + 20.0;
    let words: Vec<String> = stats.metrics.iter().map(median_words).collect();
    let title = format!("How long each step took across {} incidents", stats.incidents);
    let mut svg = Svg::new(WIDTH, height, &title, &words.join("\n"));
    svg.text(40.0, 52.0, &title, Font::new(28.0, INK).bold());
    svg.text(
        40.0,
        88.0,
        "Bars: how many fall in each interval. Solid line: the median. Dashed line: the 90th percentile.",
        Font::new(18.0, MUTED),
    );
    for (i, metric) in stats.metrics.iter().enumerate() {
        histogram(&mut svg, metric, 130.0 + PANEL * i as f64);
    }
    svg.finish()
}

fn histogram(svg: &mut Svg, metric: &Metric, top: f64) {
    let label =
        format!("{} ({} → {}), {} measured", capital(metric.name), metric.from, metric.to, metric.count);
    svg.text(40.0, top + 24.0, &one_line(&label, 110), Font::new(20.0, INK).bold());
    let (plot_top, plot_bottom) = (top + 70.0, top + PANEL - 60.0);
    svg.line(LEFT, plot_bottom, RIGHT, plot_bottom, Paint::stroke(MUTED, 1.0));
    let (Some(median), Some(p90), Some(&max)) =
        (metric.median_seconds, metric.p90_seconds, metric.values.last())
    else {
        svg.text(LEFT, plot_bottom - 40.0, "nothing measured yet", Font::new(18.0, MUTED));
        return;
    };
    let step = step_for(max.max(60));
    // One step past the longest, so that no mark sits on the edge.
    let axis_end = (max.max(0) / step + 1) * step;
    let x = |seconds: f64| LEFT + seconds.clamp(0.0, axis_end as f64) / axis_end as f64 * (RIGHT - LEFT);
    let bin = (axis_end / BINS).max(1);
    let mut counts = vec![0usize; BINS as usize];
    for value in &metric.values {
        counts[((value.max(&0) / bin) as usize).min(BINS as usize - 1)] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    for tick in (0..=axis_end).step_by(step as usize) {
        svg.line(x(tick as f64), plot_top, x(tick as f64), plot_bottom, Paint::stroke(GRID, 1.0));
        svg.text(
            x(tick as f64),
            plot_bottom + 24.0,
            &span(tick),
            Font::new(16.0, MUTED).anchor(Anchor::Middle),
        );
    }
    svg.text(LEFT - 12.0, plot_top + 6.0, &most.to_string(), Font::new(16.0, MUTED).anchor(Anchor::End));
    svg.text(LEFT - 12.0, plot_bottom, "0", Font::new(16.0, MUTED).anchor(Anchor::End));
    for (i, count) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let (x0, x1) = (x((i as i64 * bin) as f64), x(((i as i64 + 1) * bin) as f64));
        let h = *count as f64 / most as f64 * (plot_bottom - plot_top);
        svg.rect(x0 + 1.0, plot_bottom - h, x1 - x0 - 2.0, h, Paint::fill(BAR));
    }
    let (xm, xp) = (x(median), x(p90 as f64));
    svg.line(xm, plot_top - 8.0, xm, plot_bottom, Paint::stroke(MEDIAN, 3.0));
    svg.line(xp, plot_top - 8.0, xp, plot_bottom, Paint::stroke(P90, 3.0).dashed("8 5"));
    // Labels either side of their lines, so that close values do not overprint each other.
    let median_label = format!("median {}", span(median.round() as i64));
    let p90_label = format!("90th percentile {}", span(p90));
    let (median_anchor, mx) =
        if xm > RIGHT - 300.0 { (Anchor::End, xm - 8.0) } else { (Anchor::Start, xm + 8.0) };
    svg.text(mx, plot_top - 14.0, &median_label, Font::new(17.0, MEDIAN).anchor(median_anchor).bold());
    let (p90_anchor, px) =
        if xp > RIGHT - 300.0 { (Anchor::End, xp - 8.0) } else { (Anchor::Start, xp + 8.0) };
    svg.text(px, plot_top + 10.0, &p90_label, Font::new(17.0, P90).anchor(p90_anchor).bold());
}

/// One bar per month: the share of tenants notified within their contract clock.
pub fn share_svg(stats: &Stats) -> String {
    let months = &stats.notified_in_time_by_month;
    let height = 600.0;
    let words: Vec<String> = months.iter().map(share_words).collect();
    let title = "Tenants notified within their contract clock, by month";
    let description = if words.is_empty() {
        "No contract clock has been met or run out yet.".to_string()
    } else {
        words.join("\n")
    };
    let mut svg = Svg::new(WIDTH, height, title, &description);
    svg.text(40.0, 52.0, title, Font::new(28.0, INK).bold());
    svg.text(
        40.0,
        88.0,
        "Month of the declaration; every tenant whose clock was met, was late, or ran out.",
        Font::new(18.0, MUTED),
    );
    let (plot_top, plot_bottom) = (150.0, height - 90.0);
    let y = |share: f64| plot_bottom - share * (plot_bottom - plot_top);
    for percent in [0, 25, 50, 75, 100] {
        let at = y(f64::from(percent) / 100.0);
        svg.line(LEFT, at, RIGHT, at, Paint::stroke(if percent == 0 { MUTED } else { GRID }, 1.0));
        svg.text(LEFT - 12.0, at + 6.0, &format!("{percent}%"), Font::new(16.0, MUTED).anchor(Anchor::End));
    }
    if months.is_empty() {
        svg.text(
            LEFT + 20.0,
            y(0.5),
            "no contract clock has been met or run out yet",
            Font::new(18.0, MUTED),
        );
        return svg.finish();
    }
    let slot = (RIGHT - LEFT) / months.len() as f64;
    let bar = (slot * 0.6).min(140.0);
    for (i, month) in months.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        if months.len() <= 24 || i % 3 == 0 {
            svg.text(
                cx,
                plot_bottom + 26.0,
                &month_name(&month.month),
                Font::new(16.0, MUTED).anchor(Anchor::Middle),
            );
        }
        if month.decided == 0 {
            svg.text(cx, plot_bottom - 12.0, "none", Font::new(16.0, MUTED).anchor(Anchor::Middle));
            continue;
        }
        let share = month.in_time as f64 / month.decided.max(1) as f64;
        let color = if month.in_time == month.decided { GOOD } else { BAR };
        svg.rect(cx - bar / 2.0, y(share), bar, plot_bottom - y(share), Paint::fill(color));
        let label = format!("{:.0}%", share * 100.0);
        svg.text(cx, y(share) - 30.0, &label, Font::new(20.0, INK).anchor(Anchor::Middle).bold());
        svg.text(
            cx,
            y(share) - 8.0,
            &format!("{} of {}", month.in_time, month.decided),
            Font::new(16.0, MUTED).anchor(Anchor::Middle),
        );
    }
    svg.finish()
}

/// The charts with their text equivalents beside them, for viewers that show Markdown.
pub fn charts_markdown(stats: &Stats) -> String {
    let mut md = format!("# Incident response in pictures\n\n{} incidents.\n\n", stats.incidents);
    md.push_str("## How long each step took\n\n");
    md.push_str(&format!(
        "![How long each step took (the same facts follow in words)]({DURATIONS_FILE})\n\n"
    ));
    for metric in &stats.metrics {
        md.push_str(&format!("- {}\n", median_words(metric)));
    }
    md.push_str("\n## Tenants notified within their contract clock, by month\n\n");
    md.push_str(&format!(
        "![Share of tenants notified in time by month (the same facts follow in words)]({SHARE_FILE})\n\n"
    ));
    if stats.notified_in_time_by_month.is_empty() {
        md.push_str("- No contract clock has been met or run out yet.\n");
    }
    for month in &stats.notified_in_time_by_month {
        md.push_str(&format!("- {}\n", share_words(month)));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round_and_few() {
        assert_eq!(step_for(60), 60);
        assert_eq!(step_for(3 * 3600), 1800);
        assert_eq!(step_for(30 * 3600), 21600);
        assert_eq!(step_for(10 * 86400), 172800);
    }
}
