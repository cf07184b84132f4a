//! The messages between the app and its on-demand worker (`crates/worker`), and the worker's side.
//!
//! The app's first load carries neither a Markdown parser nor the careful loader: a page that
//! shows Markdown, an export that converts it, and a bundle the one-pass loader turns down
//! (`load::load_clean`) ask a web worker built from this module, whose answers come back as
//! JSON (trees of the same closed [`Node`] types, so nothing the worker sends can name an
//! element or attribute outside them; loaded bundles as the model's types). Strings both ways,
//! one request per message, matched by `id`.

use crate::load::{LoadError, LoadOptions, Loaded};
use crate::markdown::{parse_with, plain_text, to_html, Node, Options};
use serde::{Deserialize, Serialize};

/// The worker's first message, once it listens: requests posted before it would be lost.
pub const READY: &str = "ready";

/// One job for the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the app; the answer carries it back.
    pub id: u32,
    pub job: Job,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Job {
    /// One text as a tree, headings under `heading_base` ([`Options::heading_base`]).
    Tree {
        text: String,
        heading_base: Option<u8>,
    },
    /// Texts as HTML ([`to_html`]), in order: feed bodies.
    Html(Vec<String>),
    /// Texts as plain text ([`plain_text`]), in order: iCalendar descriptions.
    Plain(Vec<String>),
    /// A bundle's text through the careful loader ([`crate::load::load_with`], default caps),
    /// with every problem located; `references: false` for one part of a merge.
    Load { text: String, references: bool },
}

/// The worker's answer to the request with the same `id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The request's id; 0 when the request could not be read at all.
    pub id: u32,
    pub result: Result<Answer, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Tree(Vec<Node>),
    Texts(Vec<String>),
    /// The careful loader's verdict on a [`Job::Load`].
    Checked(Box<Result<Checked, LoadError>>),
}

/// A bundle the careful loader kept, as it kept it: what it repaired or left out is gone, so
/// the one-pass loader takes `bundle` without a doubt. Sent as JSON text and decoded by the
/// app's one-pass loader ([`Checked::load`]), so that the app has one way to decode a bundle
/// and carries no second decoder for the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checked {
    pub bundle: String,
    pub problems: Vec<crate::load::Problem>,
    pub notices: Vec<String>,
}

impl Checked {
    fn new(loaded: Loaded) -> Self {
        Checked {
            // Cannot fail: the model has no maps with non-string keys and no custom serialisers.
            bundle: serde_json::to_string(&loaded.bundle).unwrap_or_default(),
            problems: loaded.problems,
            notices: loaded.notices,
        }
    }

    /// The bundle with the careful loader's problems and notices; an error if the one-pass
    /// loader turns down what the careful loader kept (a bug, said as such, never a panic).
    pub fn load(self, options: &LoadOptions) -> Result<Loaded, LoadError> {
        match crate::load::load_clean(self.bundle.as_bytes(), options)? {
            Some(loaded) => Ok(Loaded {
                bundle: loaded.bundle,
                problems: self.problems,
                notices: self.notices,
            }),
            None => Err(LoadError::NotABundle {
                reason: "the records the checker kept did not load again (a bug in Hallway; please report it with the file)".into(),
            }),
        }
    }
}

/// The worker's whole job: a request's JSON in, the response's JSON out. Never panics on bad
/// input; a message that is not a request gets an error answer with id 0.
pub fn answer(message: &str) -> String {
    let response = match serde_json::from_str::<Request>(message) {
        Ok(request) => Response {
            id: request.id,
            result: Ok(run(request.job)),
        },
        Err(e) => Response {
            id: 0,
            result: Err(format!("the Markdown worker could not read a request: {e}")),
        },
    };
    // Cannot fail for these types (no maps, no custom serialisers); were it to, the app takes
    // an unreadable answer as the worker failing, and shows every pending text as plain text.
    serde_json::to_string(&response).unwrap_or_default()
}

fn run(job: Job) -> Answer {
    match job {
        Job::Tree { text, heading_base } => {
            Answer::Tree(parse_with(&text, Options { heading_base }))
        }
        Job::Html(texts) => Answer::Texts(
            texts
                .iter()
                .map(|t| to_html(&parse_with(t, Options::default())))
                .collect(),
        ),
        Job::Plain(texts) => Answer::Texts(
            texts
                .iter()
                .map(|t| plain_text(&parse_with(t, Options::default())))
                .collect(),
        ),
        Job::Load { text, references } => {
            let options = LoadOptions {
                references,
                ..LoadOptions::default()
            };
            let result = crate::load::load_with(text.as_bytes(), &options).map(Checked::new);
            Answer::Checked(Box::new(result))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(job: Job) -> Response {
        let request = serde_json::to_string(&Request { id: 7, job }).unwrap();
        serde_json::from_str(&answer(&request)).unwrap()
    }

    #[test]
    fn a_tree_comes_back_as_parse_with_gives_it() {
        let text = "# Title\n\nSome *text* <script>x</script> [l](javascript:x)".to_string();
        let r = ask(Job::Tree {
            text: text.clone(),
            heading_base: Some(2),
        });
        assert_eq!(r.id, 7);
        let expected = parse_with(
            &text,
            Options {
                heading_base: Some(2),
            },
        );
        assert_eq!(r.result, Ok(Answer::Tree(expected)));
    }

    #[test]
    fn batches_come_back_in_order() {
        let texts = vec![
            "*a*".to_string(),
            "b &amp; <i>c</i>".to_string(),
            String::new(),
        ];
        let html = ask(Job::Html(texts.clone()));
        assert_eq!(
            html.result,
            Ok(Answer::Texts(vec![
                "<p><em>a</em></p>\n".into(),
                "<p>b &amp; <em>c</em></p>\n".into(),
                String::new()
            ]))
        );
        let plain = ask(Job::Plain(texts));
        let Ok(Answer::Texts(plain)) = plain.result else {
            panic!("{plain:?}")
        };
        assert_eq!(plain.len(), 3);
        assert_eq!(plain[0], "a");
        assert_eq!(plain[1], "b & c");
    }

    #[test]
    fn a_bundle_with_problems_comes_back_as_the_careful_loader_gives_it() {
        let partial = r#"{"format":"hallway-bundle","version":"1.0","title":"t",
            "places":[{"id":"p","city":"C","country":"X","lat":99,"lon":0}],
            "events":[{"id":"e","name":"E","start":"2024-01-01","place":"p","projects":["nope"]}],
            "talks":[{"id":"t","title":"T","event":"e"},{"id":"u","title":"U","event":"nope"},{"id":7}]}"#;
        // The one-pass loader turns it down: this is the worker's job.
        assert_eq!(
            crate::load::load_clean(partial.as_bytes(), &LoadOptions::default()),
            Ok(None)
        );
        for references in [true, false] {
            let r = ask(Job::Load {
                text: partial.to_string(),
                references,
            });
            let options = LoadOptions {
                references,
                ..LoadOptions::default()
            };
            let expected = crate::load::load_with(partial.as_bytes(), &options).unwrap();
            assert!(!expected.problems.is_empty());
            let Ok(Answer::Checked(checked)) = r.result else {
                panic!("{r:?}")
            };
            // What the app decodes equals what the careful loader gave, problems included.
            assert_eq!(checked.unwrap().load(&options), Ok(expected));
        }
        // A document-level error comes back as the error, line and column included.
        let r = ask(Job::Load {
            text: "{\n  \"format\": }".into(),
            references: true,
        });
        let Ok(Answer::Checked(result)) = r.result else {
            panic!("{r:?}")
        };
        assert!(matches!(
            *result,
            Err(LoadError::Syntax {
                line: 2,
                column: 13,
                ..
            })
        ));
    }

    #[test]
    fn a_bad_message_gets_an_error_answer() {
        for bad in ["", "{", "null", r#"{"id":1,"job":{"Nope":1}}"#] {
            let r: Response = serde_json::from_str(&answer(bad)).unwrap();
            assert_eq!(r.id, 0, "{bad}");
            assert!(
                r.result.unwrap_err().contains("could not read a request"),
                "{bad}"
            );
        }
    }
}
