//! Geographic zones: list with their site counts, and a form to add one.

use crate::components::{Empty, Field};
use crate::i18n::T;
use crate::ipc::{invoke, invoke_with, NoArgs};
use crate::route::Route;
use crate::state::{navigate, session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Role;
use parc_api::commands;
use parc_api::sites::{SiteQuery, ZoneInput, ZoneRow};
use yew::prelude::*;

#[function_component(Zones)]
pub fn zones() -> Html {
    let app = use_app();
    let lang = app.lang;
    let zones = use_state(|| None::<Vec<ZoneRow>>);
    let reload = use_state(|| 0u32);
    let form = use_state(ZoneInput::default);
    let errors = use_state(FormErrors::default);
    {
        let zones = zones.clone();
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                zones.set(
                    invoke::<_, Vec<ZoneRow>>(commands::LIST_ZONES, &NoArgs {})
                        .await
                        .ok(),
                );
            });
        });
    }
    let can_write = session_of(&app)
        .map(|s| s.role == Role::Manager)
        .unwrap_or(false);
    let edit = |apply: fn(&mut ZoneInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let submit = {
        let (form, errors, reload, app) =
            (form.clone(), errors.clone(), reload.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, reload, app) =
                (form.clone(), errors.clone(), reload.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match invoke_with::<_, ZoneRow>(commands::CREATE_ZONE, "input", &*form).await {
                    Ok(_) => {
                        form.set(ZoneInput::default());
                        errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                        reload.set(*reload + 1);
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    html! {
        <section>
            <div class="page-head"><h1>{ T::ZonesTitle.text(lang) }</h1></div>
            if can_write {
                <form class="card form inline" id="zone-form" onsubmit={submit}>
                    <Field label={T::Name.text(lang)} name="name" value={form.name.clone()} error={errors.field("name")} oninput={edit(|f, v| f.name = v)} />
                    <Field label={T::Description.text(lang)} name="description" value={form.description.clone()} error={errors.field("description")} oninput={edit(|f, v| f.description = v)} />
                    <div class="actions"><button type="submit" id="zone-save">{ T::NewZone.text(lang) }</button></div>
                </form>
            }
            { match &*zones {
                None => html! {},
                Some(list) if list.is_empty() => html! { <Empty text={T::NoZones.text(lang)} /> },
                Some(list) => html! {
                    <table class="list" id="zones-table">
                        <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::Description.text(lang) }</th><th class="right">{ T::SiteCount.text(lang) }</th></tr></thead>
                        <tbody>
                            { for list.iter().map(|z| {
                                let route = Route::Sites(SiteQuery { zone_id: Some(z.id), ..Default::default() });
                                let onclick = Callback::from(move |_| navigate(&route));
                                html! { <tr key={z.id} class="clickable" {onclick}><td class="strong">{ z.name.clone() }</td><td class="muted">{ z.description.clone() }</td><td class="right">{ z.site_count }</td></tr> }
                            }) }
                        </tbody>
                    </table>
                },
            } }
        </section>
    }
}
