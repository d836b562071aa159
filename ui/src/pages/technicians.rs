//! The team as the service desk sees it: each technician's job position,
//! weekly capacity, skills with a level (1–3) and open tickets; the skills
//! and the ticket categories (each needing a skill, which decides the
//! suggested technician). Managers change them; technicians read.

use crate::components::{input_value, select_value, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::billing::hours_text;
use parc_api::commands;
use parc_api::tickets::{CategoryInput, DeskCatalogue, TechnicianInput, TechnicianRow};
use yew::prelude::*;

#[function_component(TechniciansPage)]
pub fn technicians_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let can_manage = session_of(&app).is_some_and(|s| s.permissions.manage_users);
    let team = use_state(|| None::<Vec<TechnicianRow>>);
    let catalogue = use_state(DeskCatalogue::default);
    let version = use_state(|| 0u32);
    let editing = use_state(|| None::<TechnicianInput>);
    let errors = use_state(FormErrors::default);
    let new_skill = use_state(String::new);
    let new_category = use_state(CategoryInput::default);
    {
        let (team, catalogue) = (team.clone(), catalogue.clone());
        use_effect_with(*version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListTechnicians>(&()).await {
                    team.set(Some(found));
                }
                if let Ok(found) = call::<commands::GetDeskCatalogue>(&()).await {
                    catalogue.set(found);
                }
            });
        });
    }
    let Some(people) = (*team).clone() else {
        return html! { <Spinner /> };
    };
    let bump = {
        let version = version.clone();
        move || version.set(*version + 1)
    };
    let save_profile = {
        let (editing, errors, app, bump) =
            (editing.clone(), errors.clone(), app.clone(), bump.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*editing).clone() else {
                return;
            };
            let (editing, errors, app, bump) =
                (editing.clone(), errors.clone(), app.clone(), bump.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetTechnicianProfile>(&input).await {
                    Ok(()) => {
                        editing.set(None);
                        errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                        bump();
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let add_skill = {
        let (new_skill, app, bump) = (new_skill.clone(), app.clone(), bump.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = (*new_skill).clone();
            let (new_skill, app, bump) = (new_skill.clone(), app.clone(), bump.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::CreateSkill>(&name).await {
                    Ok(_) => {
                        new_skill.set(String::new());
                        bump();
                    }
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        crate::state::error_text(&error, app.lang),
                    )),
                }
            });
        })
    };
    let add_category = {
        let (new_category, app, bump) = (new_category.clone(), app.clone(), bump.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = (*new_category).clone();
            let (new_category, app, bump) = (new_category.clone(), app.clone(), bump.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::CreateTicketCategory>(&input).await {
                    Ok(_) => {
                        new_category.set(CategoryInput::default());
                        bump();
                    }
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        crate::state::error_text(&error, app.lang),
                    )),
                }
            });
        })
    };
    let editor = (*editing).clone().map(|input| {
        let text = |apply: fn(&mut TechnicianInput, String)| {
            let editing = editing.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(mut next) = (*editing).clone() {
                    apply(&mut next, input_value(&e));
                    editing.set(Some(next));
                }
            })
        };
        let level_of = |skill: i64| input.skills.iter().find(|(s, _)| *s == skill).map(|(_, l)| *l);
        let set_level = |skill: i64| {
            let editing = editing.clone();
            Callback::from(move |e: Event| {
                if let Some(mut next) = (*editing).clone() {
                    next.skills.retain(|(s, _)| *s != skill);
                    if let Ok(level) = select_value(&e).parse::<i64>() {
                        next.skills.push((skill, level));
                    }
                    editing.set(Some(next));
                }
            })
        };
        let cancel = {
            let editing = editing.clone();
            Callback::from(move |_| editing.set(None))
        };
        html! {
            <form class="card form" id="technician-form" onsubmit={save_profile.clone()}>
                <div class="grid-2">
                    <div class="field"><label for="field-job_position">{ T::JobPosition.text(lang) }</label><input id="field-job_position" value={input.job_position.clone()} oninput={text(|f, v| f.job_position = v)} /></div>
                    <div class={classes!("field", errors.field("weekly_hours").is_some().then_some("invalid"))}><label for="field-weekly_hours">{ T::WeeklyHours.text(lang) }</label><input id="field-weekly_hours" value={input.weekly_hours.clone()} oninput={text(|f, v| f.weekly_hours = v)} />
                        if let Some(error) = errors.field("weekly_hours") { <small class="error" data-error-for="weekly_hours">{ error }</small> }</div>
                </div>
                <table class="list compact" id="skill-levels">
                    <tbody>
                        { for catalogue.skills.iter().map(|skill| {
                            let level = level_of(skill.id);
                            html! { <tr><td>{ skill.name.clone() }</td><td>
                                <select id={format!("skill-{}", skill.id)} onchange={set_level(skill.id)}>
                                    <option value="" selected={level.is_none()}>{ "—" }</option>
                                    { for (1..=3).map(|l| html! { <option value={l.to_string()} selected={level == Some(l)}>{ format!("{} {l}", T::Level.text(lang)) }</option> }) }
                                </select>
                            </td></tr> }
                        }) }
                    </tbody>
                </table>
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions"><button type="submit" id="save-technician">{ T::Save.text(lang) }</button><button type="button" class="ghost" onclick={cancel}>{ T::Cancel.text(lang) }</button></div>
            </form>
        }
    });
    html! {
        <section>
            <div class="page-head"><h1>{ T::TechniciansTitle.text(lang) }</h1></div>
            { for editor }
            <table class="list" id="technicians-table">
                <thead><tr>
                    <th>{ T::Name.text(lang) }</th><th>{ T::JobPosition.text(lang) }</th><th class="right">{ T::WeeklyHours.text(lang) }</th>
                    <th>{ T::Skills.text(lang) }</th><th class="right">{ T::OpenTickets.text(lang) }</th><th></th>
                </tr></thead>
                <tbody>
                    { for people.iter().map(|t| {
                        let edit = {
                            let editing = editing.clone();
                            let input = TechnicianInput {
                                user_id: t.user_id,
                                job_position: t.job_position.clone(),
                                weekly_hours: hours_text(t.weekly_minutes),
                                skills: t.skills.iter().map(|s| (s.skill_id, s.level)).collect(),
                            };
                            Callback::from(move |_| editing.set(Some(input.clone())))
                        };
                        html! {
                            <tr data-name={t.name.clone()}>
                                <td class="strong">{ t.name.clone() }</td>
                                <td>{ t.job_position.clone() }</td>
                                <td class="right">{ hours_text(t.weekly_minutes) }</td>
                                <td>{ for t.skills.iter().map(|s| html! { <span class="badge skill">{ format!("{} · {}", s.skill_name, s.level) }</span> }) }</td>
                                <td class="right">{ t.open_tickets }</td>
                                <td>if can_manage { <button class="ghost" onclick={edit}>{ T::Edit.text(lang) }</button> }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <div class="columns">
                <div class="card">
                    <h3>{ T::Skills.text(lang) }</h3>
                    <ul class="plain" id="skills-list">{ for catalogue.skills.iter().map(|s| html! { <li>{ s.name.clone() }</li> }) }</ul>
                    if can_manage {
                        <form class="inline-form" id="skill-form" onsubmit={add_skill}>
                            <input id="new-skill" placeholder={T::NewSkill.text(lang)} value={(*new_skill).clone()} oninput={{ let new_skill = new_skill.clone(); Callback::from(move |e: InputEvent| new_skill.set(input_value(&e))) }} />
                            <button type="submit">{ T::Add.text(lang) }</button>
                        </form>
                    }
                </div>
                <div class="card">
                    <h3>{ T::Categories.text(lang) }</h3>
                    <ul class="plain" id="categories-list">{ for catalogue.categories.iter().map(|c| html! { <li>{ c.name.clone() }<span class="muted">{ c.skill_name.clone().map(|s| format!(" — {s}")).unwrap_or_default() }</span></li> }) }</ul>
                    if can_manage {
                        <form class="inline-form" id="category-form" onsubmit={add_category}>
                            <input id="new-category" placeholder={T::NewCategory.text(lang)} value={new_category.name.clone()} oninput={{ let c = new_category.clone(); Callback::from(move |e: InputEvent| { let mut n = (*c).clone(); n.name = input_value(&e); c.set(n); }) }} />
                            <select id="new-category-skill" onchange={{ let c = new_category.clone(); Callback::from(move |e: Event| { let mut n = (*c).clone(); n.skill_id = select_value(&e).parse().ok(); c.set(n); }) }}>
                                <option value="" selected={new_category.skill_id.is_none()}>{ T::NoSkillNeeded.text(lang) }</option>
                                { for catalogue.skills.iter().map(|s| html! { <option value={s.id.to_string()} selected={new_category.skill_id == Some(s.id)}>{ s.name.clone() }</option> }) }
                            </select>
                            <button type="submit">{ T::Add.text(lang) }</button>
                        </form>
                    }
                </div>
            </div>
        </section>
    }
}
