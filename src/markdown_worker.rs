//! The app's side of the Markdown worker: one per page session, started on first need.
//!
//! The first load carries no Markdown parser (the timeline does not need one); pages that show
//! Markdown and exports that convert it send `hallway_core::markdown::remote` requests to a web
//! worker (`crates/worker`, built by Trunk). Its loader's file name comes from the
//! `hallway-worker` meta element that `scripts/postbuild-csp.mjs` writes (content-hashed, so a
//! cached worker never answers a newer app), resolved against the document's base URL. When the
//! worker cannot start (a missing file, a CSP, an opaque-origin embed frame, a crash), every
//! request, pending or later, fails with a message, and callers show the text as written.

use futures::channel::oneshot;
use hallway_core::markdown::remote::{Answer, Job, Request, Response, READY};
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

/// What the failure notice says, plus the reason in the console.
pub const UNAVAILABLE: &str = "Formatting could not be loaded, so this text is shown as written.";

/// The loader trunk writes when no post-build step renamed it (`trunk serve`).
const UNHASHED_LOADER: &str = "hallway-worker_loader.js";

/// How long the worker may take to say it is ready before it counts as failed: its loader
/// reports its own errors, so this only catches a worker that hangs.
const READY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

type Reply = oneshot::Sender<Result<Answer, String>>;

enum Phase {
    /// Started; requests wait here until the worker says it is ready.
    Starting(Vec<String>),
    Ready,
    Failed(String),
}

struct Client {
    worker: Option<JsWorker>,
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
/// says why there will be none; it is also printed to the console once.
pub async fn ask(job: Job) -> Result<Answer, String> {
    let (tx, rx) = oneshot::channel();
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let client = c.get_or_insert_with(start);
        if let Phase::Failed(why) = &client.phase {
            let _ = tx.send(Err(why.clone()));
            return;
        }
        client.next_id = client.next_id.wrapping_add(1).max(1);
        let id = client.next_id;
        let Ok(message) = serde_json::to_string(&Request { id, job }) else {
            let _ = tx.send(Err("the request could not be written".into()));
            return;
        };
        client.pending.insert(id, tx);
        match (&mut client.phase, &client.worker) {
            (Phase::Ready, Some(worker)) => worker.post_message(&message),
            (Phase::Starting(queue), _) => queue.push(message),
            _ => {}
        }
    });
    rx.await
        .unwrap_or_else(|_| Err("the Markdown worker stopped".into()))
}

/// Whether the worker has failed in this session (pages then skip the loading state).
pub fn failed() -> bool {
    CLIENT.with(|c| {
        matches!(
            c.borrow().as_ref().map(|c| &c.phase),
            Some(Phase::Failed(_))
        )
    })
}

fn loader_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let name = document
        .query_selector("meta[name=\"hallway-worker\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| UNHASHED_LOADER.to_string());
    let base = document.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(&name, &base)
        .ok()
        .map(|u| u.href())
}

fn start() -> Client {
    let mut client = Client {
        worker: None,
        phase: Phase::Starting(Vec::new()),
        next_id: 0,
        pending: HashMap::new(),
        _handlers: Vec::new(),
    };
    let Some(url) = loader_url() else {
        client.phase = Phase::Failed(fail_message("no document base URL"));
        return client;
    };
    // An embed frame sandboxed without allow-same-origin has an opaque origin: no worker can
    // start there (and `blob:` workers are outside the CSP), so say so at once.
    let worker = match JsWorker::new(&url) {
        Ok(w) => w,
        Err(e) => {
            client.phase = Phase::Failed(fail_message(&format!("{url}: {}", describe(&e))));
            return client;
        }
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
    client.worker = Some(worker);
    client._handlers = vec![on_message, on_error];
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

fn received(data: &str) {
    if data == READY {
        CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            let Some(client) = c.as_mut() else { return };
            if let Phase::Starting(queue) = std::mem::replace(&mut client.phase, Phase::Ready) {
                if let Some(worker) = &client.worker {
                    for message in queue {
                        worker.post_message(&message);
                    }
                }
            }
        });
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

/// Marks the worker failed for the session and answers everything waiting.
fn fail(why: &str) {
    let message = fail_message(why);
    let pending = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(client) = c.as_mut() else {
            return Vec::new();
        };
        if let Some(worker) = client.worker.take() {
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
    let message = format!("Hallway: the Markdown worker is unavailable ({why})");
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
