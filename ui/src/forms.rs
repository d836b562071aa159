//! Form plumbing written once for every screen: binding a field to a form
//! held in state, the add-or-edit form shown in place above a list, the
//! archive/restore action, and the rule of a sortable column header.

use crate::i18n::T;
use crate::ipc::call;
use crate::state::{error_text, Action, AppContext, FormErrors, ToastKind};
use parc_api::clients::SetArchived;
use parc_api::commands::Command;
use parc_api::{SortDir, Update};
use serde::Serialize;
use yew::prelude::*;

/// A callback writing a typed text into one field of the form in `state`.
pub fn bind<F: Clone + 'static>(
    state: &UseStateHandle<F>,
    apply: fn(&mut F, String),
) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| {
        let mut next = (*state).clone();
        apply(&mut next, value);
        state.set(next);
    })
}

/// A callback writing a checkbox into one field of the form in `state`.
pub fn bind_check<F: Clone + 'static>(
    state: &UseStateHandle<F>,
    apply: fn(&mut F, bool),
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let mut next = (*state).clone();
        apply(&mut next, crate::components::checkbox_value(&e));
        state.set(next);
    })
}

/// The Cancel button of a full-page form: back to where the user came from.
pub fn go_back() -> Callback<MouseEvent> {
    Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.history().and_then(|h| h.back());
        }
    })
}

/// Clicking a column header: the same column flips direction, another sorts ascending.
pub fn next_dir<S: PartialEq>(current: S, dir: SortDir, clicked: S) -> SortDir {
    if current == clicked && dir == SortDir::Asc {
        SortDir::Desc
    } else {
        SortDir::Asc
    }
}

/// The arrow a header shows when the list is sorted by its column.
pub fn sort_arrow<S: PartialEq>(current: S, dir: SortDir, column: S) -> &'static str {
    match (current == column, dir) {
        (true, SortDir::Asc) => " ▲",
        (true, SortDir::Desc) => " ▼",
        _ => "",
    }
}

/// An add-or-edit form shown in place above a list of records.
#[derive(Clone)]
pub struct InlineForm<F: 'static> {
    pub open: UseStateHandle<bool>,
    /// The record being edited; `None` when the form adds one.
    pub editing: UseStateHandle<Option<i64>>,
    pub form: UseStateHandle<F>,
    pub errors: UseStateHandle<FormErrors>,
    blank: F,
}

#[hook]
pub fn use_inline_form<F: Clone + 'static>(blank: F) -> InlineForm<F> {
    let initial = blank.clone();
    InlineForm {
        open: use_state(|| false),
        editing: use_state(|| None),
        form: use_state(move || initial),
        errors: use_state(FormErrors::default),
        blank,
    }
}

impl<F: Clone + Serialize + 'static> InlineForm<F> {
    fn show(&self, editing: Option<i64>, value: F) {
        self.form.set(value);
        self.errors.set(FormErrors::default());
        self.editing.set(editing);
        self.open.set(true);
    }

    pub fn start_new(&self) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_| this.show(None, this.blank.clone()))
    }

    pub fn start_edit(&self, id: i64, value: F) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_| this.show(Some(id), value.clone()))
    }

    pub fn cancel(&self) -> Callback<MouseEvent> {
        let this = self.clone();
        Callback::from(move |_| {
            this.open.set(false);
            this.editing.set(None);
        })
    }

    /// Saves through `Create` (the form) or `Change` (an `Update` of it);
    /// on success closes the form, says so and calls `saved`; on refusal keeps
    /// what was typed and shows the core's messages beside the fields.
    pub fn submit<Create, Change>(
        &self,
        app: &AppContext,
        saved: Callback<()>,
    ) -> Callback<SubmitEvent>
    where
        Create: Command<Input = F>,
        Change: Command<Input = Update<F>>,
    {
        let (this, app) = (self.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (this, app, saved) = (this.clone(), app.clone(), saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let input = (*this.form).clone();
                let result = match *this.editing {
                    None => call::<Create>(&input).await.map(|_| ()),
                    Some(id) => call::<Change>(&Update { id, input }).await.map(|_| ()),
                };
                match result {
                    Ok(_) => {
                        this.open.set(false);
                        this.editing.set(None);
                        this.form.set(this.blank.clone());
                        this.errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                        saved.emit(());
                    }
                    Err(error) => this.errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    }
}

/// A button callback archiving (or restoring) record `id` through `C`,
/// handing the updated record to `done`; a refusal becomes an error toast.
pub fn set_archived<C: Command<Input = SetArchived>>(
    app: &AppContext,
    id: i64,
    archived: bool,
    done: Callback<C::Output>,
) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |_| {
        let (app, done) = (app.clone(), done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match call::<C>(&SetArchived { id, archived }).await {
                Ok(record) => done.emit(record),
                Err(error) => app.dispatch(Action::Toast(
                    ToastKind::Error,
                    error_text(&error, app.lang),
                )),
            }
        });
    })
}

/// Deletes record `id` through `C`; says so and calls `done`, or shows
/// why not (e.g. "other records use it: archive it instead").
pub fn delete<C: Command<Input = i64, Output = ()>>(
    app: &AppContext,
    id: i64,
    done: Callback<()>,
) -> Callback<()> {
    let app = app.clone();
    Callback::from(move |_| {
        let (app, done) = (app.clone(), done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match call::<C>(&id).await {
                Ok(()) => {
                    app.dispatch(Action::Toast(
                        ToastKind::Success,
                        T::Deleted.text(app.lang).to_owned(),
                    ));
                    done.emit(());
                }
                Err(error) => app.dispatch(Action::Toast(
                    ToastKind::Error,
                    error_text(&error, app.lang),
                )),
            }
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_sort_then_flip() {
        assert_eq!(next_dir(1, SortDir::Asc, 2), SortDir::Asc);
        assert_eq!(next_dir(1, SortDir::Asc, 1), SortDir::Desc);
        assert_eq!(next_dir(1, SortDir::Desc, 1), SortDir::Asc);
        assert_eq!(sort_arrow(1, SortDir::Desc, 1), " ▼");
        assert_eq!(sort_arrow(1, SortDir::Desc, 2), "");
    }
}
