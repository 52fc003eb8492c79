//! The dashboard: a leptos client-side-rendered app. `app` holds the components, `api` the only
//! fetches, `view_model` the pure logic (tested natively).

pub mod api;
pub mod app;
pub mod export;
pub mod lazy;
pub mod view_model;
