//! The use cases, between the commands and the model: no clap, no printing.

pub mod clocks;
