//! Notification drafts and reports: pure functions from an incident, its tenants and the
//! templates to text. No I/O: the operations layer hands in the store's templates and writes the
//! results.
//!
//! - `views`: what templates see (safe text, times for people, regime limits as data);
//! - `templates`: the built-in template sets per language, the store's overrides, the fallback;
//! - `drafts`: which tenant gets which channel, to whom, and the rendering;
//! - `formats`: text, Markdown, JSON and email files; `eml`: the messages and the mbox stream;
//! - `report`, `timeline*`, `charts`, `bar`, `svg`: the post-incident report and its pictures.

pub mod bar;
pub mod charts;
pub mod drafts;
pub mod eml;
pub mod formats;
pub mod report;
pub mod svg;
pub mod templates;
pub mod timeline;
pub mod timeline_mermaid;
pub mod timeline_svg;
pub mod views;

pub use drafts::{Draft, DraftChannel, Drafting, Gap, Setting, Skipped, gaps};
pub use formats::DraftFormat;
pub use templates::{Renderer, TemplateError};
