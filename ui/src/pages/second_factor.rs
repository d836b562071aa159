//! Two-step sign-in, as each person sees it in Settings (and, alone on
//! screen, when the company requires it of a manager who has none yet):
//! scan the QR code or type the secret in an authenticator app, confirm
//! with a first code, keep the recovery codes shown once; later, turn it
//! off with the password or a current code. Managers also switch the
//! company rule on. The rules live in `parc_core::auth::second_factor`;
//! the secret never comes back once confirmed.

use crate::components::input_value;
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{session_of, use_app, Action, AppContext, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::second_factor::{
    DisableSecondFactor, SecondFactorCode, SecondFactorConfirmed, SecondFactorEnrolment,
    SecondFactorPolicy, SecondFactorStatus,
};
use yew::prelude::*;

/// Where the card stands: what the person sees next.
#[derive(Clone, PartialEq)]
enum Step {
    Loading,
    Off,
    Scanning(SecondFactorEnrolment),
    /// Just confirmed: the recovery codes, shown this once, and the session
    /// as it now stands, taken up once they are kept (a session held on
    /// the enrolment screen would otherwise leave it, codes unseen).
    Confirmed(SecondFactorConfirmed),
    On(SecondFactorStatus),
}

fn toast_error(app: &AppContext, error: &parc_api::IpcError) {
    app.dispatch(Action::Toast(
        ToastKind::Error,
        crate::state::error_text(error, app.lang),
    ));
}

/// The signed-in person's own second factor.
#[function_component(OwnSecondFactor)]
pub fn own_second_factor() -> Html {
    let app = use_app();
    let lang = app.lang;
    let step = use_state(|| Step::Loading);
    let reload = use_state(|| 0u32);
    {
        let (step, app) = (step.clone(), app.clone());
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::GetSecondFactor>(&()).await {
                    Ok(status) if status.enabled => step.set(Step::On(status)),
                    Ok(_) => step.set(Step::Off),
                    Err(error) => toast_error(&app, &error),
                }
            });
        });
    }
    let begin = {
        let (step, app) = (step.clone(), app.clone());
        Callback::from(move |_: MouseEvent| {
            let (step, app) = (step.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::BeginSecondFactor>(&()).await {
                    Ok(enrolment) => step.set(Step::Scanning(enrolment)),
                    Err(error) => toast_error(&app, &error),
                }
            });
        })
    };
    let confirmed = {
        let step = step.clone();
        Callback::from(move |done: SecondFactorConfirmed| step.set(Step::Confirmed(done)))
    };
    let kept = |session: parc_api::auth::SessionInfo| {
        let (reload, app) = (reload.clone(), app.clone());
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::SessionChanged(session.clone()));
            reload.set(*reload + 1);
        })
    };
    let due = session_of(&app).is_some_and(|s| s.second_factor_due);
    let body = match &*step {
        Step::Loading => html! {},
        Step::Off => html! {
            <>
                <p id="second-factor-state">{ T::SecondFactorOff.text(lang) }</p>
                <div class="actions"><button type="button" id="second-factor-begin" onclick={begin}>{ T::SecondFactorSetUp.text(lang) }</button></div>
            </>
        },
        Step::Scanning(enrolment) => {
            html! { <Scanning enrolment={enrolment.clone()} {confirmed} /> }
        }
        Step::Confirmed(done) => html! {
            <>
                <p class="notice" id="second-factor-state">{ T::SecondFactorNowOn.text(lang) }</p>
                <p>{ T::RecoveryCodesHint.text(lang) }</p>
                <ul class="recovery-codes" id="recovery-codes">
                    { for done.recovery_codes.iter().map(|code| html! { <li><code>{ code.clone() }</code></li> }) }
                </ul>
                <div class="actions"><button type="button" id="recovery-codes-kept" onclick={kept(done.session.clone())}>{ T::RecoveryCodesKept.text(lang) }</button></div>
            </>
        },
        Step::On(status) => html! { <TurnOff status={status.clone()} reload={reload.clone()} /> },
    };
    html! {
        <div class="card form" id="second-factor-card">
            <h3>{ T::SecondFactorTitle.text(lang) }</h3>
            if due { <p class="notice" id="second-factor-required">{ T::SecondFactorRequiredNow.text(lang) }</p> }
            <p class="muted">{ T::SecondFactorHint.text(lang) }</p>
            { body }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ScanningProps {
    enrolment: SecondFactorEnrolment,
    confirmed: Callback<SecondFactorConfirmed>,
}

/// The QR code and the secret, and the first code that confirms them.
#[function_component(Scanning)]
fn scanning(props: &ScanningProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let code = use_state(String::new);
    let errors = use_state(FormErrors::default);
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| code.set(input_value(&e)))
    };
    let submit = {
        let (code, errors, app, confirmed) = (
            code.clone(),
            errors.clone(),
            app.clone(),
            props.confirmed.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (code, errors, app, confirmed) =
                (code.clone(), errors.clone(), app.clone(), confirmed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = SecondFactorCode {
                    code: code.trim().to_owned(),
                };
                match call::<commands::ConfirmSecondFactor>(&request).await {
                    Ok(done) => confirmed.emit(done),
                    Err(error) => {
                        code.set(String::new());
                        errors.set(FormErrors::from_error(&error, app.lang));
                    }
                }
            });
        })
    };
    let problem = errors
        .field("code")
        .or_else(|| errors.general.clone().map(AttrValue::from));
    html! {
        <form id="second-factor-confirm-form" onsubmit={submit}>
            <p>{ T::SecondFactorScan.text(lang) }</p>
            <img class="qr-code" id="second-factor-qr" src={props.enrolment.qr_code.clone()} alt={T::SecondFactorQrAlt.text(lang)} width="200" height="200" />
            <p class="muted">{ T::SecondFactorTypeSecret.text(lang) }</p>
            <p><code id="second-factor-secret">{ props.enrolment.secret.clone() }</code></p>
            <label class="field">
                <span>{ T::SecondFactorCode.text(lang) }</span>
                <input id="second-factor-code" name="code" autocomplete="one-time-code" inputmode="numeric" value={(*code).clone()} {oninput} />
                if let Some(problem) = problem { <small class="form-error" id="second-factor-error">{ problem }</small> }
            </label>
            <div class="actions"><button type="submit" id="second-factor-confirm">{ T::SecondFactorConfirm.text(lang) }</button></div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct TurnOffProps {
    status: SecondFactorStatus,
    reload: UseStateHandle<u32>,
}

/// On: the recovery codes left, and turning it off (refused while the
/// company requires it of this person).
#[function_component(TurnOff)]
fn turn_off(props: &TurnOffProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let proof = use_state(String::new);
    let errors = use_state(FormErrors::default);
    let oninput = {
        let proof = proof.clone();
        Callback::from(move |e: InputEvent| proof.set(input_value(&e)))
    };
    let submit = {
        let (proof, errors, app, reload) = (
            proof.clone(),
            errors.clone(),
            app.clone(),
            props.reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (proof, errors, app, reload) =
                (proof.clone(), errors.clone(), app.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = DisableSecondFactor {
                    proof: (*proof).clone(),
                };
                match call::<commands::DisableSecondFactor>(&request).await {
                    Ok(()) => {
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::SecondFactorTurnedOff.text(app.lang).to_owned(),
                        ));
                        reload.set(*reload + 1);
                    }
                    Err(error) => {
                        proof.set(String::new());
                        errors.set(FormErrors::from_error(&error, app.lang));
                    }
                }
            });
        })
    };
    let problem = errors
        .fields
        .values()
        .next()
        .cloned()
        .or_else(|| errors.general.clone());
    html! {
        <form id="second-factor-off-form" onsubmit={submit}>
            <p id="second-factor-state">{ T::SecondFactorOn.text(lang) }</p>
            <p class="muted" id="recovery-codes-left">{ format!("{} {}", T::RecoveryCodesLeft.text(lang), props.status.recovery_codes_left) }</p>
            if !props.status.required {
                <label class="field">
                    <span>{ T::SecondFactorProof.text(lang) }</span>
                    <input id="second-factor-proof" type="password" value={(*proof).clone()} {oninput} />
                    if let Some(problem) = problem { <small class="form-error">{ problem }</small> }
                </label>
                <div class="actions"><button type="submit" class="ghost" id="second-factor-disable">{ T::SecondFactorTurnOff.text(lang) }</button></div>
            }
        </form>
    }
}

/// The company rule (managers): managers must sign in in two steps.
#[function_component(SecondFactorPolicyCard)]
pub fn second_factor_policy_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let policy = use_state(|| None::<SecondFactorPolicy>);
    // Bumped at a refusal: the box is drawn anew and shows what is saved,
    // not what was clicked.
    let redraw = use_state(|| 0u32);
    {
        let (policy, app) = (policy.clone(), app.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::GetSecondFactorPolicy>(&()).await {
                    Ok(found) => policy.set(Some(found)),
                    Err(error) => toast_error(&app, &error),
                }
            });
        });
    }
    let onchange = {
        let (policy, app, redraw) = (policy.clone(), app.clone(), redraw.clone());
        Callback::from(move |e: Event| {
            let checked = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|input| input.checked());
            let wanted = SecondFactorPolicy {
                required_for_managers: checked,
            };
            let (policy, app, redraw) = (policy.clone(), app.clone(), redraw.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetSecondFactorPolicy>(&wanted).await {
                    Ok(()) => {
                        policy.set(Some(wanted));
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => {
                        redraw.set(*redraw + 1);
                        toast_error(&app, &error);
                    }
                }
            });
        })
    };
    let Some(current) = *policy else {
        return html! {};
    };
    html! {
        <div class="card form" id="second-factor-policy">
            <h3>{ T::SecondFactorPolicyTitle.text(lang) }</h3>
            <label class="check">
                <input key={*redraw} type="checkbox" id="second-factor-required-for-managers" checked={current.required_for_managers} {onchange} />
                { T::SecondFactorRequiredForManagers.text(lang) }
            </label>
            <p class="muted">{ T::SecondFactorPolicyHint.text(lang) }</p>
        </div>
    }
}
