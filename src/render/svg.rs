//! A small SVG writer: the handful of shapes sirt's pictures use, every text and attribute
//! escaped, every number printed with one decimal so that the same data gives the same bytes.
//!
//! Hand-written on purpose. plotters' SVG backend draws charts well, but a timeline of labelled
//! rows and bars is layout, not plotting, and plotters needs font metrics (a font-kit or ab_glyph
//! feature and a system font) to place text, which would make the output depend on the machine.

use std::fmt::Write as _;

/// Text as XML character data or an attribute value. Characters XML 1.0 forbids (most control
/// characters) become U+FFFD, so hostile text can neither break the document nor add to it.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push('\n'),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate: one decimal, no `-0.0`, no trailing `.0`.
pub fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// How text is anchored at its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// How text is set: size in pixels, colour, anchor, weight.
#[derive(Debug, Clone, Copy)]
pub struct Font<'a> {
    pub size: f64,
    pub color: &'a str,
    pub anchor: Anchor,
    pub bold: bool,
}

impl<'a> Font<'a> {
    pub fn new(size: f64, color: &'a str) -> Font<'a> {
        Font { size, color, anchor: Anchor::Start, bold: false }
    }

    pub fn anchor(self, anchor: Anchor) -> Font<'a> {
        Font { anchor, ..self }
    }

    pub fn bold(self) -> Font<'a> {
        Font { bold: true, ..self }
    }
}

/// The look of a shape: fill, stroke, dashes, opacity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Paint<'a> {
    pub fill: Option<&'a str>,
    pub stroke: Option<&'a str>,
    pub stroke_width: Option<f64>,
    pub dash: Option<&'a str>,
    pub opacity: Option<f64>,
}

impl<'a> Paint<'a> {
    pub fn fill(color: &'a str) -> Paint<'a> {
        Paint { fill: Some(color), ..Paint::default() }
    }

    pub fn stroke(color: &'a str, width: f64) -> Paint<'a> {
        Paint { fill: Some("none"), stroke: Some(color), stroke_width: Some(width), ..Paint::default() }
    }

    pub fn dashed(self, dash: &'a str) -> Paint<'a> {
        Paint { dash: Some(dash), ..self }
    }

    pub fn with_stroke(self, color: &'a str, width: f64) -> Paint<'a> {
        Paint { stroke: Some(color), stroke_width: Some(width), ..self }
    }

    pub fn opacity(self, opacity: f64) -> Paint<'a> {
        Paint { opacity: Some(opacity), ..self }
    }

    fn attributes(&self) -> String {
        let mut out = String::new();
        if let Some(fill) = self.fill {
            let _ = write!(out, " fill=\"{}\"", escape(fill));
        }
        if let Some(stroke) = self.stroke {
            let _ = write!(out, " stroke=\"{}\"", escape(stroke));
        }
        if let Some(width) = self.stroke_width {
            let _ = write!(out, " stroke-width=\"{}\"", num(width));
        }
        if let Some(dash) = self.dash {
            let _ = write!(out, " stroke-dasharray=\"{}\"", escape(dash));
        }
        if let Some(opacity) = self.opacity {
            let _ = write!(out, " opacity=\"{}\"", num(opacity));
        }
        out
    }
}

/// A document being written. `finish` closes it.
pub struct Svg {
    out: String,
}

impl Svg {
    /// A `width` × `height` picture with its accessible name and its text equivalent.
    pub fn new(width: f64, height: f64, title: &str, description: &str) -> Svg {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             role=\"img\" aria-labelledby=\"title desc\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">",
            w = num(width),
            h = num(height)
        );
        let _ = writeln!(out, "<title id=\"title\">{}</title>", escape(title));
        let _ = writeln!(out, "<desc id=\"desc\">{}</desc>", escape(description));
        let _ = writeln!(
            out,
            "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
            num(width),
            num(height)
        );
        Svg { out }
    }

    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, paint: Paint) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
            num(x),
            num(y),
            num(width.max(0.0)),
            num(height.max(0.0)),
            paint.attributes()
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, paint: Paint) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            paint.attributes()
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, paint: Paint) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
            num(cx),
            num(cy),
            num(r),
            paint.attributes()
        );
    }

    /// A diamond centred on (cx, cy): the mark of a single step.
    pub fn diamond(&mut self, cx: f64, cy: f64, r: f64, paint: Paint) {
        let points = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(self.out, "<polygon points=\"{points}\"{}/>", paint.attributes());
    }

    /// Text at a point, in a font.
    pub fn text(&mut self, x: f64, y: f64, text: &str, font: Font) {
        let anchor = match font.anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let weight = if font.bold { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{anchor}{weight}>{}</text>",
            num(x),
            num(y),
            num(font.size),
            escape(font.color),
            escape(text)
        );
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_control_characters_replaced() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\tc\nd"), "a\u{fffd}b c\nd");
    }

    #[test]
    fn numbers_are_printed_one_way() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(-3.25), "-3.3");
    }
}
