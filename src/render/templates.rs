//! Which template renders a draft: sirt's built-in sets (English, German), the store's overrides in
//! `templates/<name>` (English) and `templates/<lang>/<name>`, and the fallback to English.

use minijinja::{Environment, UndefinedBehavior, Value};

use crate::model::contact::check_language;

/// The language every draft falls back to.
pub const DEFAULT_LANGUAGE: &str = "en";

/// The template names a set holds; `_sections.txt` carries the shared parts and the words a
/// language translates (effects, limits, month names).
pub const NAMES: [&str; 7] = [
    "subject.txt",
    "_sections.txt",
    "message-center.txt",
    "email-admin.txt",
    "email-privacy.txt",
    "phone.txt",
    "status-page.txt",
];

/// Templates sirt ships, by language.
pub const BUILT_IN: [(&str, [&str; 7]); 2] = [
    (
        "en",
        [
            include_str!("templates/en/subject.txt"),
            include_str!("templates/en/_sections.txt"),
            include_str!("templates/en/message-center.txt"),
            include_str!("templates/en/email-admin.txt"),
            include_str!("templates/en/email-privacy.txt"),
            include_str!("templates/en/phone.txt"),
            include_str!("templates/en/status-page.txt"),
        ],
    ),
    (
        "de",
        [
            include_str!("templates/de/subject.txt"),
            include_str!("templates/de/_sections.txt"),
            include_str!("templates/de/message-center.txt"),
            include_str!("templates/de/email-admin.txt"),
            include_str!("templates/de/email-privacy.txt"),
            include_str!("templates/de/phone.txt"),
            include_str!("templates/de/status-page.txt"),
        ],
    ),
];

/// The work one template may do (minijinja's fuel: about one unit per instruction).
const TEMPLATE_FUEL: u64 = 2_000_000;
/// The largest draft a template may render.
const MAX_DRAFT_BYTES: usize = 1024 * 1024;

/// A template error, with the file and line to fix.
#[derive(Debug)]
pub struct TemplateError {
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Where one template of one language comes from.
#[derive(Clone)]
enum Origin {
    /// The store's `templates/<path>`.
    Store(String),
    /// sirt's own, by language.
    BuiltIn(&'static str),
}

impl Origin {
    fn describe(&self, name: &str) -> String {
        match self {
            Origin::Store(path) => format!("templates/{path}"),
            Origin::BuiltIn(lang) => format!("built-in {lang}/{name}"),
        }
    }
}

/// One language's templates, compiled.
struct LanguageSet {
    language: String,
    env: Environment<'static>,
    origins: Vec<(&'static str, Origin)>,
}

impl LanguageSet {
    fn error(&self, error: &minijinja::Error) -> TemplateError {
        let name = error.name().unwrap_or("a template");
        let origin = self
            .origins
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| name.to_string(), |(n, o)| o.describe(n));
        let location = match error.line() {
            Some(line) => format!("{origin}:{line}"),
            None => origin,
        };
        let detail = error.detail().map(str::to_string).unwrap_or_else(|| error.kind().to_string());
        TemplateError { message: format!("{location}: {detail}") }
    }
}

/// Every language's templates, ready to render.
pub struct Renderer {
    sets: Vec<LanguageSet>,
}

/// A store file under `templates/`, split into its language (if any) and template name.
fn place(path: &str) -> Result<(Option<&str>, &'static str), TemplateError> {
    let (language, name) = match path.split_once('/') {
        Some((language, name)) => (Some(language), name),
        None => (None, path),
    };
    let known = NAMES.iter().find(|n| **n == name).copied();
    match (language, known) {
        (Some(language), _) if check_language(language).is_err() => Err(TemplateError {
            message: format!(
                "templates/{path}: '{language}' is not a language folder; name it like de, fr or pt-br"
            ),
        }),
        (_, None) => Err(TemplateError {
            message: format!(
                "templates/{path} is not a template sirt knows; they are named: {}",
                NAMES.join(", ")
            ),
        }),
        (language, Some(name)) => Ok((language, name)),
    }
}

impl Renderer {
    /// The built-in sets, with the store's files (`(path under templates/, source)`) on top.
    /// A language with only some templates takes the rest from English.
    pub fn new(files: Vec<(String, String)>) -> Result<Renderer, TemplateError> {
        let mut placed: Vec<(Option<String>, &'static str, String, String)> = Vec::new();
        for (path, source) in files {
            let (language, name) = place(&path)?;
            placed.push((language.map(str::to_string), name, path.clone(), source));
        }
        let mut languages: Vec<String> = BUILT_IN.iter().map(|(l, _)| l.to_string()).collect();
        for (language, ..) in &placed {
            if let Some(language) = language
                && !languages.contains(language)
            {
                languages.push(language.clone());
            }
        }
        let built_in = |language: &str, name: &str| -> Option<(&'static str, &'static str)> {
            let (lang, sources) = BUILT_IN.iter().find(|(l, _)| *l == language)?;
            let index = NAMES.iter().position(|n| *n == name)?;
            Some((*lang, sources[index]))
        };
        // Root-level store files override English; a language folder overrides that language.
        let store_file = |language: &str, name: &str| {
            placed
                .iter()
                .find(|(l, n, ..)| *n == name && l.as_deref().unwrap_or(DEFAULT_LANGUAGE) == language)
        };
        let mut sets = Vec::new();
        for language in languages {
            let mut set =
                LanguageSet { language: language.clone(), env: Environment::new(), origins: Vec::new() };
            set.env.set_undefined_behavior(UndefinedBehavior::Strict);
            // A store's template is input like any other: a loop within a loop must end in an
            // error, not a hang. The built-in drafts use a few thousand units.
            set.env.set_fuel(Some(TEMPLATE_FUEL));
            for name in NAMES {
                let chosen = [language.as_str(), DEFAULT_LANGUAGE].into_iter().find_map(|l| {
                    store_file(l, name)
                        .map(|(_, _, path, source)| (Origin::Store(path.clone()), source.clone()))
                        .or_else(|| {
                            built_in(l, name).map(|(lang, src)| (Origin::BuiltIn(lang), src.to_string()))
                        })
                });
                let Some((origin, source)) = chosen else { continue };
                set.origins.push((name, origin));
                if let Err(e) = set.env.add_template_owned(name, source) {
                    return Err(set.error(&e));
                }
            }
            sets.push(set);
        }
        Ok(Renderer { sets })
    }

    /// The language a tenant's drafts are written in: its own when templates exist for it (or
    /// for its primary tag: `de` for `de-at`), else English.
    pub fn language_for(&self, wanted: Option<&str>) -> &str {
        let Some(wanted) = wanted else { return DEFAULT_LANGUAGE };
        let primary = wanted.split('-').next().unwrap_or(wanted);
        [wanted, primary]
            .into_iter()
            .find_map(|l| self.sets.iter().find(|s| s.language == l))
            .map_or(DEFAULT_LANGUAGE, |s| s.language.as_str())
    }

    pub fn render(&self, language: &str, template: &str, ctx: &Value) -> Result<String, TemplateError> {
        let set = self
            .sets
            .iter()
            .find(|s| s.language == language)
            .or_else(|| self.sets.iter().find(|s| s.language == DEFAULT_LANGUAGE))
            .expect("English is always built in");
        let template = set.env.get_template(template).map_err(|e| set.error(&e))?;
        let text = template.render(ctx).map_err(|e| set.error(&e))?;
        if text.len() > MAX_DRAFT_BYTES {
            return Err(TemplateError {
                message: format!(
                    "{template} rendered {} bytes; a draft may have at most {} KiB",
                    text.len(),
                    MAX_DRAFT_BYTES / 1024,
                    template = set
                        .origins
                        .iter()
                        .find(|(n, _)| *n == template.name())
                        .map_or_else(|| template.name().to_string(), |(n, o)| o.describe(n))
                ),
            });
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_compile() {
        assert!(Renderer::new(Vec::new()).is_ok());
    }

    #[test]
    fn a_broken_override_names_its_file_and_line() {
        let err = Renderer::new(vec![("phone.txt".into(), "line one\n{% if %}\n".into())]).err().unwrap();
        assert!(err.message.starts_with("templates/phone.txt:2:"), "{}", err.message);
        let err = Renderer::new(vec![("fr/phone.txt".into(), "{% if %}".into())]).err().unwrap();
        assert!(err.message.starts_with("templates/fr/phone.txt:1:"), "{}", err.message);
    }

    #[test]
    fn unknown_files_and_folders_are_refused() {
        assert!(Renderer::new(vec![("phnoe.txt".into(), String::new())]).is_err());
        assert!(Renderer::new(vec![("German/phone.txt".into(), String::new())]).is_err());
    }

    #[test]
    fn languages_fall_back_to_english() {
        let renderer = Renderer::new(vec![("fr/subject.txt".into(), "Incident".into())]).unwrap();
        assert_eq!(renderer.language_for(Some("de")), "de");
        assert_eq!(renderer.language_for(Some("de-at")), "de");
        assert_eq!(renderer.language_for(Some("fr")), "fr");
        assert_eq!(renderer.language_for(Some("xx")), "en");
        assert_eq!(renderer.language_for(None), "en");
    }
}
