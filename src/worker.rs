//! The app's side of the on-demand worker: one per page session, started on first need.
//!
//! The first load carries no Markdown parser and no careful loader (the timeline needs neither);
//! pages that show Markdown, exports that convert it, and a bundle the one-pass loader turns
//! down (`data::load_or_ask`) send `hallway_core::remote` requests to a web worker (`crates/worker`, built by Trunk). Its files' names come from the `hallway-worker`
//! meta element that `scripts/postbuild-csp.mjs` writes (content-hashed, so a cached worker
//! never answers a newer app), resolved against the document's base URL.
//!
//! In a document with an opaque origin (an embed frame sandboxed without `allow-same-origin`)
//! no worker can start, and `blob:` workers are outside the CSP: there the same script and wasm
//! load into the page (with their integrity) and answer on the main thread. When neither can
//! start (a missing file, a CSP, a crash), every request, pending or later, fails with a
//! message, and callers show the text as written.

use futures::channel::oneshot;
use hallway_core::remote::{Answer, Job, Request, Response, READY};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The browser's `Worker`, declared here: web-sys's would change the features, and so the
    /// build, of every crate that uses web-sys.
    #[wasm_bindgen(js_name = Worker)]
    type JsWorker;
    #[wasm_bindgen(constructor, js_class = "Worker", catch)]
    fn new(url: &str) -> Result<JsWorker, JsValue>;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &JsWorker, message: &str);
    #[wasm_bindgen(method, setter = onmessage)]
    fn set_onmessage(this: &JsWorker, handler: &js_sys::Function);
    #[wasm_bindgen(method, setter = onerror)]
    fn set_onerror(this: &JsWorker, handler: &js_sys::Function);
    #[wasm_bindgen(method)]
    fn terminate(this: &JsWorker);
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str);
}

/// What the failure notice says; the reason goes to the console.
pub const UNAVAILABLE: &str = "Formatting could not be loaded, so this text is shown as written.";

/// The loader trunk writes when no post-build step renamed it (`trunk serve`).
const UNHASHED_LOADER: &str = "hallway-worker_loader.js";

/// How long the worker may take to say it is ready before it counts as failed: its loader
/// reports its own errors, so this only catches one that hangs.
const READY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

type Reply = oneshot::Sender<Result<Answer, String>>;

enum Phase {
    /// Started; requests wait here until the worker (or the in-page module) is ready.
    Starting(Vec<String>),
    Ready,
    Failed(String),
}

/// Where requests go once ready.
enum Transport {
    None,
    Worker(JsWorker),
    /// The module's `answer` function, loaded into the page.
    InPage(js_sys::Function),
}

struct Client {
    transport: Transport,
    phase: Phase,
    next_id: u32,
    pending: HashMap<u32, Reply>,
    // Kept alive as long as the worker can call them.
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Sends `job` to the worker (starting it on first use) and waits for its answer. An `Err`
/// says why there will be none; it is also printed to the console.
pub async fn ask(job: Job) -> Result<Answer, String> {
    let (tx, rx) = oneshot::channel();
    let direct = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let client = c.get_or_insert_with(start);
        if let Phase::Failed(why) = &client.phase {
            let _ = tx.send(Err(why.clone()));
            return None;
        }
        client.next_id = client.next_id.wrapping_add(1).max(1);
        let id = client.next_id;
        let Ok(message) = serde_json::to_string(&Request { id, job }) else {
            let _ = tx.send(Err("the request could not be written".into()));
            return None;
        };
        client.pending.insert(id, tx);
        match (&mut client.phase, &client.transport) {
            (Phase::Ready, Transport::Worker(worker)) => worker.post_message(&message),
            (Phase::Ready, Transport::InPage(answer)) => return Some((answer.clone(), message)),
            (Phase::Starting(queue), _) => queue.push(message),
            _ => {}
        }
        None
    });
    // Outside the borrow: the answer goes through `received`, which takes it again.
    if let Some((answer, message)) = direct {
        call_in_page(&answer, &message);
    }
    rx.await
        .unwrap_or_else(|_| Err("the Markdown worker stopped".into()))
}

/// Starts the worker now, alongside the bundle, when the first page shows Markdown (a talk's
/// abstract, a report's body): otherwise its download and start would wait until the bundle
/// is indexed and the page asks. The timeline never starts it.
pub fn start_if_shown() {
    let path = crate::url::current_path();
    let path = path.strip_prefix("/embed").unwrap_or(&path);
    let shows_markdown = ["/talks/", "/reports/"]
        .iter()
        .any(|p| path.strip_prefix(p).is_some_and(|id| !id.is_empty()));
    if shows_markdown {
        warm();
    }
}

/// Starts the worker when the reader points at, or moves the focus to, a link to a talk or a
/// report (pages that show Markdown), anywhere in the app: a click follows a hover by a few
/// hundred milliseconds, time enough to download and start it, so the page does not wait for
/// it. Only intent fetches it; a page that links nowhere of the kind never does. One listener
/// per event type on the window, for the document's life.
pub fn start_on_intent() {
    let on = |ev: web_sys::Event| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| {
                el.closest(r#"a[href*="talks/"], a[href*="reports/"]"#)
                    .ok()
                    .flatten()
            });
        if link.is_some() {
            warm();
        }
    };
    // The listeners live as long as the document; their handles are never needed to remove
    // them.
    std::mem::forget(leptos::prelude::window_event_listener_untyped(
        "pointerover",
        on,
    ));
    std::mem::forget(leptos::prelude::window_event_listener_untyped(
        "focusin", on,
    ));
}

/// Starts the worker if it is not started: a reader is about to open a page that needs it.
pub fn warm() {
    CLIENT.with(|c| {
        c.borrow_mut().get_or_insert_with(start);
    });
}

/// Whether Markdown has failed to load in this session (pages then skip the loading state).
pub fn failed() -> bool {
    CLIENT.with(|c| {
        matches!(
            c.borrow().as_ref().map(|c| &c.phase),
            Some(Phase::Failed(_))
        )
    })
}

/// The `hallway-worker` meta element's attribute, resolved against the base URL.
fn file_url(document: &web_sys::Document, attribute: &str, default: &str) -> Option<String> {
    let name = document
        .query_selector("meta[name=\"hallway-worker\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute(attribute))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| default.to_string());
    let base = document.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(&name, &base)
        .ok()
        .map(|u| u.href())
}

fn meta(document: &web_sys::Document, attribute: &str) -> String {
    document
        .query_selector("meta[name=\"hallway-worker\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute(attribute))
        .unwrap_or_default()
}

fn start() -> Client {
    let mut client = Client {
        transport: Transport::None,
        phase: Phase::Starting(Vec::new()),
        next_id: 0,
        pending: HashMap::new(),
        _handlers: Vec::new(),
    };
    let Some(window) = web_sys::window() else {
        client.phase = Phase::Failed(fail_message("no window"));
        return client;
    };
    let Some(document) = window.document() else {
        client.phase = Phase::Failed(fail_message("no document"));
        return client;
    };
    let opaque = js_sys::Reflect::get(&window, &JsValue::from_str("origin"))
        .ok()
        .and_then(|o| o.as_string())
        .is_some_and(|o| o == "null");
    if opaque {
        start_in_page(&document);
        return client;
    }
    let Some(url) = file_url(&document, "content", UNHASHED_LOADER) else {
        client.phase = Phase::Failed(fail_message("no document base URL"));
        return client;
    };
    // The boot script may have started it already (a first page with Markdown).
    let (worker, early) = match take_early_worker(&window) {
        Some(started) => started,
        None => match JsWorker::new(&url) {
            Ok(w) => (w, js_sys::Array::new()),
            Err(e) => {
                client.phase = Phase::Failed(fail_message(&format!("{url}: {}", describe(&e))));
                return client;
            }
        },
    };
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let data = js_sys::Reflect::get(&event, &JsValue::from_str("data"))
            .ok()
            .and_then(|d| d.as_string())
            .unwrap_or_default();
        received(&data);
    });
    let error_url = url.clone();
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        // An ErrorEvent's message when the script ran and threw; a plain Event when it could
        // not be fetched (404, CSP, offline without a cached copy).
        let what = js_sys::Reflect::get(&event, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "it could not be loaded".into());
        fail(&format!("{error_url}: {what}"));
    });
    worker.set_onmessage(on_message.as_ref().unchecked_ref());
    worker.set_onerror(on_error.as_ref().unchecked_ref());
    client.transport = Transport::Worker(worker);
    client._handlers = vec![on_message, on_error];
    if early.length() > 0 {
        // After this borrow of the client ends, and before any later message: a microtask.
        let early_url = url.clone();
        leptos::task::spawn_local(async move {
            for message in early.iter() {
                match message.as_string() {
                    Some(data) => received(&data),
                    None => {
                        let what = js_sys::Reflect::get(&message, &JsValue::from_str("error"))
                            .ok()
                            .and_then(|m| m.as_string())
                            .unwrap_or_default();
                        fail(&format!("{early_url}: {what}"));
                    }
                }
            }
        });
    }
    leptos::prelude::set_timeout(
        || {
            let starting = CLIENT.with(|c| {
                matches!(
                    c.borrow().as_ref().map(|c| &c.phase),
                    Some(Phase::Starting(_))
                )
            });
            if starting {
                fail("it did not start in time");
            }
        },
        READY_TIMEOUT,
    );
    client
}

/// The worker the boot script started (`scripts/postbuild-csp.mjs`), once, with what it has
/// posted so far (strings, or `{ error }` objects).
fn take_early_worker(window: &web_sys::Window) -> Option<(JsWorker, js_sys::Array)> {
    let key = JsValue::from_str("__hallwayWorker");
    let started = js_sys::Reflect::get(window, &key).ok()?;
    if !started.is_object() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    let worker = js_sys::Reflect::get(&started, &JsValue::from_str("worker")).ok()?;
    let early = js_sys::Reflect::get(&started, &JsValue::from_str("early")).ok()?;
    Some((worker.unchecked_into(), early.dyn_into().ok()?))
}

/// Loads the worker's script and wasm into the page (opaque origins only), then marks the
/// client ready with the module's `answer`.
fn start_in_page(document: &web_sys::Document) {
    let script_url = file_url(document, "data-script", "");
    let wasm_url = file_url(document, "data-wasm", "");
    let (Some(script_url), Some(wasm_url)) = (script_url, wasm_url) else {
        leptos::task::spawn_local(async { fail("no base URL for the in-page module") });
        return;
    };
    let script_integrity = meta(document, "data-script-integrity");
    let wasm_integrity = meta(document, "data-wasm-integrity");
    let document = document.clone();
    leptos::task::spawn_local(async move {
        match load_in_page(
            &document,
            &script_url,
            &script_integrity,
            &wasm_url,
            &wasm_integrity,
        )
        .await
        {
            Ok(answer) => ready(Transport::InPage(answer)),
            Err(why) => fail(&format!("in this frame, {why}")),
        }
    });
}

async fn load_in_page(
    document: &web_sys::Document,
    script_url: &str,
    script_integrity: &str,
    wasm_url: &str,
    wasm_integrity: &str,
) -> Result<js_sys::Function, String> {
    let head = document.head().ok_or("the page has no head")?;
    let script = document
        .create_element("script")
        .map_err(|e| describe(&e))?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    for (name, value) in [
        ("src", script_url),
        ("integrity", script_integrity),
        ("crossorigin", "anonymous"),
    ] {
        script
            .set_attribute(name, value)
            .map_err(|e| describe(&e))?;
    }
    head.append_child(&script).map_err(|e| describe(&e))?;
    wasm_bindgen_futures::JsFuture::from(loaded)
        .await
        .map_err(|_| format!("{script_url} could not be loaded"))?;
    let global = js_sys::global();
    let init: js_sys::Function = js_sys::Reflect::get(&global, &"__hallwayMarkdown".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("{script_url} did not define the module"))?;
    // The same fetch as the worker's loader: CORS (the frame's origin is opaque), checked.
    let init_options = js_sys::Object::new();
    let fetch_options = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(o, &k.into(), v);
    };
    set(&fetch_options, "integrity", &wasm_integrity.into());
    set(&fetch_options, "mode", &"cors".into());
    let fetch: js_sys::Function = js_sys::Reflect::get(&global, &"fetch".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("no fetch")?;
    let response = fetch
        .call2(&global, &wasm_url.into(), &fetch_options)
        .map_err(|e| describe(&e))?;
    set(&init_options, "module_or_path", &response);
    let started = init
        .call1(&JsValue::NULL, &init_options)
        .map_err(|e| describe(&e))?;
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(started))
        .await
        .map_err(|e| format!("{wasm_url}: {}", describe(&e)))?;
    js_sys::Reflect::get(&init, &"answer".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| "the module has no answer function".to_string())
}

fn call_in_page(answer: &js_sys::Function, message: &str) {
    match answer.call1(&JsValue::NULL, &JsValue::from_str(message)) {
        Ok(out) => received(&out.as_string().unwrap_or_default()),
        Err(e) => fail(&describe(&e)),
    }
}

/// The transport is up: send what waited.
fn ready(transport: Transport) {
    let queued = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let client = c.as_mut()?;
        if let Transport::None = client.transport {
            client.transport = transport;
        }
        match std::mem::replace(&mut client.phase, Phase::Ready) {
            Phase::Starting(queue) => Some(queue),
            other => {
                client.phase = other;
                None
            }
        }
    });
    for message in queued.unwrap_or_default() {
        let send = CLIENT.with(|c| match c.borrow().as_ref().map(|c| &c.transport) {
            Some(Transport::Worker(worker)) => {
                worker.post_message(&message);
                None
            }
            Some(Transport::InPage(answer)) => Some(answer.clone()),
            _ => None,
        });
        if let Some(answer) = send {
            call_in_page(&answer, &message);
        }
    }
}

fn received(data: &str) {
    if data == READY {
        ready(Transport::None);
        return;
    }
    // The loader posts `failed: …` when the wasm cannot be fetched or compiled.
    if let Some(why) = data.strip_prefix("failed: ") {
        fail(why);
        return;
    }
    match serde_json::from_str::<Response>(data) {
        Ok(Response { id, result }) if id != 0 => {
            let reply =
                CLIENT.with(|c| c.borrow_mut().as_mut().and_then(|c| c.pending.remove(&id)));
            if let Some(reply) = reply {
                let _ = reply.send(result.map_err(|e| fail_message(&e)));
            }
        }
        Ok(Response { result, .. }) => fail(&result.err().unwrap_or_default()),
        Err(e) => fail(&format!("an answer could not be read: {e}")),
    }
}

/// Marks Markdown failed for the session and answers everything waiting.
fn fail(why: &str) {
    let message = fail_message(why);
    let pending = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(client) = c.as_mut() else {
            return Vec::new();
        };
        if let Transport::Worker(worker) = std::mem::replace(&mut client.transport, Transport::None)
        {
            worker.terminate();
        }
        client.phase = Phase::Failed(message.clone());
        client.pending.drain().map(|(_, r)| r).collect::<Vec<_>>()
    });
    for reply in pending {
        let _ = reply.send(Err(message.clone()));
    }
}

fn fail_message(why: &str) -> String {
    let message = format!("Hallway: Markdown formatting is unavailable ({why})");
    console_warn(&message);
    message
}

fn describe(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "it could not be started".into())
}
