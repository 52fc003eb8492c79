//! Entry point of the WebAssembly app: mounts the dashboard on the page's body.

fn main() {
    // Panic messages in the console while developing; the release build aborts on a panic, and
    // the hook's formatting would cost the first view over a kilobyte.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(muni_web::app::App);
}
