//! Entry point of the web app: mounts [`hallway::App`] on the page body. Nothing else.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(hallway::App);
}
