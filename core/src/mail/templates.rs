//! Mail templates: Parc's own text per event and language until a manager
//! changes it; `{placeholders}` filled when a mail is queued. A template
//! using a placeholder its event does not have is refused, naming it.

use super::template_entity as saved;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::{validate, Actor};
use chrono::Utc;
use parc_api::auth::Language;
use parc_api::mail::{MailEvent, MailTemplate, MailTemplateInput, MailTemplateKey};
use parc_api::ValidationCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, ModelTrait, Set};

/// Parc's own subject and body of an event's mail in a language.
pub fn default_text(event: MailEvent, lang: Language) -> (&'static str, &'static str) {
    use MailEvent::*;
    match (event, lang) {
        (AlertDigest, Language::En) => (
            "{count} new alerts — {date}",
            "Hello,\n\n{count} new alerts were raised on {date}:\n\n{alerts}\n\nOpen Parc's alert centre to acknowledge or snooze them.\n\n{company}",
        ),
        (AlertDigest, Language::Fr) => (
            "{count} nouvelles alertes — {date}",
            "Bonjour,\n\n{count} nouvelles alertes ont été levées le {date} :\n\n{alerts}\n\nOuvrez le centre d'alertes de Parc pour les prendre en compte ou les reporter.\n\n{company}",
        ),
        (ContractExpiring, Language::En) => (
            "Your contract {contract} ends on {date}",
            "Hello {contact},\n\nYour contract {contract} with {company} ends on {date}; its notice period is {notice_days} days. Reply to this e-mail to renew it or to discuss it.\n\n{company}",
        ),
        (ContractExpiring, Language::Fr) => (
            "Votre contrat {contract} se termine le {date}",
            "Bonjour {contact},\n\nVotre contrat {contract} avec {company} se termine le {date} ; son préavis est de {notice_days} jours. Répondez à cet e-mail pour le renouveler ou en parler.\n\n{company}",
        ),
        (ClientAlert, Language::En) => (
            "{rule}: {item}",
            "Hello {contact},\n\n{rule}: {item} ({date}).\n\n{company}",
        ),
        (ClientAlert, Language::Fr) => (
            "{rule} : {item}",
            "Bonjour {contact},\n\n{rule} : {item} ({date}).\n\n{company}",
        ),
        (TicketCreated, Language::En) => (
            "[{ticket}] {title}",
            "Hello {contact},\n\nWe have received your request {ticket} \"{title}\" and will come back to you.\n\n{company}",
        ),
        (TicketCreated, Language::Fr) => (
            "[{ticket}] {title}",
            "Bonjour {contact},\n\nNous avons bien reçu votre demande {ticket} « {title} » et revenons vers vous.\n\n{company}",
        ),
        (TicketReplied, Language::En) => (
            "Re: [{ticket}] {title}",
            "Hello {contact},\n\n{message}\n\n{company}",
        ),
        (TicketReplied, Language::Fr) => (
            "Re : [{ticket}] {title}",
            "Bonjour {contact},\n\n{message}\n\n{company}",
        ),
        (TicketResolved, Language::En) => (
            "[{ticket}] resolved: {title}",
            "Hello {contact},\n\nYour request {ticket} \"{title}\" is resolved. Reply to this e-mail if anything is still wrong.\n\n{company}",
        ),
        (TicketResolved, Language::Fr) => (
            "[{ticket}] résolu : {title}",
            "Bonjour {contact},\n\nVotre demande {ticket} « {title} » est résolue. Répondez à cet e-mail si quelque chose ne va toujours pas.\n\n{company}",
        ),
        (InvoiceFinalised, Language::En) => (
            "Invoice {invoice} from {company}",
            "Hello {contact},\n\nPlease find attached invoice {invoice} of {date}, {amount} incl. VAT, due on {due_date}.\n\n{company}",
        ),
        (InvoiceFinalised, Language::Fr) => (
            "Facture {invoice} de {company}",
            "Bonjour {contact},\n\nVeuillez trouver ci-joint la facture {invoice} du {date}, d'un montant de {amount} TTC, à régler le {due_date}.\n\n{company}",
        ),
        (PortalLink, Language::En) => (
            "Your access to the {company} portal",
            "Hello {contact},\n\nTo choose your password for the {company} client portal, open this link:\n\n{link}\n\nIt works once, until {expires}. If you did not ask for it, ignore this e-mail.\n\n{company}",
        ),
        (PortalLink, Language::Fr) => (
            "Votre accès au portail {company}",
            "Bonjour {contact},\n\nPour choisir votre mot de passe du portail client de {company}, ouvrez ce lien :\n\n{link}\n\nIl ne sert qu'une fois, jusqu'au {expires}. Si vous ne l'avez pas demandé, ignorez cet e-mail.\n\n{company}",
        ),
        (Test, Language::En) => (
            "Parc test e-mail",
            "This test e-mail from {company} was sent on {date}: Parc can send mail.",
        ),
        (Test, Language::Fr) => (
            "E-mail de test de Parc",
            "Cet e-mail de test de {company} a été envoyé le {date} : Parc sait envoyer des e-mails.",
        ),
    }
}

/// The placeholders a text uses, or the reason it cannot be read.
fn placeholders_of(text: &str) -> Result<Vec<&str>, String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a \"}\" without its \"{\"".to_owned());
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| "a \"{\" without its \"}\"".to_owned())?;
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    Ok(found)
}

/// Refuses a text using a placeholder `event` does not have.
pub fn check(event: MailEvent, field: &str, text: &str) -> CoreResult<()> {
    let known = event.placeholders();
    let used = placeholders_of(text)
        .map_err(|why| CoreError::validation(field, ValidationCode::InvalidFormat, why))?;
    if let Some(unknown) = used.iter().find(|p| !known.contains(p)) {
        return Err(CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            format!(
                "{{{unknown}}} is not a placeholder of this e-mail; it may use {}",
                known
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(())
}

/// Fills the placeholders of `text` (each `{name}` by its value), in one
/// pass: a value that itself reads like a placeholder stays as it is.
pub fn render(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// An event's template in a language: the saved one, or Parc's own.
pub async fn get(
    db: &impl ConnectionTrait,
    event: MailEvent,
    language: Language,
) -> CoreResult<MailTemplate> {
    let row = saved::Entity::find_by_id((event.code().to_owned(), language.code().to_owned()))
        .one(db)
        .await?;
    Ok(match row {
        Some(row) => MailTemplate {
            event,
            language,
            subject: row.subject,
            body: row.body,
            is_default: false,
        },
        None => {
            let (subject, body) = default_text(event, language);
            MailTemplate {
                event,
                language,
                subject: subject.to_owned(),
                body: body.to_owned(),
                is_default: true,
            }
        }
    })
}

/// Every event's template in both languages.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<Vec<MailTemplate>> {
    require(actor, Operation::ManageSettings)?;
    let mut all = Vec::new();
    for event in MailEvent::ALL {
        for language in [Language::En, Language::Fr] {
            all.push(get(db, event, language).await?);
        }
    }
    Ok(all)
}

/// Checks and saves a template.
pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &MailTemplateInput,
) -> CoreResult<MailTemplate> {
    require(actor, Operation::ManageSettings)?;
    let subject = validate::required("subject", &input.subject, 200)?;
    if subject.contains(['\r', '\n']) {
        return Err(CoreError::validation(
            "subject",
            ValidationCode::InvalidFormat,
            "a subject is one line",
        ));
    }
    let body = validate::required("body", &input.body, 20_000)?;
    check(input.event, "subject", &subject)?;
    check(input.event, "body", &body)?;
    saved::Entity::insert(saved::ActiveModel {
        event: Set(input.event.code().to_owned()),
        language: Set(input.language.code().to_owned()),
        subject: Set(subject),
        body: Set(body),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([saved::Column::Event, saved::Column::Language])
            .update_columns([
                saved::Column::Subject,
                saved::Column::Body,
                saved::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    get(db, input.event, input.language).await
}

/// Puts Parc's own text back.
pub async fn reset(
    db: &impl ConnectionTrait,
    actor: &Actor,
    key: &MailTemplateKey,
) -> CoreResult<MailTemplate> {
    require(actor, Operation::ManageSettings)?;
    if let Some(row) =
        saved::Entity::find_by_id((key.event.code().to_owned(), key.language.code().to_owned()))
            .one(db)
            .await?
    {
        row.delete(db).await?;
    }
    get(db, key.event, key.language).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_uses_only_its_placeholders() {
        for event in MailEvent::ALL {
            for lang in [Language::En, Language::Fr] {
                let (subject, body) = default_text(event, lang);
                check(event, "subject", subject).unwrap();
                check(event, "body", body).unwrap();
            }
        }
    }

    /// The `{names}` a text uses, sorted, once each.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// A translation that drops or adds a placeholder is a missing key:
    /// the French mail would lose the ticket's number, say. Each event's
    /// French and English texts use the same placeholders, and neither
    /// language is a copy of the other.
    #[test]
    fn both_languages_say_the_same_things() {
        for event in MailEvent::ALL {
            let (en_subject, en_body) = default_text(event, Language::En);
            let (fr_subject, fr_body) = default_text(event, Language::Fr);
            assert_eq!(
                placeholders(en_subject),
                placeholders(fr_subject),
                "{event:?} subject"
            );
            assert_eq!(
                placeholders(en_body),
                placeholders(fr_body),
                "{event:?} body"
            );
            assert_ne!(en_body, fr_body, "{event:?} is translated");
        }
        assert_eq!(placeholders("{a} and {b}, {a}"), ["a", "b"]);
    }

    #[test]
    fn unknown_or_broken_placeholders_are_named() {
        let error = check(MailEvent::TicketCreated, "body", "Hi {contact}, {invoice}")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("body: {invoice} is not a placeholder"),
            "{error}"
        );
        assert!(check(MailEvent::TicketCreated, "subject", "[{ticket").is_err());
        assert!(check(MailEvent::TicketCreated, "subject", "ticket}").is_err());
    }

    #[test]
    fn placeholders_are_filled() {
        let text = render(
            "[{ticket}] {title} {unknown}",
            &[("ticket", "T000042".into()), ("title", "Printer".into())],
        );
        assert_eq!(text, "[T000042] Printer {unknown}");
        let nested = render(
            "{title} for {contact}",
            &[("title", "{contact}".into()), ("contact", "Ana".into())],
        );
        assert_eq!(nested, "{contact} for Ana");
    }
}
