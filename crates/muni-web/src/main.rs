//! Entry point of the WebAssembly app: mounts the dashboard on the page's body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(muni_web::app::App);
}
