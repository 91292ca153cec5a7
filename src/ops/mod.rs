//! The use cases: what a command asks for, done against the store and the model. Knows nothing of
//! clap and never prints.

pub mod drafts;
