//! The confirmation step before an action that cannot be undone (cancel an order, release the
//! rest of a reservation, revoke an API key, close a day): the action's button only leads to
//! a page (or page state) that says what will happen — the order, the amounts, the key — with
//! "Confirm" and "Back". Only a post that carries [`FIELD`] does the work; one without it (an
//! old page, a hand-made post) is sent to the confirmation step and changes nothing. The
//! confirmed form carries the same one-time token / idempotency key as any other form, so a
//! double-clicked "Confirm" still does the work once.

use leptos::prelude::*;

use crate::i18n::t;

/// The form field a confirmed post carries (`confirmed=1`).
pub const FIELD: &str = "confirmed";

/// Whether a post's [`FIELD`] says the user confirmed.
pub fn is_confirmed(value: Option<&str>) -> bool {
    value.map(str::trim) == Some("1")
}

/// A confirmation card: the title, a warning, what the action concerns (label message id and
/// value, each marked `data-fact=<label>`), then `children` — the form, ending in
/// [`ConfirmButtons`].
#[component]
pub fn ConfirmStep(
    /// The heading's message id.
    title: &'static str,
    /// The message id of what will happen and that it cannot be undone.
    warning: &'static str,
    /// (label message id, value) of each fact shown.
    facts: Vec<(&'static str, AnyView)>,
    /// The card's `data-testid`.
    #[prop(default = "confirm-step")]
    testid: &'static str,
    children: Children,
) -> impl IntoView {
    let facts = facts
        .into_iter()
        .map(|(label, value)| view! { <dt>{t(label)}</dt><dd data-fact=label>{value}</dd> })
        .collect_view();
    view! {
        <section class="card confirm-step" data-testid=testid aria-labelledby="confirm-title">
            <h2 id="confirm-title">{t(title)}</h2>
            <p class="alert alert-info">{t(warning)}</p>
            <dl class="facts">{facts}</dl>
            {children()}
        </section>
    }
}

/// The end of a confirmation form: the hidden [`FIELD`], the confirm button (labelled
/// `confirm`, id `confirm-submit`) and "Back" to `back`.
#[component]
pub fn ConfirmButtons(
    /// The confirm button's message id.
    confirm: &'static str,
    /// Where "Back" goes (the page the action started from).
    back: String,
) -> impl IntoView {
    view! {
        <input type="hidden" name=FIELD value="1"/>
        <div class="form-actions">
            <button type="submit" class="btn btn-danger" id="confirm-submit" data-testid="confirm-submit">{t(confirm)}</button>
            " "
            <a href=back class="btn btn-secondary" data-testid="confirm-back">{t("confirm-back")}</a>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_confirm_field_confirms() {
        assert!(is_confirmed(Some("1")));
        assert!(!is_confirmed(None));
        assert!(!is_confirmed(Some("")));
        assert!(!is_confirmed(Some("0")));
    }
}
