//! The presenter's deck ("Min presentation"): the panel that collects views as slides, and
//! presenter mode, full screen, one slide at a time. The deck lives in the URL (`deck=`,
//! `present=N`) and is remembered in local storage; the slides and the PowerPoint file are
//! built by the lazy module, which also keeps the deck for use without a network.

use std::sync::Arc;

use leptos::prelude::*;
use muni_model::{Catalog, ChartQuery};
use wasm_bindgen::JsCast;

use super::*;

/// The key under which the last deck is remembered.
const STORED: &str = "deck";

/// The deck remembered from an earlier visit, for a link that carries none.
pub(super) fn remembered_deck(q: &mut ChartQuery) {
    if q.deck.is_empty()
        && let Some(raw) = crate::export::remembered(STORED)
    {
        q.deck = muni_model::deck::Deck::parse(&raw).0;
    }
}

/// The element an event came from, and the `data-n` it carries.
fn target_of(ev: &web_sys::Event) -> Option<(web_sys::Element, Option<usize>)> {
    let e: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let n = e.get_attribute("data-n").and_then(|n| n.parse().ok());
    Some((e, n))
}

fn fullscreen(on: bool) {
    let Some(d) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if on {
        if let Some(e) = d.document_element() {
            let _ = e.request_fullscreen();
        }
    } else if d.fullscreen_element().is_some() {
        d.exit_fullscreen();
    }
}

/// "Min presentation": add the view, the slides with their titles and buttons, present,
/// download as PowerPoint or print a handout.
#[component]
pub(super) fn DeckPanel(
    catalog: Arc<Catalog>,
    query: RwSignal<ChartQuery>,
    print: RwSignal<bool>,
) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let said = RwSignal::new(String::new());
    // Only what the panel shows: a change of the indicator or the selection alone does not
    // rebuild it or write the storage (the re-render budget).
    let deck = Memo::new(move |_| query.with(|q| (q.deck.clone(), muni_view::deck::can_add(q))));
    let html = Memo::new(move |_| {
        deck.with(|(d, _)| {
            let q = ChartQuery {
                deck: d.clone(),
                lang: lang.get(),
                ..query.get_untracked()
            };
            muni_view::deck::panel_html(&catalog, &q).into_string()
        })
    });
    let count = Memo::new(move |_| deck.with(|(d, _)| d.slides.len()));
    // Remembered for the next visit (the link carries it too).
    let param = Memo::new(move |_| deck.with(|(d, _)| d.to_param()));
    Effect::new(move |_| crate::export::remember(STORED, &param.get()));
    let act = move |ev: web_sys::MouseEvent| {
        let Some((e, n)) = target_of(&ev) else { return };
        let Some(action) = e.get_attribute("data-action") else {
            return;
        };
        let n = n.unwrap_or(0);
        match action.as_str() {
            "deck-add" => query.update(|q| {
                let view = q.clone();
                if !q.deck.add(&view) {
                    said.set(
                        t(q.lang, "Presentationen är full", "The presentation is full").into(),
                    );
                } else {
                    said.set(format!(
                        "{} {}",
                        t(q.lang, "Tillagd som bild", "Added as slide"),
                        q.deck.slides.len()
                    ));
                }
            }),
            "deck-up" => query.update(|q| q.deck.shift(n, -1)),
            "deck-down" => query.update(|q| q.deck.shift(n, 1)),
            "deck-remove" => query.update(|q| q.deck.remove(n)),
            "deck-present" => {
                fullscreen(true);
                query.update(|q| q.present = Some(1));
            }
            "deck-print" => {
                print.set(true);
                query.update(|q| q.present = Some(1));
            }
            "deck-pptx" => {
                said.set(
                    t(
                        lang.get_untracked(),
                        "Skapar PowerPoint …",
                        "Making the PowerPoint …",
                    )
                    .into(),
                );
                let qs = query.with_untracked(|q| q.to_query_string());
                leptos::task::spawn_local(async move {
                    said.set(match crate::lazy::deck_pptx(&qs).await {
                        Ok(name) => name,
                        Err(e) => format!(
                            "{}: {e}",
                            t(lang.get_untracked(), "Det gick inte", "That failed")
                        ),
                    });
                });
            }
            _ => {}
        }
    };
    let retitle = move |ev: web_sys::Event| {
        let Some((e, Some(n))) = target_of(&ev) else {
            return;
        };
        if let Some(input) = e.dyn_ref::<web_sys::HtmlInputElement>() {
            let title = input.value();
            query.update(|q| q.deck.retitle(n, &title));
        }
    };
    view! {
        <details class="deck" data-testid="deck">
            <summary>{move || format!("{} ({})", t(lang.get(), "Min presentation", "My presentation"), count.get())}</summary>
            <div class="deck-body" on:click=act on:change=retitle inner_html=move || html.get()></div>
            <p class="said" role="status" data-testid="deck-status">{move || said.get()}</p>
        </details>
    }
}

/// The slide box: 16:9, as large as the window allows; the chart takes its upper 80 %.
fn slide_box() -> (u32, u32) {
    let w = web_sys::window();
    let size = |v: Option<Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>>| {
        v.and_then(Result::ok)
            .and_then(|v| v.as_f64())
            .unwrap_or(960.0)
    };
    let (vw, vh) = (
        size(w.as_ref().map(web_sys::Window::inner_width)),
        size(w.as_ref().map(web_sys::Window::inner_height)),
    );
    let bw = vw.min(vh * 16.0 / 9.0);
    (bw as u32, (bw * 9.0 / 16.0) as u32)
}

/// Shows the `n`-th slide (from 1) and no other.
fn show_slide(n: usize) {
    let Some(d) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(all) = d.query_selector_all("#present .slide") else {
        return;
    };
    for i in 0..all.length() {
        if let Some(e) = all
            .item(i)
            .and_then(|e| e.dyn_into::<web_sys::Element>().ok())
        {
            let current = e.get_attribute("data-n").and_then(|v| v.parse().ok()) == Some(n);
            let _ = e.class_list().toggle_with_force("current", current);
        }
    }
}

/// Presenter mode: the deck's slides full screen, one at a time; arrow keys, Page Up/Down (a
/// clicker), Home, End and Escape; the slide number; a handout when printed.
// Long: a leptos component: the slides' loading, the current slide, the keys and the view.
#[component]
pub(super) fn Presenter(query: RwSignal<ChartQuery>, print: RwSignal<bool>) -> impl IntoView {
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    let on = Memo::new(move |_| query.with(|q| q.present.is_some() && !q.deck.is_empty()));
    let total = Memo::new(move |_| query.with(|q| q.deck.slides.len()));
    let current = Memo::new(move |_| {
        query.with(|q| usize::from(q.present.unwrap_or(1)).clamp(1, q.deck.slides.len().max(1)))
    });
    // What the slides depend on: the deck, the language and the theme (not the slide shown).
    let key = Memo::new(move |_| query.with(|q| (q.deck.to_param(), q.lang, q.dark)));
    let body = RwSignal::new(String::new());
    // The slide box the slides are drawn for: when the window settles at another size (full
    // screen, a projector), they are drawn again for it, the old ones shown meanwhile.
    let drawn = RwSignal::new(slide_box());
    let resizes = StoredValue::new(0u32);
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        resizes.update_value(|n| *n += 1);
        let this = resizes.get_value();
        set_timeout(
            move || {
                let (w, _) = drawn.get_untracked();
                let now = slide_box();
                if resizes.get_value() == this && now.0.abs_diff(w) * 20 > w {
                    drawn.set(now);
                }
            },
            std::time::Duration::from_millis(300),
        );
    });
    on_cleanup(move || resize.remove());
    Effect::new(move |before: Option<(String, muni_model::Lang, bool)>| {
        let k = key.get();
        let _ = drawn.get();
        if !on.get() {
            return k;
        }
        let (w, h) = slide_box();
        drawn.update_untracked(|d| *d = (w, h));
        let qs = query.with_untracked(|q| q.to_query_string());
        if before.as_ref() != Some(&k) {
            body.set(String::new());
        }
        leptos::task::spawn_local(async move {
            // Drawn at four fifths of its size and shown at full: every text a quarter larger,
            // legible from the back of a room.
            let html = crate::lazy::present_html(&qs, w * 4 / 5, h * 16 / 25)
                .await
                .unwrap_or_else(|e| {
                    muni_model::Html::element("<p class=\"error\" role=\"alert\">", &e, "</p>")
                });
            body.set(html.into_string());
        });
        k
    });
    Effect::new(move |_| {
        let n = current.get();
        let ready = !body.with(String::is_empty);
        // After the slides are in the page (the DOM is updated after this effect is run).
        request_animation_frame(move || show_slide(n));
        if ready && print.get_untracked() {
            print.set(false);
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }
    });
    let go = move |to: usize| {
        let n = to.clamp(1, total.get_untracked().max(1));
        query.update(|q| q.present = Some(n as u16));
    };
    let close = move || {
        fullscreen(false);
        query.update(|q| q.present = None);
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !on.get_untracked() {
            return;
        }
        let n = current.get_untracked();
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => go(n + 1),
            "ArrowLeft" | "ArrowUp" | "PageUp" => go(n.saturating_sub(1)),
            "Home" => go(1),
            "End" => go(total.get_untracked()),
            "Escape" => close(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    view! {
            <Show when=move || on.get()>
                <div class="present" id="present" data-testid="present" role="dialog" aria-modal="true"
                    aria-label=move || t(lang.get(), "Presentation", "Presentation")
    >
                    <div class="present-slides" inner_html=move || body.get()></div>
                    <nav class="present-nav" aria-label=move || t(lang.get(), "Bilder", "Slides")>
                        <button type="button" on:click=move |_| go(current.get_untracked().saturating_sub(1)) aria-label=move || t(lang.get(), "Föregående bild", "Previous slide")>"‹"</button>
                        <span role="status" data-testid="present-number">{move || format!("{} / {}", current.get(), total.get())}</span>
                        <button type="button" on:click=move |_| go(current.get_untracked() + 1) aria-label=move || t(lang.get(), "Nästa bild", "Next slide")>"›"</button>
                        <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{move || t(lang.get(), "Skriv ut", "Print")}</button>
                        <button type="button" data-testid="present-close" on:click=move |_| close() aria-label=move || t(lang.get(), "Avsluta presentationen", "End the presentation")>"×"</button>
                    </nav>
                </div>
            </Show>
        }
}
