//! Every string of the UI, in English and French.
//!
//! Keys are an enum and each entry must give both languages, so a missing
//! translation does not compile. Validation messages from the core are shown
//! through their code, translated here.

use parc_api::auth::Language;
use parc_api::ValidationCode;

macro_rules! texts {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// A translation key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];

            pub fn text(self, lang: Language) -> &'static str {
                match lang {
                    Language::En => match self { $(T::$key => $en),* },
                    Language::Fr => match self { $(T::$key => $fr),* },
                }
            }
        }
    };
}

texts! {
    AppName => "Parc", "Parc";
    ImportTitle => "Import equipment from CSV", "Importer des équipements depuis un CSV";
    ImportHelp => "One row per equipment. Rows with a known reference, or the same manufacturer and serial number, update that equipment; the others are created. Nothing is saved while a row has an error.", "Une ligne par équipement. Une ligne dont la référence, ou le fabricant et le numéro de série, existent déjà met cet équipement à jour ; les autres sont créées. Rien n'est enregistré tant qu'une ligne est en erreur.";
    ImportColumns => "Columns", "Colonnes";
    ChooseFile => "CSV file", "Fichier CSV";
    DryRun => "Check the file", "Vérifier le fichier";
    RunImport => "Import", "Importer";
    RowsRead => "rows read", "lignes lues";
    ToCreate => "to create", "à créer";
    ToUpdate => "to update", "à mettre à jour";
    Unchanged => "unchanged", "inchangées";
    Errors => "errors", "erreurs";
    ImportSaved => "Import saved.", "Import enregistré.";
    NothingSaved => "Nothing was saved: correct these rows and check again.", "Rien n'a été enregistré : corrigez ces lignes puis vérifiez à nouveau.";
    Line => "Line", "Ligne";
    Column => "Column", "Colonne";
    Problem => "Problem", "Problème";
    Action => "Action", "Action";
    ActionCreateRow => "create", "création";
    ActionUpdateRow => "update", "mise à jour";
    ActionUnchangedRow => "unchanged", "inchangée";
    RowsDone => "rows…", "lignes…";
    FirstRowsOnly => "Only the first 500 rows are listed.", "Seules les 500 premières lignes sont listées.";
    NavParts => "Spare parts", "Pièces détachées";
    PartsTitle => "Spare parts", "Pièces détachées";
    PartNumber => "Part number", "Référence fabricant";
    Stock => "In stock", "En stock";
    MinStock => "Minimum stock", "Stock minimum";
    UnitCost => "Unit cost (€)", "Coût unitaire (€)";
    LowStock => "Reorder", "À commander";
    NewPart => "New part", "Nouvelle pièce";
    NoParts => "No spare part yet.", "Aucune pièce pour l'instant.";
    Movements => "Stock movements", "Mouvements de stock";
    Quantity => "Quantity", "Quantité";
    Reason => "Reason", "Motif";
    ReasonReceipt => "Receipt", "Réception";
    ReasonConsumption => "Consumption", "Consommation";
    ReasonAdjustment => "Adjustment (±)", "Ajustement (±)";
    Note => "Note", "Note";
    Record => "Record", "Enregistrer";
    When => "When", "Quand";
    By => "By", "Par";
    NoMovements => "No movement yet.", "Aucun mouvement pour l'instant.";
    SiteEquipment => "Equipment", "Équipements";
    ErrNotOfClient => "Belongs to another client.", "Appartient à un autre client.";
    ErrDuplicateOf => "Already used", "Déjà utilisé";
    ErrDate => "Not a date (YYYY-MM-DD).", "Date invalide (AAAA-MM-JJ).";
    ErrOutOfStock => "Not enough in stock", "Stock insuffisant";
    ErrAmount => "Not an amount (like 1234.50).", "Montant invalide (par ex. 1234,50).";
    NavEquipment => "Equipment", "Équipements";
    NavCatalogue => "Catalogue", "Catalogue";
    EquipmentTitle => "Equipment", "Équipements";
    NewEquipment => "New equipment", "Nouvel équipement";
    EditEquipment => "Edit equipment", "Modifier l'équipement";
    EquipmentCreated => "Equipment created.", "Équipement créé.";
    NoEquipment => "No equipment matches.", "Aucun équipement ne correspond.";
    Reference => "Reference", "Référence";
    Hostname => "Name / hostname", "Nom / nom d'hôte";
    Type => "Type", "Type";
    AnyType => "Any type", "Tous types";
    Manufacturer => "Manufacturer", "Fabricant";
    Model => "Model", "Modèle";
    NoneChoice => "—", "—";
    Serial => "Serial number", "Numéro de série";
    AssetTag => "Asset tag", "Numéro d'inventaire";
    AnyStatus => "Any status", "Tous statuts";
    StatusInStock => "In stock", "En stock";
    StatusDeployed => "Deployed", "Déployé";
    StatusInRepair => "In repair", "En réparation";
    StatusRetired => "Retired", "Retiré";
    StatusSince => "Since", "Depuis";
    Site => "Site", "Site";
    AnySite => "Any site", "Tous sites";
    AnyClient => "Any client", "Tous clients";
    AssignedTo => "Assigned to", "Attribué à";
    Anyone => "Anyone", "Tout le monde";
    Parent => "Inside", "Contenu dans";
    Components => "Components", "Composants";
    NoComponents => "No component.", "Aucun composant.";
    PurchaseDate => "Purchase date", "Date d'achat";
    Supplier => "Supplier", "Fournisseur";
    PurchasePrice => "Purchase price (€)", "Prix d'achat (€)";
    WarrantyEnd => "Warranty end", "Fin de garantie";
    WarrantyHint => "Empty: purchase date + the model's warranty", "Vide : date d'achat + garantie du modèle";
    LastMaintenance => "Last maintenance", "Dernière maintenance";
    NextMaintenance => "Next maintenance", "Prochaine maintenance";
    NextMaintenanceHint => "Empty: last maintenance + the type's interval", "Vide : dernière maintenance + intervalle du type";
    WarrantyWithin => "Warranty ending", "Fin de garantie";
    AnyWarranty => "Any warranty", "Toute garantie";
    Within30 => "within 30 days", "sous 30 jours";
    Within90 => "within 90 days", "sous 90 jours";
    Within365 => "within a year", "sous un an";
    Selected => "selected", "sélectionnés";
    SetStatus => "Set status…", "Changer le statut…";
    MoveToSite => "Move to site…", "Déplacer vers le site…";
    AssignTo => "Assign to…", "Attribuer à…";
    Unassigned => "Nobody", "Personne";
    Apply => "Apply", "Appliquer";
    BulkDone => "Equipment updated:", "Équipements modifiés :";
    ExportCsv => "Export CSV", "Exporter en CSV";
    PrintLabels => "Print labels", "Imprimer les étiquettes";
    ImportCsv => "Import CSV", "Importer un CSV";
    SavedTo => "Saved to", "Enregistré dans";
    TabEquipment => "Equipment", "Équipements";
    Types => "Types", "Types";
    Manufacturers => "Manufacturers", "Fabricants";
    Models => "Models", "Modèles";
    MaintenanceMonths => "Maintenance every (months)", "Maintenance tous les (mois)";
    WarrantyMonths => "Warranty (months)", "Garantie (mois)";
    NewType => "New type", "Nouveau type";
    NewManufacturer => "New manufacturer", "Nouveau fabricant";
    NewModel => "New model", "Nouveau modèle";
    ActionMove => "Moved", "Déplacement";
    ActionAssign => "Assigned", "Attribution";
    ActionStatus => "Status changed", "Changement de statut";
    ActionImport => "Imported", "Import";
    ImportedFrom => "From", "Depuis";
    ChooseClientFirst => "Choose the client first", "Choisissez d'abord le client";
    Loading => "Loading…", "Chargement…";
    Save => "Save", "Enregistrer";
    Cancel => "Cancel", "Annuler";
    Edit => "Edit", "Modifier";
    Create => "Create", "Créer";
    Add => "Add", "Ajouter";
    Archive => "Archive", "Archiver";
    Delete => "Delete", "Supprimer";
    ConfirmDelete => "Really delete?", "Vraiment supprimer ?";
    Deleted => "Deleted.", "Supprimé.";
    Restore => "Restore", "Restaurer";
    Archived => "Archived", "Archivé";
    Active => "Active", "Actif";
    Inactive => "Inactive", "Inactif";
    All => "All", "Tous";
    Previous => "Previous", "Précédent";
    Next => "Next", "Suivant";
    Back => "Back", "Retour";
    Search => "Search", "Rechercher";
    SearchPlaceholder => "Search clients, sites, equipment, or scan a label (Ctrl+K)", "Rechercher clients, sites, équipements, ou scanner une étiquette (Ctrl+K)";
    NoResults => "Nothing matches.", "Aucun résultat.";
    PageOf => "Page", "Page";
    Results => "results", "résultats";
    Saved => "Saved.", "Enregistré.";
    Name => "Name", "Nom";
    Email => "E-mail", "E-mail";
    Phone => "Phone", "Téléphone";
    Address => "Address", "Adresse";
    Notes => "Notes", "Notes";
    Description => "Description", "Description";
    Password => "Password", "Mot de passe";
    Role => "Role", "Rôle";
    Status => "Status", "Statut";
    Language => "Language", "Langue";
    English => "English", "English";
    French => "Français", "Français";
    // wizard
    WizardTitle => "Welcome to Parc", "Bienvenue dans Parc";
    WizardIntro => "Three steps and your installation is ready.", "Trois étapes et votre installation est prête.";
    WizardStepLanguage => "Language", "Langue";
    WizardStepCompany => "Your company", "Votre société";
    WizardStepManager => "First manager", "Premier responsable";
    CompanyName => "Company name", "Raison sociale";
    Siret => "SIREN / SIRET", "SIREN / SIRET";
    VatNumber => "VAT number", "N° de TVA intracommunautaire";
    ManagerName => "Your name", "Votre nom";
    StartWithDemo => "Start with demo data (clients, sites, technicians)", "Démarrer avec des données de démonstration (clients, sites, techniciens)";
    Finish => "Finish set-up", "Terminer";
    SetupDone => "Parc is ready. Log in with the account you just created.", "Parc est prêt. Connectez-vous avec le compte créé.";
    // login
    LoginTitle => "Log in", "Connexion";
    LoginButton => "Log in", "Se connecter";
    RememberMe => "Remember me on this computer", "Se souvenir de moi sur cet ordinateur";
    KeyringMissing => "Remember me is unavailable here:", "« Se souvenir de moi » est indisponible ici :";
    Logout => "Log out", "Se déconnecter";
    // shell
    NavClients => "Clients", "Clients";
    NavSites => "Sites", "Sites";
    NavZones => "Zones", "Zones";
    NavUsers => "Users", "Utilisateurs";
    NavSettings => "Settings", "Paramètres";
    RoleManager => "Manager", "Responsable";
    RoleTechnician => "Technician", "Technicien";
    // clients
    ClientsTitle => "Clients", "Clients";
    NewClient => "New client", "Nouveau client";
    EditClient => "Edit client", "Modifier le client";
    Code => "Code", "Code";
    CodeHint => "Leave empty to number automatically", "Laisser vide pour numéroter automatiquement";
    ServiceLevel => "Service level", "Niveau de service";
    LevelStandard => "Standard", "Standard";
    LevelPremium => "Premium", "Premium";
    LevelVip => "VIP", "VIP";
    AnyLevel => "Any level", "Tous niveaux";
    BillingAddress => "Billing address", "Adresse de facturation";
    NoClients => "No client yet. Create the first one.", "Aucun client pour l'instant. Créez le premier.";
    ClientCreated => "Client created.", "Client créé.";
    TabOverview => "Overview", "Aperçu";
    TabContacts => "Contacts", "Contacts";
    TabSites => "Sites", "Sites";
    TabHistory => "History", "Historique";
    ArchivedBanner => "This client is archived: it stays in history but is hidden from lists.", "Ce client est archivé : il reste dans l'historique mais n'apparaît plus dans les listes.";
    Created => "Created", "Créé le";
    // contacts
    NewContact => "New contact", "Nouveau contact";
    JobTitle => "Job title", "Fonction";
    Primary => "Primary contact", "Contact principal";
    NoContacts => "No contact yet.", "Aucun contact pour l'instant.";
    // sites & zones
    SitesTitle => "Sites", "Sites";
    NewSite => "New site", "Nouveau site";
    Client => "Client", "Client";
    Zone => "Zone", "Zone";
    NoZone => "No zone", "Sans zone";
    AnyZone => "Any zone", "Toutes zones";
    NoSites => "No site yet.", "Aucun site pour l'instant.";
    ZonesTitle => "Geographic zones", "Zones géographiques";
    NewZone => "New zone", "Nouvelle zone";
    SiteCount => "Sites", "Sites";
    NoZones => "No zone yet.", "Aucune zone pour l'instant.";
    // users
    UsersTitle => "Users", "Utilisateurs";
    NewUser => "New user", "Nouvel utilisateur";
    Deactivate => "Deactivate", "Désactiver";
    Activate => "Reactivate", "Réactiver";
    ResetPassword => "Reset password", "Réinitialiser le mot de passe";
    NewPassword => "New password", "Nouveau mot de passe";
    PasswordReset => "Password changed.", "Mot de passe modifié.";
    // history
    NoHistory => "No change recorded.", "Aucune modification enregistrée.";
    ActionCreate => "created", "a créé";
    ActionUpdate => "changed", "a modifié";
    ActionArchive => "archived", "a archivé";
    ActionRestore => "restored", "a restauré";
    ActionDelete => "deleted", "a supprimé";
    // settings
    SettingsTitle => "Settings", "Paramètres";
    // errors
    ErrRequired => "Required.", "Obligatoire.";
    ErrTooLong => "Too long.", "Trop long.";
    ErrTooShort => "Too short (at least 8 characters).", "Trop court (8 caractères au moins).";
    ErrEmail => "Not a valid e-mail address.", "Adresse e-mail invalide.";
    ErrFormat => "Wrong format.", "Format incorrect.";
    ErrDuplicate => "Already used by another record.", "Déjà utilisé par un autre enregistrement.";
    ErrWrongCredentials => "Wrong e-mail or password.", "E-mail ou mot de passe incorrect.";
    ErrUnknown => "Unknown value.", "Valeur inconnue.";
    ErrFixFields => "Please correct the highlighted fields.", "Veuillez corriger les champs signalés.";
    ErrForbidden => "You are not allowed to do this.", "Vous n'avez pas le droit de faire cela.";
    NavContracts => "Contracts", "Contrats";
    NavInvoices => "Invoices", "Factures";
    ContractsTitle => "Contracts", "Contrats";
    NewContract => "New contract", "Nouveau contrat";
    EditContract => "Edit contract", "Modifier le contrat";
    ContractCreated => "Contract created: it is a draft until you activate it.", "Contrat créé : c'est un brouillon jusqu'à son activation.";
    NoContracts => "No contracts yet.", "Aucun contrat pour l'instant.";
    ContractKind => "Kind", "Nature";
    ContractKindHint => "Maintenance, support, hosting…", "Maintenance, support, hébergement…";
    Periodicity => "Billed", "Facturation";
    Monthly => "Monthly", "Mensuelle";
    Quarterly => "Quarterly", "Trimestrielle";
    Yearly => "Yearly", "Annuelle";
    BilledInAdvance => "Billed in advance (on the first day of each period)", "Facturé à terme à échoir (le premier jour de chaque période)";
    InAdvance => "in advance", "à échoir";
    InArrears => "in arrears", "échu";
    StartDate => "Start", "Début";
    EndDate => "End", "Fin";
    EndDateHint => "Empty: until terminated.", "Vide : jusqu'à résiliation.";
    NextBilling => "Next billing", "Prochaine facturation";
    FeePerPeriod => "Fixed fees per period (excl. VAT)", "Forfaits par période (HT)";
    CoveredSites => "Covered sites", "Sites couverts";
    CoversAllEquipment => "Every equipment of these sites", "Tous les équipements de ces sites";
    CoveredEquipment => "Covered equipment", "Équipements couverts";
    CoveredNow => "covered today", "couverts aujourd'hui";
    PriceLines => "Price lines", "Lignes de prix";
    PerEquipment => "Per equipment", "Par équipement";
    UnitPriceExclVat => "Unit price excl. VAT (€)", "Prix unitaire HT (€)";
    VatRate => "VAT (%)", "TVA (%)";
    AddLine => "Add a line", "Ajouter une ligne";
    RemoveLine => "Remove", "Retirer";
    IncludedHours => "Support hours included per period", "Heures de support incluses par période";
    OverageRate => "Overage hourly rate excl. VAT (€)", "Taux horaire de dépassement HT (€)";
    ClientsLevel => "The client's level", "Le niveau du client";
    VisitEveryMonths => "Preventive visit every (months)", "Visite préventive tous les (mois)";
    AutoRenew => "Renewed automatically at the end of its term", "Reconduit tacitement à la fin de sa période";
    RenewalMonths => "Renewed term (months)", "Durée de reconduction (mois)";
    NoticeDays => "Notice (days before the end)", "Préavis (jours avant la fin)";
    InNotice => "In notice period", "En période de préavis";
    OnlyInNotice => "In notice period only", "En préavis seulement";
    NoticeDeadline => "Notice to give by", "Préavis à donner avant le";
    HoursUsed => "Support hours this period", "Heures de support sur la période";
    HoursUsedHint => "Time logged on tickets and interventions counts here once the service desk records it.", "Le temps saisi sur les tickets et interventions s'ajoutera ici avec le service desk.";
    BillingSchedule => "Billing schedule", "Échéancier de facturation";
    Period => "Period", "Période";
    IssueOn => "Issued on", "Émise le";
    Upcoming => "upcoming", "à venir";
    Prorated => "prorated", "au prorata";
    ContractDraft => "Draft", "Brouillon";
    ContractActive => "Active", "Actif";
    ContractSuspended => "Suspended", "Suspendu";
    ContractExpired => "Expired", "Expiré";
    ContractTerminated => "Terminated", "Résilié";
    Suspend => "Suspend", "Suspendre";
    Resume => "Resume", "Reprendre";
    Terminate => "Terminate", "Résilier";
    Renew => "Renew for a term", "Reconduire";
    StatusDate => "On", "Le";
    LastBilledDay => "Last day billed", "Dernier jour facturé";
    Lines => "Lines", "Lignes";
    InvoicesTitle => "Invoices", "Factures";
    NewInvoice => "New invoice", "Nouvelle facture";
    EditInvoice => "Edit draft invoice", "Modifier la facture brouillon";
    NoInvoices => "No invoices yet.", "Aucune facture pour l'instant.";
    InvoiceNumber => "Number", "Numéro";
    IssueDate => "Issue date", "Date d'émission";
    DueDate => "Due date", "Échéance";
    PaidOn => "Paid on", "Payée le";
    TotalExclVat => "Total excl. VAT", "Total HT";
    TotalVat => "VAT", "TVA";
    TotalInclVat => "Total incl. VAT", "Total TTC";
    VatAt => "VAT at", "TVA à";
    InvoiceDraft => "Draft", "Brouillon";
    InvoiceFinalised => "Finalised", "Émise";
    InvoiceSent => "Sent", "Envoyée";
    InvoicePaid => "Paid", "Payée";
    InvoiceCancelled => "Cancelled", "Annulée";
    Overdue => "Overdue", "En retard";
    OnlyOverdue => "Overdue only", "En retard seulement";
    IssuedFrom => "Issued from", "Émises du";
    IssuedTo => "to", "au";
    Finalise => "Finalise and number", "Émettre et numéroter";
    FinaliseHint => "Once finalised, an invoice gets its number and can no longer be changed: only a credit note cancels it.", "Une fois émise, une facture reçoit son numéro et ne peut plus être modifiée : seul un avoir l'annule.";
    MarkSent => "Mark as sent", "Marquer envoyée";
    RecordPayment => "Record payment", "Enregistrer le paiement";
    CreateCreditNote => "Cancel with a credit note", "Annuler par un avoir";
    ConfirmCreditNote => "Really issue a credit note?", "Émettre vraiment un avoir ?";
    CreditNote => "Credit note", "Avoir";
    InvoiceWord => "Invoice", "Facture";
    CreditNoteFor => "Credit note for", "Avoir sur la facture";
    CancelledBy => "Cancelled by", "Annulée par";
    SavePdf => "Save PDF", "Enregistrer le PDF";
    OpenPdf => "Open PDF", "Ouvrir le PDF";
    DeleteDraft => "Delete draft", "Supprimer le brouillon";
    Contract => "Contract", "Contrat";
    RunInvoicing => "Run invoicing now", "Lancer la facturation";
    InvoiceRunTitle => "Run invoicing", "Lancer la facturation";
    InvoiceRunHelp => "Bills every active contract whose next billing date has come: one invoice per period due, finalised and numbered. Running it again creates nothing twice. Parc also runs it by itself at start-up and every day.", "Facture chaque contrat actif dont la date de facturation est arrivée : une facture par période due, émise et numérotée. La relancer ne crée jamais de doublon. Parc la lance aussi de lui-même au démarrage et chaque jour.";
    RunDate => "Billing day", "Jour de facturation";
    Preview => "Preview", "Aperçu";
    CreateInvoices => "Create these invoices", "Créer ces factures";
    InvoicesToCreate => "invoices to create, for", "factures à créer, pour";
    InvoicesCreated => "invoices created, for", "factures créées, pour";
    ForContracts => "contracts", "contrats";
    NothingDue => "Nothing to bill on this day.", "Rien à facturer ce jour-là.";
    ContractsDone => "contracts done", "contrats traités";
    RenewedCount => "contracts renewed", "contrats reconduits";
    FirstInvoicesOnly => "Only the first 100 invoices are listed.", "Seules les 100 premières factures sont listées.";
    CompanyTitle => "Company identity", "Identité de l'entreprise";
    InvoicingTitle => "Invoicing", "Facturation";
    Iban => "IBAN", "IBAN";
    Bic => "BIC", "BIC";
    PaymentTermsDays => "Payment terms (days)", "Délai de paiement (jours)";
    LatePenaltyRate => "Late-payment penalty rate (% a year)", "Taux des pénalités de retard (% par an)";
    Logo => "Logo (PNG or JPEG)", "Logo (PNG ou JPEG)";
    LogoSet => "A logo is printed on invoices.", "Un logo est imprimé sur les factures.";
    NoLogo => "No logo.", "Pas de logo.";
    RemoveLogo => "Remove the logo", "Retirer le logo";
    TabContracts => "Contracts", "Contrats";
    TabInvoices => "Invoices", "Factures";
    ErrReferenced => "Other records use it: archive or retire it instead.", "D'autres enregistrements l'utilisent : archivez-le ou retirez-le plutôt.";
    NavTickets => "Tickets", "Tickets";
    NavPlanning => "Planning", "Planning";
    NavTechnicians => "Technicians", "Techniciens";
    NavInterventions => "Interventions", "Interventions";
    TicketsTitle => "Ticket queue", "File des tickets";
    NewTicket => "New ticket", "Nouveau ticket";
    NoTickets => "No ticket here.", "Aucun ticket ici.";
    TicketCreated => "Ticket created:", "Ticket créé :";
    Ticket => "Ticket", "Ticket";
    Title => "Title", "Titre";
    Priority => "Priority", "Priorité";
    PriorityLow => "Low", "Basse";
    PriorityNormal => "Normal", "Normale";
    PriorityHigh => "High", "Haute";
    PriorityUrgent => "Urgent", "Urgente";
    TicketNew => "New", "Nouveau";
    TicketAssigned => "Assigned", "Attribué";
    TicketInProgress => "In progress", "En cours";
    TicketWaiting => "Waiting for client", "En attente du client";
    TicketResolved => "Resolved", "Résolu";
    TicketClosed => "Closed", "Clos";
    Reopen => "Reopen", "Rouvrir";
    Channel => "Channel", "Canal";
    ChannelDesktop => "Desktop", "Poste";
    ChannelPortal => "Portal", "Portail";
    ChannelPhone => "Phone", "Téléphone";
    ChannelEmail => "E-mail", "E-mail";
    Requester => "Requester", "Demandeur";
    Category => "Category", "Catégorie";
    Categories => "Ticket categories", "Catégories de tickets";
    NewCategory => "New category", "Nouvelle catégorie";
    NoSkillNeeded => "No skill needed", "Aucune compétence requise";
    Assignee => "Assigned to", "Attribué à";
    Suggested => "Suggested:", "Suggestion :";
    AssignSuggested => "Assign", "Attribuer";
    QualifiedTechnicians => "qualified technicians", "techniciens qualifiés";
    Level => "level", "niveau";
    OpenTicketsLower => "open tickets", "tickets ouverts";
    OpenTickets => "Open tickets", "Tickets ouverts";
    CreatedAt => "Created", "Créé le";
    ViewOpen => "Open", "Ouverts";
    ViewMine => "Mine", "Les miens";
    ViewUnassigned => "Unassigned", "Non attribués";
    ViewAtRisk => "At risk", "À risque";
    ViewBreached => "Breached", "En dépassement";
    ViewAll => "All", "Tous";
    Sla => "SLA", "SLA";
    SlaOnTrack => "On track", "Dans les temps";
    SlaAtRisk => "At risk", "À risque";
    SlaBreached => "Breached", "Dépassé";
    SlaPaused => "Paused", "En pause";
    SlaMet => "Met", "Respecté";
    Left => "left", "restantes";
    LateBy => "late by", "en retard de";
    Now => "now", "maintenant";
    FirstResponse => "First response", "Première réponse";
    Resolution => "Resolution", "Résolution";
    SlaTargetLabel => "Target", "Objectif";
    SlaElapsed => "Counted so far", "Déjà décompté";
    SlaDue => "Due", "Échéance";
    SlaWhy => "Why this deadline", "Pourquoi cette échéance";
    SlaCounted => "Counted", "Décompté";
    SlaPausedFrom => "Clock paused", "Horloge en pause";
    SlaRemainingFrom => "left, counted in business hours from", "restantes, décomptées en heures ouvrées depuis le";
    SlaEndsAt => "due", "échéance le";
    AroundTheClock => "24/7", "24 h/24, 7 j/7";
    Conversation => "Conversation", "Échanges";
    InternalNote => "Internal note", "Note interne";
    WriteReply => "Write a reply to the client, or an internal note…", "Écrire une réponse au client, ou une note interne…";
    SendReply => "Send reply", "Envoyer la réponse";
    AddNote => "Add note", "Ajouter la note";
    StartTimer => "Start timer", "Démarrer le chrono";
    StopTimer => "Stop", "Arrêter";
    Running => "running", "en cours";
    TimeLogged => "Time logged:", "Temps enregistré :";
    TimeSpent => "Time spent", "Temps passé";
    Billable => "Billable", "Facturable";
    NotBillable => "Not billable", "Non facturable";
    DurationHint => "1:30 or 1.5", "1:30 ou 1,5";
    LogTime => "Log time", "Saisir le temps";
    Intervention => "Intervention", "Intervention";
    NewIntervention => "New intervention", "Nouvelle intervention";
    EditIntervention => "Edit intervention", "Modifier l'intervention";
    NoInterventions => "No intervention yet.", "Aucune intervention pour l'instant.";
    Kind => "Kind", "Type";
    KindCorrective => "Corrective", "Corrective";
    KindPreventive => "Preventive", "Préventive";
    KindInstallation => "Installation", "Installation";
    InterventionScheduled => "Scheduled", "Planifiée";
    InterventionInProgress => "In progress", "En cours";
    InterventionDone => "Done", "Terminée";
    InterventionCancelled => "Cancelled", "Annulée";
    AnswersTicket => "Answers ticket", "Répond au ticket";
    Technician => "Technician", "Technicien";
    ScheduledStart => "Scheduled start", "Début prévu";
    ScheduledEnd => "Scheduled end", "Fin prévue";
    ActualStart => "Started", "Début réel";
    ActualEnd => "Ended", "Fin réelle";
    Scheduled => "Scheduled", "Prévue";
    CarriedOut => "Carried out", "Réalisée";
    WorkDone => "Work done", "Travaux effectués";
    PartsUsed => "Parts used", "Pièces utilisées";
    ChoosePart => "Choose a part", "Choisir une pièce";
    UsePart => "Take from stock", "Sortir du stock";
    SaveReport => "Save the report (PDF)", "Enregistrer le rapport (PDF)";
    OpenReport => "Open the report", "Ouvrir le rapport";
    PlanningTitle => "Planning", "Planning";
    ThisWeek => "This week", "Cette semaine";
    PlanNow => "Plan preventive visits", "Planifier les visites préventives";
    VisitsPlanned => "preventive interventions planned.", "interventions préventives planifiées.";
    Conflict => "Overlaps another visit", "Chevauche une autre visite";
    TechniciansTitle => "Technicians", "Techniciens";
    JobPosition => "Job position", "Poste";
    WeeklyHours => "Hours a week", "Heures par semaine";
    Skills => "Skills", "Compétences";
    NewSkill => "New skill", "Nouvelle compétence";
    DeskTitle => "Service desk", "Support";
    AutoAssign => "Assign new tickets to the suggested technician", "Attribuer les nouveaux tickets au technicien suggéré";
    AutoAssignHint => "The technician who has the category's skill and the fewest open tickets.", "Le technicien qui a la compétence de la catégorie et le moins de tickets ouverts.";
    ReportLayoutTitle => "Intervention report", "Rapport d'intervention";
    HeaderText => "Text under the title", "Texte sous le titre";
    FooterText => "Footer of every page", "Pied de chaque page";
    ReportTerms => "Terms printed before the signatures", "Conditions imprimées avant les signatures";
    SectionsShown => "Sections printed", "Sections imprimées";
    Signatures => "Signature area", "Zone de signature";
    TimeAndMaterialsCount => "of them for time and parts outside contracts", "dont temps et pièces hors contrat";
    HourlyRate => "Hourly rate excl. VAT (€)", "Taux horaire HT (€)";
    HourlyRateHint => "Billable time no contract covers, billed monthly with the parts used on site.", "Temps facturable hors contrat, facturé chaque mois avec les pièces posées.";
    SlaSettingsTitle => "SLA policy", "Politique de SLA";
    SlaSettingsHint => "Business hours count towards deadlines; time waiting for the client never does. A cell counted around the clock ignores the calendar.", "Les heures ouvrées comptent dans les délais ; l'attente du client jamais. Une case comptée 24 h/24 ignore le calendrier.";
    TimeZone => "Time zone", "Fuseau horaire";
    OpeningHoursHint => "Like 08:00-12:00, 13:30-18:00; empty when closed.", "Par ex. 08:00-12:00, 13:30-18:00 ; vide si fermé.";
    Monday => "Monday", "Lundi";
    Tuesday => "Tuesday", "Mardi";
    Wednesday => "Wednesday", "Mercredi";
    Thursday => "Thursday", "Jeudi";
    Friday => "Friday", "Vendredi";
    Saturday => "Saturday", "Samedi";
    Sunday => "Sunday", "Dimanche";
    Holidays => "Public holidays (one date per line)", "Jours fériés (une date par ligne)";
    FirstResponseHours => "First response (hours)", "Première réponse (heures)";
    ResolutionHours => "Resolution (hours)", "Résolution (heures)";

    NavLicences => "Licences", "Licences";
    LicencesTitle => "Licences", "Licences";
    SoftwareTitle => "Software", "Logiciels";
    Software => "Software", "Logiciel";
    Publisher => "Publisher", "Éditeur";
    Versions => "Versions", "Versions";
    Version => "Version", "Version";
    NewSoftware => "New software", "Nouveau logiciel";
    NoSoftware => "No software in the catalogue yet.", "Aucun logiciel au catalogue pour l'instant.";
    NoSoftwareInstalled => "No software installed and no licence yet.", "Aucun logiciel installé et aucune licence pour l'instant.";
    Installations => "Installations", "Installations";
    Installed => "Installed", "Installés";
    InstalledOn => "Installed on", "Installé le";
    Source => "Source", "Source";
    NoInstallations => "No installation.", "Aucune installation.";
    AddInstallation => "Record an installation", "Enregistrer une installation";
    ImportInstallations => "Import installations", "Importer des installations";
    ImportInstallationsTitle => "Import installed software from CSV", "Importer des logiciels installés depuis un CSV";
    ImportInstallationsHelp => "One row per software on an equipment, found by its serial number or else its name (hostname), with the client's code when several match. Software not yet in the catalogue is added. The same software on the same equipment updates its version. Nothing is saved while a row has an error.", "Une ligne par logiciel sur un équipement, retrouvé par son numéro de série ou à défaut son nom (hostname), avec le code du client si plusieurs correspondent. Un logiciel absent du catalogue y est ajouté. Le même logiciel sur le même équipement met sa version à jour. Rien n'est enregistré tant qu'une ligne est en erreur.";
    SoftwareOnTheirEquipment => "Software on their equipment", "Logiciels sur leurs équipements";
    NewLicence => "New licence", "Nouvelle licence";
    EditLicence => "Edit licence", "Modifier la licence";
    NoLicences => "No licence yet.", "Aucune licence pour l'instant.";
    AllLicences => "All licences", "Toutes les licences";
    LicenceType => "Type", "Type";
    KindPerDevice => "Per device", "Par poste";
    KindPerUser => "Per user", "Par utilisateur";
    KindPerSite => "Site", "Site";
    KindUnlimited => "Unlimited", "Illimitée";
    KindSubscription => "Subscription", "Abonnement";
    LicenceCompliant => "Compliant", "Conforme";
    LicenceOverAllocated => "Over-allocated", "Surallouée";
    LicenceExpiring => "Expiring", "Expire bientôt";
    LicenceExpired => "Expired", "Expirée";
    ComplianceShort => "Short", "Manque";
    ComplianceToAssign => "Seats to assign", "Sièges à attribuer";
    Seats => "Seats", "Sièges";
    Owned => "Owned", "Possédés";
    Assigned => "Assigned", "Attribués";
    Unlicensed => "Unlicensed", "Sans licence";
    Short => "Short", "Manquants";
    NothingUnlicensed => "Every installation is covered.", "Toutes les installations sont couvertes.";
    ExpiresOn => "Expires on", "Expire le";
    AutoRenews => "auto-renews", "reconduction auto";
    TermMonths => "Term (months)", "Durée (mois)";
    LicenceKey => "Licence key", "Clé de licence";
    KeyKeptHint => "Leave empty to keep the saved key.", "Laisser vide pour garder la clé enregistrée.";
    Reveal => "Reveal", "Afficher";
    RenewalPrice => "Renewal price (€)", "Prix de renouvellement (€)";
    NoSeatsAssigned => "No seat assigned.", "Aucun siège attribué.";
    ChoosePerson => "Choose a person…", "Choisir une personne…";
    Assign => "Assign", "Attribuer";
    Unassign => "Take back", "Retirer";
    Covered => "Covered", "Couvert";
    Since => "Since", "Depuis";
    Lots => "Purchases and renewals", "Achats et renouvellements";
    Purchase => "Purchase", "Achat";
    Renewal => "Renewal", "Renouvellement";
    AddPurchase => "Record a purchase of seats", "Enregistrer un achat de sièges";
    Date => "Date", "Date";
    Cost => "Cost excl. VAT (€)", "Coût HT (€)";
    CoversUntil => "Covers until", "Couvre jusqu'au";
    NewExpiry => "New expiry", "Nouvelle échéance";
    NewExpiryHint => "Empty: one term after the current expiry.", "Vide : une période après l'échéance actuelle.";
    Renewed => "Licence renewed.", "Licence renouvelée.";
    Yes => "Yes", "Oui";
    No => "No", "Non";
    Remove => "Remove", "Retirer";
    Sites => "Sites", "Sites";
    NotFound => "Not found.", "Introuvable.";
    ViewLicences => "Their licences and software", "Ses licences et logiciels";
    AutoRenewShort => "Automatic renewal", "Renouvellement automatique";
    NoneInForce => "none in force", "aucune en vigueur";
    Compliance => "Compliance", "Conformité";
    SearchSoftware => "Search software…", "Chercher un logiciel…";
    LicenceNotStarted => "Not started", "Pas encore commencée";
    SeatNotInUse => "not counted: retired or moved", "non compté : retiré ou transféré";
    RenewQuantityHint => "Empty: the seats owned.", "Vide : les sièges possédés.";
}

/// The sentence shown under a field refused by the core.
pub fn validation_text(code: Option<ValidationCode>, lang: Language) -> &'static str {
    let key = match code {
        Some(ValidationCode::Required) => T::ErrRequired,
        Some(ValidationCode::TooLong) => T::ErrTooLong,
        Some(ValidationCode::TooShort) => T::ErrTooShort,
        Some(ValidationCode::InvalidEmail) => T::ErrEmail,
        Some(ValidationCode::InvalidFormat) => T::ErrFormat,
        Some(ValidationCode::Duplicate) | Some(ValidationCode::Conflict) => T::ErrDuplicate,
        Some(ValidationCode::WrongCredentials) => T::ErrWrongCredentials,
        Some(ValidationCode::Referenced) => T::ErrReferenced,
        Some(ValidationCode::NotOfClient) => T::ErrNotOfClient,
        Some(ValidationCode::DuplicateOf) => T::ErrDuplicateOf,
        Some(ValidationCode::InvalidDate) => T::ErrDate,
        Some(ValidationCode::InvalidAmount) => T::ErrAmount,
        Some(ValidationCode::OutOfStock) => T::ErrOutOfStock,
        Some(ValidationCode::Unknown) | None => T::ErrUnknown,
    };
    key.text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_non_empty_text_in_both_languages() {
        for key in T::ALL {
            assert!(!key.text(Language::En).is_empty(), "{key:?} en");
            assert!(!key.text(Language::Fr).is_empty(), "{key:?} fr");
        }
    }

    #[test]
    fn french_is_really_french() {
        assert_eq!(T::Save.text(Language::Fr), "Enregistrer");
        assert_eq!(T::Save.text(Language::En), "Save");
    }
}
