//! Loading what a screen shows through a command, and loading it again by
//! name: a screen says which `Topic`s its data is about, an action that
//! changed one says so (`Changes::changed`), and every screen showing that
//! topic asks again. No screen keeps a counter to bump.
//!
//! The changes are their own context, not the app state's: a change redraws
//! the screens that load through `use_command`, not the whole window under
//! a user's typing.

use crate::ipc::call;
use parc_api::commands::Command;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// What a screen's data is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    Alerts,
    AlertRules,
    Outbox,
}

/// How many times each topic changed since the window opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    counts: BTreeMap<Topic, u32>,
}

impl Changes {
    /// A number that changes whenever one of `topics` does.
    pub fn generation(&self, topics: &[Topic]) -> u32 {
        topics.iter().fold(0u32, |sum, topic| {
            sum.wrapping_add(self.counts.get(topic).copied().unwrap_or(0))
        })
    }
}

/// `topics` changed: what shows them is asked again.
pub struct Changed(pub &'static [Topic]);

impl Reducible for Changes {
    type Action = Changed;

    fn reduce(self: Rc<Self>, Changed(topics): Changed) -> Rc<Self> {
        let mut next = (*self).clone();
        for topic in topics {
            let count = next.counts.entry(*topic).or_default();
            *count = count.wrapping_add(1);
        }
        Rc::new(next)
    }
}

pub type ChangesContext = UseReducerHandle<Changes>;

/// Tells every screen showing `topics` to load again.
#[hook]
pub fn use_changed() -> Callback<&'static [Topic]> {
    let changes = use_context::<ChangesContext>();
    Callback::from(move |topics: &'static [Topic]| {
        if let Some(changes) = &changes {
            changes.dispatch(Changed(topics));
        }
    })
}

/// `None` while loading, then the answer or the backend's message in the
/// user's language.
pub type Loaded<T> = UseStateHandle<Option<Result<T, String>>>;

/// The answer of command `C` to `input`, asked again when `input` changes
/// and when one of `topics` does. Only the answer to the latest question is
/// kept: an earlier one arriving last does not replace it.
#[hook]
pub fn use_command<C>(input: C::Input, topics: &'static [Topic]) -> Loaded<C::Output>
where
    C: Command,
    C::Input: Clone + PartialEq + 'static,
    C::Output: 'static,
{
    let changes = use_context::<ChangesContext>();
    let generation = changes.map_or(0, |changes| changes.generation(topics));
    let state: Loaded<C::Output> = use_state(|| None);
    let latest = use_mut_ref(|| 0u64);
    let lang = crate::state::use_app().lang;
    {
        let state = state.clone();
        use_effect_with((input, generation), move |(input, _)| {
            let input = input.clone();
            let asked = {
                let mut counter = latest.borrow_mut();
                *counter += 1;
                *counter
            };
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<C>(&input).await;
                if *latest.borrow() == asked {
                    state.set(Some(
                        found.map_err(|error| crate::state::error_text(&error, lang)),
                    ));
                }
            });
        });
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_moves_the_generation_of_the_screens_showing_it_only() {
        let changes = Rc::new(Changes::default());
        let alerts = changes.generation(&[Topic::Alerts]);
        let outbox = changes.generation(&[Topic::Outbox]);
        let changes = changes.reduce(Changed(&[Topic::Alerts]));
        assert_ne!(changes.generation(&[Topic::Alerts]), alerts);
        assert_ne!(
            changes.generation(&[Topic::Alerts, Topic::Outbox]),
            alerts + outbox
        );
        assert_eq!(changes.generation(&[Topic::Outbox]), outbox);
    }
}
