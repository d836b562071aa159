//! Every word the portal shows, in English and French. A page gets the
//! `Words` of the visitor's language; a missing word is a compile error
//! (each language is one struct literal with every field).

use parc_api::auth::Language;

macro_rules! words {
    ($($name:ident: $en:literal / $fr:literal,)*) => {
        /// The portal's words in one language.
        pub struct Words {
            $(pub $name: &'static str,)*
            /// Labels of the codes rows carry (statuses, kinds, priorities).
            codes: &'static [(&'static str, &'static str)],
            pub lang: Language,
        }
        pub static EN: Words = Words { $($name: $en,)* codes: CODES_EN, lang: Language::En };
        pub static FR: Words = Words { $($name: $fr,)* codes: CODES_FR, lang: Language::Fr };
    };
}

words! {
    portal: "Client portal" / "Portail client",
    home: "Home" / "Accueil",
    equipment: "Equipment" / "Équipements",
    contracts: "Contracts" / "Contrats",
    invoices: "Invoices" / "Factures",
    licences: "Licences" / "Licences",
    tickets: "Tickets" / "Tickets",
    sign_out: "Sign out" / "Se déconnecter",
    other_language: "Français" / "English",
    sign_in_title: "Sign in to your portal" / "Connexion à votre portail",
    email: "E-mail" / "E-mail",
    password: "Password" / "Mot de passe",
    sign_in: "Sign in" / "Se connecter",
    wrong_credentials: "Wrong e-mail or password." / "E-mail ou mot de passe incorrect.",
    throttled: "Too many attempts. Wait a few minutes, then try again." / "Trop de tentatives. Patientez quelques minutes puis réessayez.",
    forgot: "Forgot your password?" / "Mot de passe oublié ?",
    reset_title: "Choose a new password" / "Choisir un nouveau mot de passe",
    reset_intro: "Type your e-mail address. If it belongs to a portal account, a link to choose a new password is sent to it; it works for 48 hours." / "Saisissez votre adresse e-mail. Si elle correspond à un compte du portail, un lien pour choisir un nouveau mot de passe lui est envoyé ; il reste valable 48 heures.",
    send_link: "Send the link" / "Envoyer le lien",
    reset_sent: "If this address belongs to a portal account, a link is on its way." / "Si cette adresse correspond à un compte du portail, un lien vient de lui être envoyé.",
    back_to_sign_in: "Back to sign-in" / "Retour à la connexion",
    choose_title: "Choose your password" / "Choisissez votre mot de passe",
    hello: "Hello" / "Bonjour",
    choose_intro: "choose a password of at least 12 characters." / "choisissez un mot de passe d'au moins 12 caractères.",
    new_password: "New password" / "Nouveau mot de passe",
    repeat_password: "Repeat it" / "Répétez-le",
    save_password: "Save the password" / "Enregistrer le mot de passe",
    link_dead: "This link has expired or was already used. Ask for a new one below." / "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau ci-dessous.",
    password_saved: "Your password is saved. Sign in with it." / "Votre mot de passe est enregistré. Connectez-vous avec.",
    session_over: "Your session has ended. Sign in again." / "Votre session est terminée. Reconnectez-vous.",
    signed_out: "You are signed out." / "Vous êtes déconnecté.",
    welcome: "Welcome" / "Bienvenue",
    open_tickets: "Open tickets" / "Tickets ouverts",
    equipment_count: "Equipment" / "Équipements",
    contracts_in_force: "Contracts in force" / "Contrats en cours",
    unpaid_invoices: "Unpaid invoices" / "Factures à régler",
    new_ticket: "New ticket" / "Nouveau ticket",
    see_all: "See all" / "Tout voir",
    search: "Search" / "Rechercher",
    reference: "Reference" / "Référence",
    name: "Name" / "Nom",
    kind: "Type" / "Type",
    model: "Model" / "Modèle",
    serial: "Serial number" / "N° de série",
    asset_tag: "Asset tag" / "N° d'inventaire",
    site: "Site" / "Site",
    user: "User" / "Utilisateur",
    status: "Status" / "Statut",
    warranty_end: "Warranty until" / "Garantie jusqu'au",
    purchase_date: "Purchased" / "Acheté le",
    last_maintenance: "Last maintenance" / "Dernière maintenance",
    next_maintenance: "Next maintenance" / "Prochaine maintenance",
    components: "Components" / "Composants",
    part_of: "Part of" / "Fait partie de",
    interventions: "Interventions" / "Interventions",
    date: "Date" / "Date",
    technician: "Technician" / "Technicien",
    nothing: "Nothing to show." / "Rien à afficher.",
    previous: "Previous" / "Précédent",
    next: "Next" / "Suivant",
    results: "results" / "résultats",
    sort_by: "Sort by" / "Trier par",
    number: "Number" / "Numéro",
    title: "Title" / "Intitulé",
    start: "Start" / "Début",
    end: "End" / "Fin",
    periodicity: "Billed" / "Facturation",
    amount: "Amount excl. VAT" / "Montant HT",
    issued: "Issued" / "Émise le",
    due: "Due" / "Échéance",
    total: "Total incl. VAT" / "Total TTC",
    download: "Download PDF" / "Télécharger le PDF",
    software: "Software" / "Logiciel",
    seats: "Seats" / "Postes",
    expires: "Expires" / "Expire le",
    description: "Description" / "Description",
    priority: "Priority" / "Priorité",
    opened: "Opened" / "Ouvert le",
    conversation: "Conversation" / "Échanges",
    reply: "Reply" / "Répondre",
    send: "Send" / "Envoyer",
    open_ticket: "Open the ticket" / "Ouvrir le ticket",
    none: "—" / "—",
    optional: "optional" / "facultatif",
    not_found_title: "Not found" / "Introuvable",
    not_found: "This page does not exist, or is not yours to see." / "Cette page n'existe pas, ou ne vous est pas accessible.",
    error_title: "Something went wrong" / "Une erreur est survenue",
    error_text: "The request could not be completed. Try again in a moment." / "La demande n'a pas pu aboutir. Réessayez dans un instant.",
    refused_title: "Request refused" / "Demande refusée",
    refused_text: "This form was sent from elsewhere or has expired. Go back, reload the page and send it again." / "Ce formulaire vient d'ailleurs ou a expiré. Revenez en arrière, rechargez la page et renvoyez-le.",
    all_tickets: "All" / "Tous",
    open_only: "Open" / "Ouverts",
    closed_only: "Closed" / "Fermés",
    requester: "Requester" / "Demandeur",
    too_many_tickets: "You have opened {limit} tickets within the last hour: wait a little before opening another. What you typed is kept below." / "Vous avez ouvert {limit} tickets au cours de la dernière heure : patientez un peu avant d'en ouvrir un autre. Votre saisie est conservée ci-dessous.",
    too_many_replies: "You have sent {limit} replies within the last hour: wait a little before sending another. Your reply is kept below." / "Vous avez envoyé {limit} réponses au cours de la dernière heure : patientez un peu avant d'en envoyer une autre. Votre réponse est conservée ci-dessous.",
    code_title: "Your code" / "Votre code",
    code_intro: "Type the six-digit code your authenticator app shows for this portal." / "Saisissez le code à six chiffres que votre application d'authentification affiche pour ce portail.",
    code: "Code" / "Code",
    code_recovery_hint: "Phone lost? Type one of your recovery codes instead." / "Téléphone perdu ? Saisissez plutôt l'un de vos codes de secours.",
    code_wrong: "This code is not right. Type the six digits your app shows now." / "Ce code n'est pas le bon. Saisissez les six chiffres que votre application affiche maintenant.",
    code_used: "This code was used already: wait for the next one." / "Ce code a déjà servi : attendez le suivant.",
    code_over: "This sign-in is over: type your password again." / "Cette connexion a expiré : saisissez à nouveau votre mot de passe.",
    security: "Security" / "Sécurité",
    two_step_title: "Two-step sign-in" / "Connexion en deux étapes",
    two_step_intro: "After your password, the portal asks a code from an authenticator app on your phone (FreeOTP, Aegis, Google Authenticator…): a stolen password alone no longer opens your account." / "Après votre mot de passe, le portail demande un code d'une application d'authentification sur votre téléphone (FreeOTP, Aegis, Google Authenticator…) : un mot de passe volé ne suffit plus à ouvrir votre compte.",
    two_step_off: "Off: your password alone signs you in." / "Désactivée : votre mot de passe seul vous connecte.",
    two_step_on: "On: a code is asked at every sign-in." / "Activée : un code est demandé à chaque connexion.",
    two_step_set_up: "Set up two-step sign-in" / "Activer la connexion en deux étapes",
    two_step_scan: "Scan this QR code with your authenticator app, then type the code it shows." / "Scannez ce QR code avec votre application d'authentification, puis saisissez le code qu'elle affiche.",
    two_step_secret: "Or type this secret in the app:" / "Ou saisissez ce secret dans l'application :",
    two_step_confirm: "Confirm" / "Confirmer",
    two_step_recovery: "Two-step sign-in is on. Keep these recovery codes somewhere safe: each signs you in once if your phone is lost. They are shown only now." / "La connexion en deux étapes est activée. Gardez ces codes de secours en lieu sûr : chacun vous connecte une fois si votre téléphone est perdu. Ils ne sont affichés que maintenant.",
    two_step_codes_left: "Recovery codes left:" / "Codes de secours restants :",
    two_step_proof: "Your password, or a current code" / "Votre mot de passe, ou un code actuel",
    two_step_turn_off: "Turn off" / "Désactiver",
    two_step_turned_off: "Two-step sign-in is off." / "La connexion en deux étapes est désactivée.",
    two_step_wrong_proof: "Neither your password nor a current code." / "Ni votre mot de passe, ni un code actuel.",
}

static CODES_EN: &[(&str, &str)] = &[
    ("in_stock", "In stock"),
    ("deployed", "Deployed"),
    ("in_repair", "In repair"),
    ("retired", "Retired"),
    ("draft", "Draft"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
    ("finalised", "Issued"),
    ("sent", "Sent"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
    ("per_device", "Per device"),
    ("per_user", "Per user"),
    ("per_site", "Per site"),
    ("unlimited", "Unlimited"),
    ("subscription", "Subscription"),
    ("low", "Low"),
    ("normal", "Normal"),
    ("high", "High"),
    ("urgent", "Urgent"),
    ("new", "New"),
    ("assigned", "Assigned"),
    ("in_progress", "In progress"),
    ("waiting_for_client", "Waiting for you"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("corrective", "Repair"),
    ("preventive", "Maintenance"),
    ("installation", "Installation"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
    ("invoice", "Invoice"),
    ("credit_note", "Credit note"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
];

static CODES_FR: &[(&str, &str)] = &[
    ("in_stock", "En stock"),
    ("deployed", "En service"),
    ("in_repair", "En réparation"),
    ("retired", "Réformé"),
    ("draft", "Brouillon"),
    ("active", "Actif"),
    ("suspended", "Suspendu"),
    ("expired", "Expiré"),
    ("terminated", "Résilié"),
    ("finalised", "Émise"),
    ("sent", "Envoyée"),
    ("paid", "Payée"),
    ("cancelled", "Annulée"),
    ("per_device", "Par poste"),
    ("per_user", "Par utilisateur"),
    ("per_site", "Par site"),
    ("unlimited", "Illimitée"),
    ("subscription", "Abonnement"),
    ("low", "Basse"),
    ("normal", "Normale"),
    ("high", "Haute"),
    ("urgent", "Urgente"),
    ("new", "Nouveau"),
    ("assigned", "Attribué"),
    ("in_progress", "En cours"),
    ("waiting_for_client", "En attente de vous"),
    ("resolved", "Résolu"),
    ("closed", "Fermé"),
    ("corrective", "Dépannage"),
    ("preventive", "Maintenance"),
    ("installation", "Installation"),
    ("monthly", "Mensuelle"),
    ("quarterly", "Trimestrielle"),
    ("yearly", "Annuelle"),
    ("invoice", "Facture"),
    ("credit_note", "Avoir"),
    ("scheduled", "Planifiée"),
    ("done", "Réalisée"),
];

impl Words {
    pub fn of(lang: Language) -> &'static Words {
        match lang {
            Language::Fr => &FR,
            Language::En => &EN,
        }
    }

    /// The label of a code (`deployed`, `paid`…); the code itself if unknown.
    pub fn code<'a>(&self, code: &'a str) -> &'a str {
        self.codes
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, label)| *label)
            .unwrap_or(code)
    }

    /// The other language, for the switch in the page's corner.
    pub fn other(&self) -> Language {
        match self.lang {
            Language::Fr => Language::En,
            Language::En => Language::Fr,
        }
    }

    pub fn date(&self, date: &chrono::NaiveDate) -> String {
        self.lang.date(*date)
    }

    pub fn money(&self, cents: &i64) -> String {
        self.lang.money(*cents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_label_the_same_codes() {
        let en: Vec<&str> = CODES_EN.iter().map(|(c, _)| *c).collect();
        let fr: Vec<&str> = CODES_FR.iter().map(|(c, _)| *c).collect();
        assert_eq!(en, fr);
        assert_eq!(FR.code("paid"), "Payée");
        assert_eq!(EN.code("waiting_for_client"), "Waiting for you");
    }
}
