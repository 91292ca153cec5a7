//! End-to-end tests of the `sirt` binary: one test binary, one module per area.

mod affected;
mod clock_properties;
mod deadlines;
mod exact;
mod generated;
mod main_track;
mod notify;
mod reading;
mod response;
mod store;
mod support;
mod sync;
mod tenants;
