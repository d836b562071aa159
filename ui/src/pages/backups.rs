//! Settings → Backups (managers): the folder, the daily backup's switch,
//! "Back up now" and the backups already in the folder. Restoring replaces
//! the open database, so it is done with Parc closed: `parc restore FILE`.

use super::settings::save_then;
use crate::components::{checkbox_value, Field};
use crate::i18n::T;
use crate::ipc::{invoke, NoArgs};
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::backup::{BackupSettings, BackupStatus, BackupWritten};
use parc_api::commands;
use yew::prelude::*;

/// "1.2 MB", "830 kB".
fn size_text(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

#[function_component(BackupsCard)]
pub fn backups_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let generation = use_state(|| 0u32);
    let status = use_state(|| None::<BackupStatus>);
    let settings = use_state(|| None::<BackupSettings>);
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    {
        let (status, settings) = (status.clone(), settings.clone());
        use_effect_with(*generation, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) =
                    invoke::<_, BackupStatus>(commands::GET_BACKUPS, &NoArgs {}).await
                {
                    if settings.is_none() {
                        settings.set(Some(found.settings.clone()));
                    }
                    status.set(Some(found));
                }
            });
        });
    }
    let (Some(current), Some(found)) = ((*settings).clone(), (*status).clone()) else {
        return html! {};
    };
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_| generation.set(generation.wrapping_add(1)))
    };
    let onsubmit = save_then(
        &app,
        commands::SAVE_BACKUP_SETTINGS,
        &settings,
        &errors,
        reload.clone(),
    );
    let on_folder = {
        let settings = settings.clone();
        Callback::from(move |folder: String| {
            if let Some(mut next) = (*settings).clone() {
                next.folder = folder;
                settings.set(Some(next));
            }
        })
    };
    let on_daily = {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*settings).clone() {
                next.daily = checkbox_value(&e);
                settings.set(Some(next));
            }
        })
    };
    let back_up_now = {
        let (app, busy, reload) = (app.clone(), busy.clone(), reload.clone());
        Callback::from(move |_| {
            let (app, busy, reload) = (app.clone(), busy.clone(), reload.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<_, BackupWritten>(commands::BACK_UP_NOW, &NoArgs {}).await {
                    Ok(written) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        format!(
                            "{} {} ({} {}, {})",
                            T::BackupWritten.text(app.lang),
                            written.path,
                            written.rows,
                            T::Rows.text(app.lang),
                            size_text(written.bytes)
                        ),
                    )),
                    Err(error) => app.dispatch(Action::Toast(ToastKind::Error, error.message)),
                }
                busy.set(false);
                reload.emit(());
            });
        })
    };
    html! {
        <form class="card form" id="backup-form" {onsubmit}>
            <h3>{ T::BackupsTitle.text(lang) }</h3>
            <Field label={T::BackupFolder.text(lang)} name="folder" value={current.folder.clone()} error={errors.field("folder")} hint={T::BackupFolderHint.text(lang)} oninput={on_folder} />
            <label class="check"><input id="field-daily" type="checkbox" checked={current.daily} onchange={on_daily} />{ T::DailyBackup.text(lang) }</label>
            <div class="actions">
                <button type="button" class="ghost" id="backup-now" disabled={*busy} onclick={back_up_now}>{ T::BackUpNow.text(lang) }</button>
                <button type="submit" id="backup-save">{ T::Save.text(lang) }</button>
            </div>
            if found.files.is_empty() {
                <p class="muted">{ T::NoBackupsYet.text(lang) }</p>
            } else {
                <table class="list" id="backups-table">
                    <thead><tr>
                        <th>{ T::BackupFile.text(lang) }</th>
                        <th class="right">{ T::Size.text(lang) }</th>
                        <th>{ T::Kind.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.files.iter().map(|f| html! {
                            <tr data-name={f.name.clone()}>
                                <td class="mono">{ f.name.clone() }</td>
                                <td class="right">{ size_text(f.bytes) }</td>
                                <td>{ if f.daily { T::BackupDaily.text(lang) } else { T::BackupManual.text(lang) } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <small class="hint">{ T::RestoreHint.text(lang) }</small>
        </form>
    }
}
