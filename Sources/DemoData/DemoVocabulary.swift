/// Words for the demo's text fields, one list per meaning, so that a value always fits its field.
public enum DemoVocabulary {
    /// Names dogs in Munich are called by.
    public static let dogNames = [
        "Bello", "Luna", "Balu", "Bella", "Paula", "Emma", "Lucky", "Rocky", "Amy", "Sammy", "Max", "Buddy",
        "Leo", "Frieda", "Nala", "Kira", "Oskar", "Lotte", "Merlin", "Sunny", "Milo", "Mia", "Rex", "Charly",
        "Finn", "Ida", "Wastl", "Resi", "Bruno", "Anton", "Maja", "Lilly", "Sissi", "Hugo", "Theo", "Elvis",
    ]

    /// Breeds of dogs that are not listed dogs in Bavaria (and mixed breeds).
    public static let dogBreeds = [
        "Dackel", "Rauhaardackel", "Labrador Retriever", "Golden Retriever", "Deutscher Schäferhund",
        "Französische Bulldogge", "Chihuahua", "Jack Russell Terrier", "Border Collie", "Australian Shepherd",
        "Mischling", "Labrador-Mischling", "Schäferhund-Mischling", "Pudel", "Zwergpudel", "Beagle",
        "Yorkshire Terrier", "Havaneser", "Malteser", "Berner Sennenhund", "Rhodesian Ridgeback",
        "Magyar Vizsla", "Cocker Spaniel", "Mops", "Shih Tzu", "Boxer", "Weimaraner",
        "Bayerischer Gebirgsschweißhund",
    ]

    /// Breeds of category 1 of the Bavarian regulation on dogs of increased aggressiveness.
    public static let listedBreedsCategory1 = [
        "Pit-Bull-Terrier", "American Staffordshire Terrier", "Staffordshire Bullterrier", "Tosa-Inu",
        "Bandog",
    ]

    /// Breeds of category 2 (listed until a certificate rebuts it).
    public static let listedBreedsCategory2 = [
        "Rottweiler", "Bullterrier", "Cane Corso", "Dogo Argentino", "Mastiff", "Bullmastiff",
        "Mastino Napoletano",
        "Dogue de Bordeaux", "Fila Brasileiro",
    ]

    /// Breeds that are trained as assistance dogs.
    public static let assistanceBreeds = [
        "Labrador Retriever", "Golden Retriever", "Deutscher Schäferhund", "Pudel",
    ]

    /// Countries people move to Munich from, with the nationality adjective of their citizens.
    public static let countries: [(country: String, nationality: String)] = [
        ("Österreich", "österreichisch"), ("Italien", "italienisch"), ("Polen", "polnisch"),
        ("Rumänien", "rumänisch"), ("Kroatien", "kroatisch"), ("Türkei", "türkisch"),
        ("Ukraine", "ukrainisch"),
        ("Griechenland", "griechisch"), ("Spanien", "spanisch"), ("Frankreich", "französisch"),
        ("Indien", "indisch"), ("Vereinigte Staaten", "US-amerikanisch"), ("Schweiz", "schweizerisch"),
        ("Bulgarien", "bulgarisch"), ("Ungarn", "ungarisch"),
        ("Bosnien und Herzegowina", "bosnisch-herzegowinisch"),
        ("Serbien", "serbisch"), ("Portugal", "portugiesisch"), ("Brasilien", "brasilianisch"),
        ("Vereinigtes Königreich", "britisch"),
    ]

    /// Landlords that are companies or cooperatives (private landlords are people's names).
    public static let landlordCompanies = [
        "Münchner Wohnen GmbH", "Studentenwerk München Oberbayern", "Isarwohnen GmbH",
        "Hausverwaltung Brunner & Partner", "Baugenossenschaft Sendling-Süd eG",
        "Immobilienverwaltung Seidl GmbH",
        "Wohnbau Perlach GmbH & Co. KG", "Stiftung Wohnen im Alter",
    ]

    /// A trade: what a business calls itself, what it does (as registered), and whether that
    /// needs a licence under the trade regulation (GewO) or the restaurant act.
    public struct Trade: Hashable, Sendable {
        public var title: String
        public var activity: String
        public var needsLicence: Bool
    }

    /// Trades of new businesses in Munich.
    public static let trades: [Trade] = [
        Trade(title: "Bäckerei", activity: "Herstellung und Verkauf von Backwaren", needsLicence: false),
        Trade(
            title: "Café", activity: "Betrieb eines Cafés ohne Ausschank alkoholischer Getränke",
            needsLicence: false),
        Trade(
            title: "Wirtshaus", activity: "Betrieb einer Gaststätte mit Ausschank alkoholischer Getränke",
            needsLicence: true),
        Trade(
            title: "Haustechnik", activity: "Installation und Wartung von Heizungs- und Sanitäranlagen",
            needsLicence: false),
        Trade(
            title: "IT-Beratung", activity: "IT-Beratung und Entwicklung von Software für Unternehmen",
            needsLicence: false),
        Trade(
            title: "Grafikdesign", activity: "Gestaltung von Drucksachen, Logos und Webseiten",
            needsLicence: false),
        Trade(
            title: "Immobilien",
            activity: "Vermittlung von Wohn- und Gewerbeimmobilien (Makler nach § 34c GewO)",
            needsLicence: true),
        Trade(
            title: "Versicherungsmakler", activity: "Vermittlung von Versicherungen nach § 34d GewO",
            needsLicence: true),
        Trade(
            title: "Gebäudereinigung", activity: "Unterhaltsreinigung von Büros und Treppenhäusern",
            needsLicence: false),
        Trade(
            title: "Blumen", activity: "Einzelhandel mit Schnittblumen und Topfpflanzen", needsLicence: false),
        Trade(
            title: "Radwerkstatt", activity: "Reparatur und Verkauf von Fahrrädern und Zubehör",
            needsLicence: false),
        Trade(
            title: "Sicherheitsdienst",
            activity: "Bewachung von Veranstaltungen und Gebäuden nach § 34a GewO",
            needsLicence: true),
        Trade(
            title: "Kindermode", activity: "Onlinehandel mit Kinderbekleidung aus Bio-Baumwolle",
            needsLicence: false),
        Trade(
            title: "Kosmetik", activity: "Kosmetische Gesichts- und Handpflege im eigenen Studio",
            needsLicence: false),
        Trade(
            title: "Umzüge", activity: "Durchführung von Umzügen und Möbeltransporten", needsLicence: false),
        Trade(
            title: "Nachhilfe", activity: "Nachhilfeunterricht in Mathematik und Deutsch für Schüler",
            needsLicence: false),
    ]

    /// Pieces of bulky waste, with how many usually go out at once and the loading work of one
    /// piece in quarter hours.
    public static let bulkyItems: [(item: String, count: ClosedRange<Int>, quarters: Double)] = [
        ("Sofa", 1...1, 1), ("Sessel", 1...2, 0.5), ("Kleiderschrank, zerlegt", 1...1, 1.5),
        ("Matratze", 1...2, 0.25), ("Lattenrost", 1...2, 0.25), ("Bettgestell", 1...1, 0.75),
        ("Esstisch", 1...1, 0.5), ("Stuhl", 2...6, 0.1), ("Kommode", 1...1, 0.5), ("Bücherregal", 1...2, 0.5),
        ("Teppich, gerollt", 1...2, 0.25), ("Schreibtisch", 1...1, 0.5), ("Fahrrad", 1...2, 0.25),
        ("Gartenbank", 1...1, 0.5), ("Spiegel", 1...1, 0.1), ("Küchenschrank", 1...3, 0.5),
        ("Eckbank", 1...1, 0.75), ("Kinderbett", 1...1, 0.5),
    ]

    /// Notes on how the collection crew gets to the pieces, for a household of this family name.
    public static func accessNote(family: String, using rng: inout DemoRandom) -> String {
        switch rng.below(6) {
        case 0: "Zugang zum Hinterhof über die Einfahrt links."
        case 1: "Die Sachen stehen im Keller, der Hausmeister schließt auf."
        case 2: "Bitte bei \(family) im \(rng.int(in: 1...5)). Stock klingeln, es gibt keinen Aufzug."
        case 3: "Die Gegenstände stehen am Abholtag ab 6 Uhr am Gehweg vor dem Haus."
        case 4: "Tiefgarage, Stellplatz \(rng.int(in: 1...60)); das Tor öffnet sich nach Anruf."
        default: "Die Hofeinfahrt ist schmal, kein Lkw über 3,5 t."
        }
    }

    /// Notes a clerk adds in the comment field of any application.
    public static let clerkNotes = [
        "Die Bürgerin bittet um Rückruf am Vormittag.",
        "Unterlagen wurden am Schalter vorgelegt und geprüft.",
        "Der Antragsteller ist schwerhörig, bitte langsam sprechen.",
        "Nachweise folgen per Post.",
        "Telefonisch aufgenommen, Einverständnis mündlich erteilt.",
        "Antrag bitte mit dem Vorgang vom Vorjahr zusammenführen.",
        "Rückfragen bitte per E-Mail, tagsüber nicht erreichbar.",
        "Die Tochter hilft beim Ausfüllen und ist als Ansprechpartnerin genannt.",
    ]

    /// Streets that exist in most German towns, for addresses outside Munich.
    public static let commonStreets = [
        "Bahnhofstraße", "Hauptstraße", "Schillerstraße", "Goethestraße", "Lindenstraße", "Gartenstraße",
        "Kirchplatz", "Bergstraße", "Schulstraße", "Mozartstraße", "Friedhofstraße", "Am Marktplatz",
    ]

    /// German towns outside Munich with one of their postcodes.
    public static let otherTowns: [(city: String, postcode: String)] = [
        ("Augsburg", "86150"), ("Nürnberg", "90402"), ("Regensburg", "93047"), ("Ingolstadt", "85049"),
        ("Rosenheim", "83022"), ("Freising", "85354"), ("Dachau", "85221"), ("Landshut", "84028"),
        ("Würzburg", "97070"), ("Berlin", "10115"), ("Hamburg", "20095"), ("Köln", "50667"),
        ("Stuttgart", "70173"), ("Frankfurt am Main", "60311"), ("Leipzig", "04109"), ("Dresden", "01067"),
        ("Erding", "85435"), ("Starnberg", "82319"), ("Passau", "94032"), ("Kempten (Allgäu)", "87435"),
    ]
}
