//! Geographic zones: list with their site counts (a click lists their sites),
//! added and renamed in place.

use crate::components::{Empty, Field};
use crate::forms::{bind, use_inline_form};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, session_of, use_app};
use parc_api::commands;
use parc_api::sites::{SiteQuery, ZoneInput, ZoneRow};
use yew::prelude::*;

#[function_component(Zones)]
pub fn zones() -> Html {
    let app = use_app();
    let lang = app.lang;
    let zones = use_state(|| None::<Vec<ZoneRow>>);
    let reload = use_state(|| 0u32);
    let inline = use_inline_form(ZoneInput::default());
    {
        let zones = zones.clone();
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                zones.set(call::<commands::ListZones>(&()).await.ok());
            });
        });
    }
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_zones);
    let saved = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };
    let submit = inline.submit::<commands::CreateZone, commands::UpdateZone>(&app, saved);
    let (form, errors) = (&inline.form, &inline.errors);
    html! {
        <section>
            <div class="page-head">
                <h1>{ T::ZonesTitle.text(lang) }</h1>
                if can_write && !*inline.open { <button id="new-zone" onclick={inline.start_new()}>{ T::NewZone.text(lang) }</button> }
            </div>
            if *inline.open {
                <form class="card form inline" id="zone-form" onsubmit={submit}>
                    <Field label={T::Name.text(lang)} name="name" value={form.name.clone()} error={errors.field("name")} oninput={bind(form, |f, v| f.name = v)} autofocus=true />
                    <Field label={T::Description.text(lang)} name="description" value={form.description.clone()} error={errors.field("description")} oninput={bind(form, |f, v| f.description = v)} />
                    <div class="actions">
                        <button type="button" class="ghost" onclick={inline.cancel()}>{ T::Cancel.text(lang) }</button>
                        <button type="submit" id="zone-save">{ T::Save.text(lang) }</button>
                    </div>
                </form>
            }
            { match &*zones {
                None => html! {},
                Some(list) if list.is_empty() => html! { <Empty text={T::NoZones.text(lang)} /> },
                Some(list) => html! {
                    <table class="list" id="zones-table">
                        <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::Description.text(lang) }</th><th class="right">{ T::SiteCount.text(lang) }</th><th></th></tr></thead>
                        <tbody>
                            { for list.iter().map(|z| {
                                let route = Route::Sites(SiteQuery { zone_id: Some(z.id), page: 1, ..Default::default() });
                                let open_sites = Callback::from(move |_| navigate(&route));
                                let input = ZoneInput { name: z.name.clone(), description: z.description.clone() };
                                html! {
                                    <tr key={z.id}>
                                        <td class="strong"><a class="link" onclick={open_sites}>{ z.name.clone() }</a></td>
                                        <td class="muted">{ z.description.clone() }</td>
                                        <td class="right">{ z.site_count }</td>
                                        <td class="right">if can_write { <button class="ghost small" onclick={inline.start_edit(z.id, input)}>{ T::Edit.text(lang) }</button> }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                },
            } }
        </section>
    }
}
