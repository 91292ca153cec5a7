//! The timeline as a Mermaid Gantt chart, which GitHub, GitLab and most Markdown viewers draw.
//!
//! Mermaid has no escape that works inside a Gantt task name (`#` starts a comment there, `:`
//! ends the name, `;` ends the line), so text is reduced to characters that mean nothing to it.

use chrono::{DateTime, FixedOffset, Utc};

use super::timeline::{ClockEnd, Lane, Mark, Timeline};
use crate::model::deadline::Status;

/// Words Mermaid's Gantt grammar reads as a statement when a line starts with them.
const KEYWORDS: [&str; 17] = [
    "gantt",
    "title",
    "section",
    "click",
    "call",
    "href",
    "dateformat",
    "axisformat",
    "tickinterval",
    "excludes",
    "includes",
    "todaymarker",
    "inclusiveenddates",
    "topaxis",
    "weekday",
    "weekend",
    "acctitle",
];

/// Text Mermaid shows as it is: letters, digits, spaces and a little punctuation; anything else
/// becomes a space. At most `max` characters. Never empty, never starting with a keyword.
pub fn mermaid_text(text: &str, max: usize) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() || " .,-_/()+'–→".contains(c) { c } else { ' ' })
        .collect();
    let mut text = crate::text::one_line(&kept.split_whitespace().collect::<Vec<_>>().join(" "), max);
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    if text.is_empty() {
        return "(no text)".into();
    }
    if KEYWORDS.iter().any(|k| first.starts_with(k)) || first.starts_with("accdescr") {
        text.insert_str(0, "· ");
    }
    text
}

fn when(at: DateTime<Utc>, zone: FixedOffset) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// The fenced ```` ```mermaid ```` block, ending with a newline.
pub fn timeline_mermaid(timeline: &Timeline, zone: FixedOffset) -> String {
    let mut lines = vec![
        "```mermaid".to_string(),
        "gantt".into(),
        format!("    title {}", mermaid_text(&format!("{} {}", timeline.incident, timeline.title), 90)),
        format!("    accTitle: Timeline of {}", mermaid_text(&timeline.incident, 40)),
        "    accDescr: Main-track steps, response phases and each clock from its start to its due time. \
         The same facts follow in words."
            .into(),
        "    dateFormat YYYY-MM-DD HH:mm".into(),
        "    axisFormat %d %b %H.%M".into(),
        "    todayMarker off".into(),
    ];
    let t = |at| when(at, zone);
    let mut n = 0;
    for lane in Lane::ALL {
        let rows: Vec<_> = timeline.rows.iter().filter(|r| r.lane == lane).collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(format!("    section {}", lane.title()));
        for row in rows {
            n += 1;
            let mut label = row.label.clone();
            if row.backfilled.is_some() {
                label.push_str(" (backfilled)");
            }
            let label = mermaid_text(&label, 60);
            // `active` draws backfilled steps in another colour; the words say it too.
            let backfilled = if row.backfilled.is_some() { "active, " } else { "" };
            match &row.mark {
                Mark::Step { at } => {
                    lines.push(format!("    {label} :{backfilled}milestone, s{n}, {}, 0m", t(*at)));
                }
                Mark::Phase { from, to, .. } => {
                    lines.push(format!("    {label} :{backfilled}s{n}, {}, {}", t(*from), t(*to)));
                }
                Mark::Clock { start, due, end, status } => {
                    let tag = match status {
                        Status::Met => "done, ",
                        Status::Late | Status::Overdue | Status::AtRisk => "crit, ",
                        _ => "",
                    };
                    let until = due.unwrap_or(end.at()).max(*start);
                    lines.push(format!("    {label} :{tag}s{n}, {}, {}", t(*start), t(until)));
                    let mark = match end {
                        ClockEnd::Stopped(_) => format!("{} here", status.as_str()),
                        ClockEnd::Now(_) => format!("now, {}", status.as_str()),
                    };
                    lines.push(format!("    ↳ {mark} :{tag}milestone, s{n}e, {}, 0m", t(end.at())));
                }
            }
        }
    }
    lines.push("```".into());
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_nothing_mermaid_reads() {
        assert_eq!(mermaid_text("a:b;c#d%e`f<g>h\"i[j]k{l}m", 80), "a b c d e f g h i j k l m");
        assert_eq!(mermaid_text("section Evil", 80), "· section Evil");
        assert_eq!(mermaid_text("click me", 80), "· click me");
        assert_eq!(mermaid_text(":::", 80), "(no text)");
        assert_eq!(mermaid_text("Contoso: 24h", 80), "Contoso 24h");
    }
}
