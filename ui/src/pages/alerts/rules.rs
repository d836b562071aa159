//! The settings page's card of alert rules: each on or off, its thresholds
//! in days, its channels; saved one rule at a time.

use crate::components::{checkbox_value, input_value};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::alerts::{AlertRule, AlertRuleCode, AlertRuleInput};
use parc_api::commands;
use yew::prelude::*;

/// The card.
#[function_component(AlertRulesCard)]
pub fn alert_rules_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let rules = use_state(|| None::<Vec<AlertRuleInput>>);
    let errors = use_state(std::collections::HashMap::<AlertRuleCode, FormErrors>::new);
    {
        let rules = rules.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListAlertRules>(&()).await {
                    rules.set(Some(found.into_iter().map(input_of).collect()));
                }
            });
        });
    }
    let Some(current) = (*rules).clone() else {
        return html! {};
    };
    let edit = |index: usize, change: fn(&mut AlertRuleInput, bool)| {
        let rules = rules.clone();
        Callback::from(move |e: Event| {
            if let Some(mut all) = (*rules).clone() {
                change(&mut all[index], checkbox_value(&e));
                rules.set(Some(all));
            }
        })
    };
    html! {
        <div class="card form" id="alert-rules">
            <h3>{ T::AlertRulesTitle.text(lang) }</h3>
            <small class="hint">{ T::AlertRulesHint.text(lang) }</small>
            <table class="list rules">
                <thead><tr>
                    <th>{ T::AlertRule.text(lang) }</th>
                    <th>{ T::RuleOn.text(lang) }</th>
                    <th>{ T::Thresholds.text(lang) }</th>
                    <th>{ T::ChannelDesktop.text(lang) }</th>
                    <th>{ T::ChannelManagers.text(lang) }</th>
                    <th>{ T::ChannelClient.text(lang) }</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    { for current.iter().enumerate().map(|(index, rule)| {
                        let code = rule.code;
                        let error = errors.get(&code).and_then(|e| e.field("thresholds").map(|text| text.to_string()).or(e.general.clone()));
                        let on_thresholds = {
                            let rules = rules.clone();
                            Callback::from(move |e: InputEvent| {
                                if let Some(mut all) = (*rules).clone() {
                                    all[index].thresholds = input_value(&e);
                                    rules.set(Some(all));
                                }
                            })
                        };
                        let save = {
                            let (app, rule, errors) = (app.clone(), rule.clone(), errors.clone());
                            Callback::from(move |_| {
                                let (app, rule, errors) = (app.clone(), rule.clone(), errors.clone());
                                wasm_bindgen_futures::spawn_local(async move {
                                    let result = call::<commands::SaveAlertRule>(&rule).await;
                                    let mut all = (*errors).clone();
                                    match result {
                                        Ok(_) => {
                                            all.remove(&rule.code);
                                            app.dispatch(Action::Toast(ToastKind::Success, T::Saved.text(app.lang).to_owned()));
                                        }
                                        Err(error) => { all.insert(rule.code, FormErrors::from_error(&error, app.lang)); }
                                    }
                                    errors.set(all);
                                });
                            })
                        };
                        html! {
                            <tr key={code.code()} data-rule={code.code()}>
                                <td>{ code.label(lang) }</td>
                                <td><input type="checkbox" class="rule-enabled" checked={rule.enabled} onchange={edit(index, |r, on| r.enabled = on)} /></td>
                                <td>
                                    if code.has_thresholds() {
                                        <input class={classes!("rule-thresholds", error.is_some().then_some("invalid"))} value={rule.thresholds.clone()} oninput={on_thresholds} placeholder="90, 30, 7" />
                                        if let Some(problem) = error { <div class="error small rule-error">{ problem }</div> }
                                    } else {
                                        <span class="muted small">{ if code == AlertRuleCode::ContractEnd { T::ContractNotice.text(lang) } else { T::WhenItHappens.text(lang) } }</span>
                                    }
                                </td>
                                <td><input type="checkbox" class="rule-desktop" checked={rule.desktop} onchange={edit(index, |r, on| r.desktop = on)} /></td>
                                <td><input type="checkbox" class="rule-managers" checked={rule.email_managers} onchange={edit(index, |r, on| r.email_managers = on)} /></td>
                                <td><input type="checkbox" class="rule-client" checked={rule.email_client} onchange={edit(index, |r, on| r.email_client = on)} /></td>
                                <td><button class="ghost small rule-save" onclick={save}>{ T::Save.text(lang) }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn input_of(rule: AlertRule) -> AlertRuleInput {
    AlertRuleInput {
        code: rule.code,
        enabled: rule.enabled,
        thresholds: rule
            .thresholds
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        desktop: rule.desktop,
        email_managers: rule.email_managers,
        email_client: rule.email_client,
    }
}
