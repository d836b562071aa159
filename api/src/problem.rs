//! Why a service refused, as a code and its values, worded by each door in
//! its user's language.
//!
//! A refusal used to travel as an English sentence, so a French screen
//! showed "Action non autorisée (a technician cannot …)". Now the core
//! says *which* refusal (`Problem`) with the values it names (an invoice's
//! number, a contract's reference); the desktop, the portal and the command
//! line word it with [`Problem::text`] in their user's language. Values that
//! come from outside Parc (an SMTP server's reply, the operating system's
//! reason a file could not be written) are shown as they came.

use crate::auth::Language;
use crate::authz::Operation;
use crate::contracts::ContractStatus;
use crate::invoices::InvoiceStatus;
use serde::{Deserialize, Serialize};

/// The kinds of record a refusal can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Thing {
    Account,
    Alert,
    Client,
    Category,
    Compliance,
    Contact,
    Contract,
    Equipment,
    EquipmentType,
    Installation,
    Intervention,
    Invoice,
    Licence,
    Mail,
    Manufacturer,
    Model,
    Part,
    RememberedLogin,
    Seat,
    Sequence,
    Site,
    Skill,
    SlaCalendar,
    Software,
    Technician,
    Ticket,
    TimeEntry,
    User,
    Zone,
    /// A record the door cannot name more precisely.
    Record,
}

impl Thing {
    /// Its name, without an article, in `lang`.
    pub fn name(self, lang: Language) -> &'static str {
        let (en, fr) = match self {
            Thing::Account => ("account", "compte"),
            Thing::Alert => ("alert", "alerte"),
            Thing::Client => ("client", "client"),
            Thing::Category => ("category", "catégorie"),
            Thing::Compliance => ("compliance", "conformité"),
            Thing::Contact => ("contact", "contact"),
            Thing::Contract => ("contract", "contrat"),
            Thing::Equipment => ("equipment", "équipement"),
            Thing::EquipmentType => ("equipment type", "type d'équipement"),
            Thing::Installation => ("installation", "installation"),
            Thing::Intervention => ("intervention", "intervention"),
            Thing::Invoice => ("invoice", "facture"),
            Thing::Licence => ("licence", "licence"),
            Thing::Mail => ("mail", "courriel"),
            Thing::Manufacturer => ("manufacturer", "fabricant"),
            Thing::Model => ("model", "modèle"),
            Thing::Part => ("part", "pièce"),
            Thing::RememberedLogin => ("remembered login", "connexion mémorisée"),
            Thing::Seat => ("seat", "poste de licence"),
            Thing::Sequence => ("sequence", "séquence de numérotation"),
            Thing::Site => ("site", "site"),
            Thing::Skill => ("skill", "compétence"),
            Thing::SlaCalendar => ("SLA calendar", "calendrier de SLA"),
            Thing::Software => ("software", "logiciel"),
            Thing::Technician => ("technician", "technicien"),
            Thing::Ticket => ("ticket", "ticket"),
            Thing::TimeEntry => ("time entry", "saisie de temps"),
            Thing::User => ("user", "utilisateur"),
            Thing::Zone => ("zone", "zone"),
            Thing::Record => ("record", "fiche"),
        };
        pick(lang, en, fr)
    }
}

/// Who was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    Manager,
    Technician,
    PortalContact,
    System,
}

impl Who {
    fn name(self, lang: Language) -> &'static str {
        let (en, fr) = match self {
            Who::Manager => ("a manager", "un responsable"),
            Who::Technician => ("a technician", "un technicien"),
            Who::PortalContact => ("a portal contact", "un contact du portail"),
            Who::System => ("the system", "le système"),
        };
        pick(lang, en, fr)
    }
}

/// What a finalised invoice was asked to undergo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceChange {
    Edited,
    Deleted,
    FinalisedAgain,
}

/// Why a service refused, with the values its sentence names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    NotFound {
        what: Thing,
    },
    Forbidden {
        who: Who,
        operation: Operation,
    },
    /// A delete refused because other records still point at it.
    Referenced {
        what: Thing,
    },
    SecondFactorIsAPersons,
    SecondFactorRequiredOfManagers,
    SecondFactorAlreadyOnTurnOffFirst,
    SecondFactorNotBeingSetUp,
    SecondFactorAlreadyOn,
    SecondFactorNotOn,
    UserHasNoSecondFactor,
    SignsInWithACode,
    AlreadySetUp,
    OwnAccountDeactivated,
    LastManagerDeactivated,
    OwnRoleChanged,
    LastManagerDemoted,
    InvoiceFinalised {
        number: String,
        change: InvoiceChange,
    },
    IssueDateBeforeLast {
        number: String,
        last_day: String,
        issue_date: String,
    },
    InvoiceCannotBeMarked {
        number: Option<String>,
        from: InvoiceStatus,
        to: InvoiceStatus,
    },
    DraftIsDeletedNotCredited,
    AlreadyCancelled {
        number: String,
    },
    OnlyAnInvoiceIsCredited,
    MailAlreadySent,
    MailLinkRemoved,
    SmtpNotSet,
    /// `reason` is the mail server's or the network's own words.
    TestMailNotSent {
        reason: String,
    },
    DashboardIsTheStaffs,
    TimeIsTheStaffs,
    /// `on` is the ticket's reference; none for an intervention.
    TimerAlreadyRunning {
        on: Option<String>,
    },
    DemoAlreadyThere,
    DatasetNeedsNoClients,
    OnlyOpenAlertSnoozed,
    ContractEnded {
        reference: String,
    },
    ContractHasNoEnd {
        reference: String,
    },
    ContractNotRenewable {
        reference: String,
        status: ContractStatus,
    },
    DatabaseStayedBusy,
    BackupAlreadyRunning,
    /// `detail` is the operating system's or SQLite's own words.
    RestoreFailed {
        detail: String,
    },
    /// A file given to restore is not a backup Parc can use.
    NotABackup {
        path: String,
        why: NotABackup,
    },
    /// The OS keyring did not keep (or forget) the mail server's password;
    /// `detail` is the keyring's own words.
    PasswordNotKept {
        detail: String,
    },
    /// A file step of a backup or restore failed; `detail` is the
    /// operating system's reason.
    FileStepFailed {
        step: FileStep,
        path: String,
        detail: String,
    },
    /// A serial number another equipment of the same manufacturer has.
    SerialUsedBy {
        reference: String,
        name: String,
    },
    /// A software name the catalogue has already (as `name`).
    AlreadyInCatalogue {
        name: String,
    },
    /// Fewer parts in stock than asked for.
    OnlyInStock {
        count: i64,
    },
    /// A numbering's next number below one already given (up to `last`).
    NumbersAlreadyGiven {
        last: i64,
    },
    /// A numbering whose next reference was given already.
    ReferenceAlreadyGiven {
        reference: String,
    },
}

/// Why a file is not a backup Parc can restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "because", rename_all = "snake_case")]
pub enum NotABackup {
    /// `detail`: the system's reason it cannot be read.
    Unreadable {
        detail: String,
    },
    /// `detail`: SQLite's reason it cannot be opened.
    NotADatabase {
        detail: String,
    },
    /// A live database's log lies beside it.
    LogBeside {
        log: String,
    },
    /// SQLite's integrity check failed with `verdict`.
    Damaged {
        verdict: String,
    },
    NoParcSchema,
    NewerParc {
        migration: String,
    },
    IsTheOpenDatabase,
}

impl NotABackup {
    fn text(&self, lang: Language) -> String {
        match (self, lang) {
            (NotABackup::Unreadable { detail }, _) => detail.clone(),
            (NotABackup::NotADatabase { detail }, Language::En) => {
                format!("it cannot be opened as a database ({detail})")
            }
            (NotABackup::NotADatabase { detail }, Language::Fr) => {
                format!("il ne s'ouvre pas comme une base de données ({detail})")
            }
            (NotABackup::LogBeside { log }, Language::En) => format!(
                "{log} lies beside it, with changes the file alone does not hold: use a backup \
                 Parc made"
            ),
            (NotABackup::LogBeside { log }, Language::Fr) => format!(
                "{log} est à côté, avec des modifications que le fichier seul ne contient pas : \
                 utilisez une sauvegarde faite par Parc"
            ),
            (NotABackup::Damaged { verdict }, Language::En) => {
                format!("SQLite finds it damaged ({verdict})")
            }
            (NotABackup::Damaged { verdict }, Language::Fr) => {
                format!("SQLite le trouve endommagé ({verdict})")
            }
            (NotABackup::NoParcSchema, Language::En) => "it has no Parc schema".into(),
            (NotABackup::NoParcSchema, Language::Fr) => "il n'a pas le schéma de Parc".into(),
            (NotABackup::NewerParc { migration }, Language::En) => {
                format!("it was made by a newer Parc (migration {migration})")
            }
            (NotABackup::NewerParc { migration }, Language::Fr) => {
                format!("il a été fait par un Parc plus récent (migration {migration})")
            }
            (NotABackup::IsTheOpenDatabase, Language::En) => {
                "it is the database Parc has open".into()
            }
            (NotABackup::IsTheOpenDatabase, Language::Fr) => {
                "c'est la base que Parc a ouverte".into()
            }
        }
    }
}

/// The file operations of backups and restores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStep {
    CreateFolder,
    Remove,
    Read,
    Resolve,
    Name,
    Copy,
    SetAside,
    RestoreInto,
}

fn pick(lang: Language, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Language::En => en,
        Language::Fr => fr,
    }
}

fn invoice_status(status: InvoiceStatus, lang: Language) -> &'static str {
    match lang {
        Language::En => status.code(),
        Language::Fr => match status {
            InvoiceStatus::Draft => "brouillon",
            InvoiceStatus::Finalised => "finalisée",
            InvoiceStatus::Sent => "envoyée",
            InvoiceStatus::Paid => "payée",
            InvoiceStatus::Cancelled => "annulée",
        },
    }
}

fn contract_status(status: ContractStatus, lang: Language) -> &'static str {
    match lang {
        Language::En => status.code(),
        Language::Fr => match status {
            ContractStatus::Draft => "brouillon",
            ContractStatus::Active => "actif",
            ContractStatus::Suspended => "suspendu",
            ContractStatus::Expired => "expiré",
            ContractStatus::Terminated => "résilié",
        },
    }
}

impl FileStep {
    fn verb(self, lang: Language) -> &'static str {
        let (en, fr) = match self {
            FileStep::CreateFolder => ("create folder", "créer le dossier"),
            FileStep::Remove => ("remove", "supprimer"),
            FileStep::Read => ("read", "lire"),
            FileStep::Resolve => ("resolve", "trouver le chemin de"),
            FileStep::Name => ("name", "nommer"),
            FileStep::Copy => ("copy", "copier"),
            FileStep::SetAside => ("set aside", "mettre de côté"),
            FileStep::RestoreInto => ("restore into", "restaurer dans"),
        };
        pick(lang, en, fr)
    }
}

impl Problem {
    /// The sentence, in `lang`.
    pub fn text(&self, lang: Language) -> String {
        let en = lang == Language::En;
        let text = |en_text: &str, fr_text: &str| {
            if en {
                en_text.to_owned()
            } else {
                fr_text.to_owned()
            }
        };
        match self {
            Problem::NotFound { what } => match lang {
                Language::En => format!("{} not found", what.name(lang)),
                Language::Fr => capitalised(&format!("{} introuvable", what.name(lang))),
            },
            Problem::Forbidden { who, operation } => match lang {
                Language::En => format!("{} cannot {}", who.name(lang), operation.describe(lang)),
                Language::Fr => capitalised(&format!(
                    "{} ne peut pas {}",
                    who.name(lang),
                    operation.describe(lang)
                )),
            },
            Problem::Referenced { what } => match lang {
                Language::En => format!(
                    "this {} is used by other records: archive it instead",
                    what.name(lang)
                ),
                Language::Fr => format!(
                    "Cette fiche ({}) est utilisée par d'autres : archivez-la plutôt.",
                    what.name(lang)
                ),
            },
            Problem::SecondFactorIsAPersons => text(
                "two-step sign-in belongs to a person",
                "La connexion en deux étapes est celle d'une personne.",
            ),
            Problem::SecondFactorRequiredOfManagers => text(
                "the company requires two-step sign-in of managers: set it up first",
                "L'entreprise exige la connexion en deux étapes des responsables : configurez-la d'abord.",
            ),
            Problem::SecondFactorAlreadyOnTurnOffFirst => text(
                "two-step sign-in is already on: turn it off first",
                "La connexion en deux étapes est déjà active : désactivez-la d'abord.",
            ),
            Problem::SecondFactorNotBeingSetUp => text(
                "no two-step sign-in is being set up: start again",
                "Aucune connexion en deux étapes n'est en cours de configuration : recommencez.",
            ),
            Problem::SecondFactorAlreadyOn => text(
                "two-step sign-in is already on",
                "La connexion en deux étapes est déjà active.",
            ),
            Problem::SecondFactorNotOn => text(
                "two-step sign-in is not on",
                "La connexion en deux étapes n'est pas active.",
            ),
            Problem::UserHasNoSecondFactor => text(
                "this user has no two-step sign-in",
                "Cet utilisateur n'a pas de connexion en deux étapes.",
            ),
            Problem::SignsInWithACode => text(
                "this account signs in with a code from its authenticator app",
                "Ce compte se connecte avec un code de son application d'authentification.",
            ),
            Problem::AlreadySetUp => text("Parc is already set up", "Parc est déjà configuré."),
            Problem::OwnAccountDeactivated => text(
                "you cannot deactivate your own account",
                "Vous ne pouvez pas désactiver votre propre compte.",
            ),
            Problem::LastManagerDeactivated => text(
                "the last active manager cannot be deactivated",
                "Le dernier responsable actif ne peut pas être désactivé.",
            ),
            Problem::OwnRoleChanged => text(
                "you cannot change your own role",
                "Vous ne pouvez pas changer votre propre rôle.",
            ),
            Problem::LastManagerDemoted => text(
                "the last active manager must stay a manager",
                "Le dernier responsable actif doit rester responsable.",
            ),
            Problem::InvoiceFinalised { number, change } => match lang {
                Language::En => format!(
                    "invoice {number} is finalised: it cannot be {}; cancel it with a credit note",
                    match change {
                        InvoiceChange::Edited => "edited",
                        InvoiceChange::Deleted => "deleted",
                        InvoiceChange::FinalisedAgain => "finalised again",
                    }
                ),
                Language::Fr => format!(
                    "La facture {number} est finalisée : elle ne peut plus être {} ; annulez-la par un avoir.",
                    match change {
                        InvoiceChange::Edited => "modifiée",
                        InvoiceChange::Deleted => "supprimée",
                        InvoiceChange::FinalisedAgain => "finalisée à nouveau",
                    }
                ),
            },
            Problem::IssueDateBeforeLast {
                number,
                last_day,
                issue_date,
            } => match lang {
                Language::En => format!(
                    "{number} was issued on {last_day}: numbering follows issue dates, so nothing \
                     can be issued on {issue_date}"
                ),
                Language::Fr => format!(
                    "{number} a été émise le {last_day} : la numérotation suit les dates \
                     d'émission, rien ne peut donc être émis le {issue_date}."
                ),
            },
            Problem::InvoiceCannotBeMarked { number, from, to } => match lang {
                Language::En => format!(
                    "{} is {}: it cannot be marked {}",
                    number.as_deref().unwrap_or("this draft"),
                    invoice_status(*from, lang),
                    invoice_status(*to, lang)
                ),
                Language::Fr => format!(
                    "{} est {} : elle ne peut pas être marquée {}.",
                    number.as_deref().unwrap_or("Ce brouillon"),
                    invoice_status(*from, lang),
                    invoice_status(*to, lang)
                ),
            },
            Problem::DraftIsDeletedNotCredited => text(
                "a draft is deleted, not credited",
                "Un brouillon se supprime, il ne s'annule pas par un avoir.",
            ),
            Problem::AlreadyCancelled { number } => match lang {
                Language::En => format!("{number} is already cancelled by a credit note"),
                Language::Fr => format!("{number} est déjà annulée par un avoir."),
            },
            Problem::OnlyAnInvoiceIsCredited => text(
                "only an invoice can be credited",
                "Seule une facture peut être annulée par un avoir.",
            ),
            Problem::MailAlreadySent => {
                text("this mail was sent already", "Ce courriel a déjà été envoyé.")
            }
            Problem::MailLinkRemoved => text(
                "this mail's one-time link was removed when it was given up: send a new link \
                 from the contact's page",
                "Le lien à usage unique de ce courriel a été retiré quand l'envoi a été abandonné : \
                 envoyez un nouveau lien depuis la fiche du contact.",
            ),
            Problem::SmtpNotSet => text(
                "set the SMTP server and save it before sending a test",
                "Renseignez le serveur SMTP et enregistrez-le avant d'envoyer un test.",
            ),
            Problem::TestMailNotSent { reason } => match lang {
                Language::En => format!("the test e-mail was not sent: {reason}"),
                Language::Fr => format!("Le courriel de test n'a pas été envoyé : {reason}"),
            },
            Problem::DashboardIsTheStaffs => text(
                "the dashboard is the staff's",
                "Le tableau de bord est réservé à l'équipe.",
            ),
            Problem::TimeIsTheStaffs => text(
                "only a member of the MSP tracks time",
                "Seul un membre de l'équipe saisit du temps.",
            ),
            Problem::TimerAlreadyRunning { on } => match (lang, on) {
                (Language::En, Some(reference)) => {
                    format!("your timer is already running on {reference}: stop it first")
                }
                (Language::En, None) => {
                    "your timer is already running on an intervention: stop it first".into()
                }
                (Language::Fr, Some(reference)) => {
                    format!("Votre chronomètre tourne déjà sur {reference} : arrêtez-le d'abord.")
                }
                (Language::Fr, None) => {
                    "Votre chronomètre tourne déjà sur une intervention : arrêtez-le d'abord."
                        .into()
                }
            },
            Problem::DemoAlreadyThere => text(
                "the demo data is already in this database",
                "Les données de démonstration sont déjà dans cette base.",
            ),
            Problem::DatasetNeedsNoClients => text(
                "the large dataset needs a database without clients",
                "Le grand jeu de données demande une base sans clients.",
            ),
            Problem::OnlyOpenAlertSnoozed => text(
                "only an open alert can be snoozed",
                "Seule une alerte ouverte peut être mise en veille.",
            ),
            Problem::ContractEnded { reference } => match lang {
                Language::En => {
                    format!("contract {reference} has ended and can no longer be changed")
                }
                Language::Fr => {
                    format!("Le contrat {reference} est terminé et ne peut plus être modifié.")
                }
            },
            Problem::ContractHasNoEnd { reference } => match lang {
                Language::En => {
                    format!("contract {reference} has no end date: it runs until terminated")
                }
                Language::Fr => format!(
                    "Le contrat {reference} n'a pas de date de fin : il court jusqu'à sa résiliation."
                ),
            },
            Problem::ContractNotRenewable { reference, status } => match lang {
                Language::En => format!(
                    "only an active or expired contract can be renewed ({reference} is {})",
                    contract_status(*status, lang)
                ),
                Language::Fr => format!(
                    "Seul un contrat actif ou expiré peut être renouvelé ({reference} est {}).",
                    contract_status(*status, lang)
                ),
            },
            Problem::DatabaseStayedBusy => text(
                "the database stayed busy with another writer: nothing was restored, try again",
                "La base est restée occupée par une autre écriture : rien n'a été restauré, \
                 réessayez.",
            ),
            Problem::BackupAlreadyRunning => text(
                "a backup or a restore is already running: wait for it to finish",
                "Une sauvegarde ou une restauration est déjà en cours : attendez qu'elle se termine.",
            ),
            Problem::RestoreFailed { detail } => match lang {
                Language::En => format!("the restore failed: {detail}"),
                Language::Fr => format!("La restauration a échoué : {detail}"),
            },
            Problem::NotABackup { path, why } => match lang {
                Language::En => format!("{path} is not a usable Parc backup: {}", why.text(lang)),
                Language::Fr => format!(
                    "{path} n'est pas une sauvegarde de Parc utilisable : {}",
                    why.text(lang)
                ),
            },
            Problem::PasswordNotKept { detail } => match lang {
                Language::En => format!("the password was not kept: {detail}"),
                Language::Fr => format!("Le mot de passe n'a pas été conservé : {detail}"),
            },
            Problem::SerialUsedBy { reference, name } => match lang {
                Language::En => {
                    format!("this serial number is already used by {reference} ({name})")
                }
                Language::Fr => {
                    format!("Ce numéro de série est déjà celui de {reference} ({name}).")
                }
            },
            Problem::AlreadyInCatalogue { name } => match lang {
                Language::En => format!("{name} is already in the catalogue"),
                Language::Fr => format!("{name} est déjà au catalogue."),
            },
            Problem::OnlyInStock { count } => match lang {
                Language::En => format!("only {count} in stock"),
                Language::Fr => format!("Seulement {count} en stock."),
            },
            Problem::NumbersAlreadyGiven { last } => match lang {
                Language::En => format!(
                    "references up to number {last} were already given: the next number can \
                     only go up"
                ),
                Language::Fr => format!(
                    "Les références jusqu'au numéro {last} sont déjà attribuées : le prochain \
                     numéro ne peut que monter."
                ),
            },
            Problem::ReferenceAlreadyGiven { reference } => match lang {
                Language::En => format!("{reference} is already given"),
                Language::Fr => format!("{reference} est déjà attribuée."),
            },
            Problem::FileStepFailed { step, path, detail } => match lang {
                Language::En => format!("cannot {} {path}: {detail}", step.verb(lang)),
                Language::Fr => format!("Impossible de {} {path} : {detail}", step.verb(lang)),
            },
        }
    }

    /// Every kind of problem with sample values, for tests of the wording.
    #[cfg(test)]
    fn samples() -> Vec<Problem> {
        let number = || "F2026-0007".to_owned();
        let reference = || "CT-0003".to_owned();
        let mut all = vec![
            Problem::SecondFactorIsAPersons,
            Problem::SecondFactorRequiredOfManagers,
            Problem::SecondFactorAlreadyOnTurnOffFirst,
            Problem::SecondFactorNotBeingSetUp,
            Problem::SecondFactorAlreadyOn,
            Problem::SecondFactorNotOn,
            Problem::UserHasNoSecondFactor,
            Problem::SignsInWithACode,
            Problem::AlreadySetUp,
            Problem::OwnAccountDeactivated,
            Problem::LastManagerDeactivated,
            Problem::OwnRoleChanged,
            Problem::LastManagerDemoted,
            Problem::IssueDateBeforeLast {
                number: number(),
                last_day: "2026-12-01".into(),
                issue_date: "2026-11-30".into(),
            },
            Problem::DraftIsDeletedNotCredited,
            Problem::AlreadyCancelled { number: number() },
            Problem::OnlyAnInvoiceIsCredited,
            Problem::MailAlreadySent,
            Problem::MailLinkRemoved,
            Problem::SmtpNotSet,
            Problem::DashboardIsTheStaffs,
            Problem::TimeIsTheStaffs,
            Problem::TimerAlreadyRunning { on: None },
            Problem::TimerAlreadyRunning {
                on: Some("T2026-0042".into()),
            },
            Problem::DemoAlreadyThere,
            Problem::DatasetNeedsNoClients,
            Problem::OnlyOpenAlertSnoozed,
            Problem::ContractEnded {
                reference: reference(),
            },
            Problem::ContractHasNoEnd {
                reference: reference(),
            },
            Problem::DatabaseStayedBusy,
            Problem::BackupAlreadyRunning,
            Problem::SerialUsedBy {
                reference: "EQ-0042".into(),
                name: "SRV-01".into(),
            },
            Problem::AlreadyInCatalogue {
                name: "Microsoft 365".into(),
            },
            Problem::OnlyInStock { count: 5 },
            Problem::NumbersAlreadyGiven { last: 41 },
            Problem::ReferenceAlreadyGiven {
                reference: "CLI-0042".into(),
            },
        ];
        for change in [
            InvoiceChange::Edited,
            InvoiceChange::Deleted,
            InvoiceChange::FinalisedAgain,
        ] {
            all.push(Problem::InvoiceFinalised {
                number: number(),
                change,
            });
        }
        for from in InvoiceStatus::ALL {
            all.push(Problem::InvoiceCannotBeMarked {
                number: Some(number()),
                from,
                to: InvoiceStatus::Paid,
            });
        }
        all.push(Problem::InvoiceCannotBeMarked {
            number: None,
            from: InvoiceStatus::Draft,
            to: InvoiceStatus::Sent,
        });
        for status in ContractStatus::ALL {
            all.push(Problem::ContractNotRenewable {
                reference: reference(),
                status,
            });
        }
        for step in [
            FileStep::CreateFolder,
            FileStep::Remove,
            FileStep::Read,
            FileStep::Resolve,
            FileStep::Name,
            FileStep::Copy,
            FileStep::SetAside,
            FileStep::RestoreInto,
        ] {
            all.push(Problem::FileStepFailed {
                step,
                path: "/srv/parc/backup.db".into(),
                detail: String::new(),
            });
        }
        all.push(Problem::RestoreFailed {
            detail: String::new(),
        });
        all.push(Problem::TestMailNotSent {
            reason: String::new(),
        });
        for why in [
            NotABackup::Unreadable {
                detail: String::new(),
            },
            NotABackup::NotADatabase {
                detail: String::new(),
            },
            NotABackup::LogBeside {
                log: "/srv/parc/backup.db-wal".into(),
            },
            NotABackup::Damaged {
                verdict: String::new(),
            },
            NotABackup::NoParcSchema,
            NotABackup::NewerParc {
                migration: "m20270101_000001".into(),
            },
            NotABackup::IsTheOpenDatabase,
        ] {
            all.push(Problem::NotABackup {
                path: "/srv/parc/backup.db".into(),
                why,
            });
        }
        all.push(Problem::PasswordNotKept {
            detail: String::new(),
        });
        for who in [
            Who::Manager,
            Who::Technician,
            Who::PortalContact,
            Who::System,
        ] {
            for operation in Operation::ALL {
                all.push(Problem::Forbidden { who, operation });
            }
        }
        for what in Thing::ALL {
            all.push(Problem::NotFound { what });
            all.push(Problem::Referenced { what });
        }
        all
    }
}

impl Thing {
    pub const ALL: [Thing; 30] = [
        Thing::Account,
        Thing::Alert,
        Thing::Client,
        Thing::Category,
        Thing::Compliance,
        Thing::Contact,
        Thing::Contract,
        Thing::Equipment,
        Thing::EquipmentType,
        Thing::Installation,
        Thing::Intervention,
        Thing::Invoice,
        Thing::Licence,
        Thing::Mail,
        Thing::Manufacturer,
        Thing::Model,
        Thing::Part,
        Thing::RememberedLogin,
        Thing::Seat,
        Thing::Sequence,
        Thing::Site,
        Thing::Skill,
        Thing::SlaCalendar,
        Thing::Software,
        Thing::Technician,
        Thing::Ticket,
        Thing::TimeEntry,
        Thing::User,
        Thing::Zone,
        Thing::Record,
    ];
}

/// The sentence with its first letter in capitals (French sentences here
/// start with the record's or the person's name).
fn capitalised(sentence: &str) -> String {
    let mut letters = sentence.chars();
    match letters.next() {
        Some(first) => first.to_uppercase().chain(letters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the English sentences that have no business in French ones.
    const ENGLISH: [&str; 12] = [
        " the ",
        " cannot ",
        " is ",
        " not ",
        " already ",
        " only ",
        " first",
        " this ",
        " you ",
        " with ",
        " found",
        " must ",
    ];

    #[test]
    fn no_refusal_worded_in_french_carries_english() {
        for problem in Problem::samples() {
            let french = format!(" {} ", problem.text(Language::Fr));
            let english = problem.text(Language::En);
            assert_ne!(french.trim(), english, "{problem:?} is not translated");
            for word in ENGLISH {
                assert!(
                    !french.contains(word),
                    "{problem:?} in French carries {word:?}: {french}"
                );
            }
        }
    }

    #[test]
    fn a_technicians_refusal_reads_in_both_languages() {
        let refused = Problem::Forbidden {
            who: Who::Technician,
            operation: Operation::WriteInvoices,
        };
        assert_eq!(
            refused.text(Language::En),
            "a technician cannot create, finalise or change invoices"
        );
        assert_eq!(
            refused.text(Language::Fr),
            "Un technicien ne peut pas créer, finaliser ou modifier des factures"
        );
    }
}
