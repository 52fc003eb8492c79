//! The dashboard: a leptos client-side-rendered app. `app` holds the components, `api` the only
//! fetches, `lazy` the second module's calls; what a view shows is `muni_view` (tested natively).

pub mod api;
pub mod app;
pub mod export;
pub mod lazy;
