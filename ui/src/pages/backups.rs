//! Settings → Backups (managers): the folder, the daily backup's switch,
//! "Back up now", the backups already in the folder, and restoring one
//! (or any other backup file) into the open database after a confirmation.
//! A backup or a restore shows its progress, read from the backend while
//! it runs (one already running when the page opens too); a restore ends with everyone logged out, since the restored
//! users are the ones that count. The page says which copies restores keep
//! (`set_aside_kept`, from the core's own figures).

use super::settings::save_then;
use crate::components::{checkbox_value, Field};
use crate::i18n::T;
use crate::ipc::{call, pause};
use crate::state::{use_app, Action, AppContext, FormErrors, ToastKind};
use parc_api::auth::Language;
use parc_api::backup::{
    BackupProgress, BackupSettings, BackupStage, BackupStatus, SET_ASIDE_KEPT, SET_ASIDE_KEPT_DAYS,
};
use parc_api::commands;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// "1.2 MB", "830 kB".
fn size_text(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

fn stage_text(stage: BackupStage, lang: Language) -> &'static str {
    match stage {
        BackupStage::Copying => T::StageCopying,
        BackupStage::Checking => T::StageChecking,
        BackupStage::Preparing => T::StagePreparing,
        BackupStage::SettingAside => T::StageSettingAside,
        BackupStage::Restoring => T::StageRestoring,
    }
    .text(lang)
}

/// What restores keep, from the figures the core prunes by.
fn set_aside_kept(lang: Language) -> String {
    T::SetAsideKept
        .text(lang)
        .replace("{days}", &SET_ASIDE_KEPT_DAYS.to_string())
        .replace("{copies}", &SET_ASIDE_KEPT.to_string())
}

/// Runs `job`, reading its progress into `progress` every 300 ms until it
/// ends; `busy` is set for as long.
fn with_progress<F>(
    busy: UseStateHandle<bool>,
    progress: UseStateHandle<Option<BackupProgress>>,
    job: F,
) where
    F: std::future::Future<Output = ()> + 'static,
{
    busy.set(true);
    let running = Rc::new(Cell::new(true));
    {
        let (running, progress) = (running.clone(), progress.clone());
        wasm_bindgen_futures::spawn_local(async move {
            while running.get() {
                pause(300).await;
                if !running.get() {
                    break;
                }
                if let Ok(now) = call::<commands::GetBackupProgress>(&()).await {
                    if running.get() {
                        progress.set(now);
                    }
                }
            }
        });
    }
    wasm_bindgen_futures::spawn_local(async move {
        job.await;
        running.set(false);
        progress.set(None);
        busy.set(false);
    });
}

/// A job already running when the page opens (started before the user
/// left it, or the daily backup): shown and followed until it ends.
fn follow_running_job(
    busy: UseStateHandle<bool>,
    progress: UseStateHandle<Option<BackupProgress>>,
    then: Callback<()>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut followed = false;
        while let Ok(Some(now)) = call::<commands::GetBackupProgress>(&()).await {
            followed = true;
            busy.set(true);
            progress.set(Some(now));
            pause(300).await;
        }
        if followed {
            progress.set(None);
            busy.set(false);
            then.emit(());
        }
    });
}

/// The restore, once confirmed: a toast that says where the old data went,
/// then the login screen.
async fn restore(app: AppContext, file: String, errors: UseStateHandle<FormErrors>) {
    match call::<commands::RestoreBackup>(&file).await {
        Ok(done) => {
            app.dispatch(Action::Toast(
                ToastKind::Success,
                format!(
                    "{} {} ({} {}). {} {}",
                    T::Restored.text(app.lang),
                    done.file,
                    done.rows,
                    T::Rows.text(app.lang),
                    T::KeptAsideIn.text(app.lang),
                    done.kept_aside
                ),
            ));
            app.dispatch(Action::LoggedOut);
        }
        Err(error) => {
            let mut found = FormErrors::default();
            found
                .fields
                .insert("file".into(), crate::state::error_text(&error, app.lang));
            errors.set(found);
            app.dispatch(Action::Failed(error));
        }
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
    let restore_errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    let progress = use_state(|| None::<BackupProgress>);
    let other_file = use_state(String::new);
    let confirming = use_state(|| None::<String>);
    {
        let (status, settings) = (status.clone(), settings.clone());
        use_effect_with(*generation, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetBackups>(&()).await {
                    if settings.is_none() {
                        settings.set(Some(found.settings.clone()));
                    }
                    status.set(Some(found));
                }
            });
        });
    }
    {
        let (busy, progress, generation) = (busy.clone(), progress.clone(), generation.clone());
        use_effect_with((), move |_| {
            let reload = Callback::from(move |_| generation.set(generation.wrapping_add(1)));
            follow_running_job(busy, progress, reload);
        });
    }
    let (Some(current), Some(found)) = ((*settings).clone(), (*status).clone()) else {
        return html! {};
    };
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_| generation.set(generation.wrapping_add(1)))
    };
    let onsubmit =
        save_then::<commands::SaveBackupSettings>(&app, &settings, &errors, reload.clone());
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
        let (app, busy, progress, reload) =
            (app.clone(), busy.clone(), progress.clone(), reload.clone());
        Callback::from(move |_| {
            let (app, reload) = (app.clone(), reload.clone());
            with_progress(busy.clone(), progress.clone(), async move {
                match call::<commands::BackUpNow>(&()).await {
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
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
                reload.emit(());
            });
        })
    };
    let ask = |file: String| {
        let (confirming, restore_errors) = (confirming.clone(), restore_errors.clone());
        Callback::from(move |_: MouseEvent| {
            restore_errors.set(FormErrors::default());
            confirming.set(Some(file.clone()));
        })
    };
    let on_other_file = {
        let other_file = other_file.clone();
        Callback::from(move |path: String| other_file.set(path))
    };
    let confirm = {
        let (app, busy, progress, confirming, restore_errors) = (
            app.clone(),
            busy.clone(),
            progress.clone(),
            confirming.clone(),
            restore_errors.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(file) = (*confirming).clone() else {
                return;
            };
            confirming.set(None);
            let job = restore(app.clone(), file, restore_errors.clone());
            with_progress(busy.clone(), progress.clone(), job);
        })
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(None))
    };
    html! {
        <form class="card form" id="backup-form" {onsubmit}>
            <h3>{ T::BackupsTitle.text(lang) }</h3>
            <p class="muted">{ T::BackupsExplained.text(lang) }</p>
            <Field label={T::BackupFolder.text(lang)} name="folder" value={current.folder.clone()} error={errors.field("folder")} hint={T::BackupFolderHint.text(lang)} oninput={on_folder} />
            <label class="check"><input id="field-daily" type="checkbox" checked={current.daily} onchange={on_daily} />{ T::DailyBackup.text(lang) }</label>
            <div class="actions">
                <button type="button" class="ghost" id="backup-now" disabled={*busy} onclick={back_up_now}>{ T::BackUpNow.text(lang) }</button>
                <button type="submit" id="backup-save">{ T::Save.text(lang) }</button>
            </div>
            if let Some(now) = *progress {
                <div class="progress" id="backup-progress" data-stage={format!("{:?}", now.stage)}>
                    <span>{ stage_text(now.stage, lang) }</span>
                    <progress max="100" value={now.percent().to_string()}></progress>
                    <span class="muted">{ if now.total > 0 { format!("{} %", now.percent()) } else { String::new() } }</span>
                </div>
            }
            if found.files.is_empty() {
                <p class="muted">{ T::NoBackupsYet.text(lang) }</p>
            } else {
                <table class="list" id="backups-table">
                    <thead><tr>
                        <th>{ T::BackupFile.text(lang) }</th>
                        <th class="right">{ T::Size.text(lang) }</th>
                        <th>{ T::Kind.text(lang) }</th>
                        <th></th>
                    </tr></thead>
                    <tbody>
                        { for found.files.iter().map(|f| html! {
                            <tr data-name={f.name.clone()}>
                                <td class="mono">{ f.name.clone() }</td>
                                <td class="right">{ size_text(f.bytes) }</td>
                                <td>{ if f.daily { T::BackupDaily.text(lang) } else { T::BackupManual.text(lang) } }</td>
                                <td class="right"><button type="button" class="ghost small restore-file" disabled={*busy} onclick={ask(f.path.clone())}>{ T::RestoreEllipsis.text(lang) }</button></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <div class="restore-other">
                <Field label={T::RestoreFromFile.text(lang)} name="file" value={(*other_file).clone()} error={restore_errors.field("file")} hint={T::RestoreFromFileHint.text(lang)} oninput={on_other_file} />
                <div class="actions"><button type="button" class="ghost" id="restore-other" disabled={*busy || other_file.trim().is_empty()} onclick={ask(other_file.trim().to_owned())}>{ T::RestoreEllipsis.text(lang) }</button></div>
            </div>
            if let Some(file) = (*confirming).clone() {
                <div class="confirm" id="restore-confirm" role="alertdialog">
                    <p>{ T::RestoreConfirm.text(lang) }<br /><span class="mono">{ file }</span></p>
                    <div class="actions">
                        <button type="button" class="ghost" id="restore-cancel" onclick={cancel}>{ T::Cancel.text(lang) }</button>
                        <button type="button" class="danger" id="restore-confirm-yes" disabled={*busy} onclick={confirm}>{ T::RestoreNow.text(lang) }</button>
                    </div>
                </div>
            }
            <small class="hint">{ T::RestoreHint.text(lang) }</small>
            <small class="hint" id="set-aside-kept">{ set_aside_kept(lang) }</small>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_says_what_restores_keep_with_the_cores_figures() {
        for lang in [Language::En, Language::Fr] {
            let said = set_aside_kept(lang);
            assert!(!said.contains('{'), "{said}");
            assert!(
                said.contains(&format!(" {SET_ASIDE_KEPT_DAYS} "))
                    && said.contains(&format!(" {SET_ASIDE_KEPT} ")),
                "{said}"
            );
        }
    }
}
