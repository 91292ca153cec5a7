//! End-to-end tests of the `sirt` binary: one test binary, one module per area.

mod affected;
mod clock_properties;
mod completion;
mod crash;
mod deadlines;
mod deadlines_groups;
mod exact;
mod forgiving;
mod fuzz;
mod generated;
mod history_index;
mod hostile;
mod integrity;
mod main_track;
mod notify;
mod pictures;
mod progress;
mod reading;
mod response;
mod soak;
mod store;
mod support;
mod sync;
mod tenants;
mod terminal;
mod verify;
