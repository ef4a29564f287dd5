import CaseModel

/// Given and family names by origin, in shares that resemble Munich's population.
public enum DemoNames {
    /// Names of one origin; `nativeGiven`/`nativeFamily` are written in the origin's own script.
    public struct Origin: Sendable {
        public var label: String
        /// Relative share among all residents.
        public var weight: Double
        public var given: [String]
        public var family: [String]
        /// Names in a non-Latin script (Greek, Cyrillic, Arabic, Chinese), if any.
        public var nativeGiven: [String]
        public var nativeFamily: [String]
    }

    /// The share of names of an origin with a native script that are registered in that script.
    public static let nativeScriptShare = 0.2

    /// A random person name.
    public static func name(using rng: inout DemoRandom) -> PersonName {
        let origin = origins[rng.weightedIndex(weights)]
        if !origin.nativeFamily.isEmpty, rng.chance(nativeScriptShare) {
            return PersonName(given: rng.pick(origin.nativeGiven), family: rng.pick(origin.nativeFamily))
        }
        var given = rng.pick(origin.given)
        if origin.label == "de", rng.chance(0.08) {
            given += "-" + rng.pick(origin.given)  // Karl-Heinz, Anna-Lena
        }
        return PersonName(given: given, family: rng.pick(origin.family))
    }

    /// A name a relative of `person` might have: a given name of the same origin (and script)
    /// as `person`'s family name, with that family name.
    public static func relative(of person: PersonName, using rng: inout DemoRandom) -> PersonName {
        if let origin = origins.first(where: { $0.nativeFamily.contains(person.family) }),
            !origin.nativeGiven.isEmpty
        {
            return PersonName(given: rng.pick(origin.nativeGiven), family: person.family)
        }
        let origin = origins.first { $0.family.contains(person.family) } ?? origins[0]
        return PersonName(given: rng.pick(origin.given), family: person.family)
    }

    private static let weights = origins.map(\.weight)

    /// All origins with their names.
    public static let origins: [Origin] = [
        Origin(
            label: "de", weight: 0.68,
            given: words(
                """
                Jürgen Günther Helga Ursula Hildegard Gerhard Wolfgang Renate Brigitte Karl Heinz Thomas
                Michael Andreas Stefan Sabine Claudia Petra Susanne Christian Markus Lukas Maximilian Felix
                Jonas Leon Paul Sophie Marie Anna Lena Hannah Emma Mia Lea Laura Julia Katharina Sebastian
                Tobias Florian Johannes Moritz Benedikt Korbinian Quirin Xaver Veronika Theresa Magdalena
                Franziska Josef Alois Ludwig Johanna Jörg Björn Sören Uwe Dörte Käthe Gisela Elfriede
                Rosemarie Bärbel Günter Jürgen Horst Manfred Dieter Monika Gabriele Birgit Matthias Daniel
                Simon Valentin Vinzenz Leonhard Annemarie Walburga Kreszenz Agnes Martina Jutta Hannelore
                """),
            family: words(
                """
                Müller Schmid Schmidt Huber Meier Maier Mayer Wagner Bauer Fischer Weber Becker Hofmann
                Schneider Wolf Schäfer Koch Richter Klein Schröder Neumann Schwarz Zimmermann Braun Krüger
                Hofer Gruber Lehmann Köhler Groß Weiß Fuchs Lang Berger Winkler Moser Brandl Hartl Stadler
                Eder Obermaier Oberhuber Kögl Pröll Würzl Strauß Fußeder Grüner Hörmann Bäumler Sänger Lößl
                Nußbaumer Löffler Späth Böhm Jäger Vogel Schuster Frank Hahn Seidl Lechner Rieger Ertl Heiß
                Reiß Rößler Kraus Haas Sommer Keller Ziegler Dietl Aigner Kastner Niedermeier Holzer Wimmer
                Forster Pfeiffer Heller Kellner Zeller Mößner Sießmeir Weißgerber Kößler Grünwald Stöckl
                Föhr Mühlbauer Glöckl Fürst Bachmaier Wallner Brückl
                """),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "tr", weight: 0.05,
            given: words(
                "Mehmet Ayşe Fatma Mustafa Emre Elif Zeynep Hüseyin Murat Özlem Gülşen Cem Deniz Selin Yusuf Hatice Ahmet Burak Canan Tülay"
            ),
            family: words(
                "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat"
            ),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "hr-rs-ba", weight: 0.05,
            given: words(
                "Ivan Marko Ana Ivana Josip Dragan Milica Nikola Jelena Tomislav Amra Emir Senad Mirela Dragica Željko"
            ),
            family: words(
                "Horvat Kovačević Babić Marić Jurić Novak Knežević Petrović Jovanović Nikolić Begić Hodžić Tomić Pavlović Šarić Lukić Vuković"
            ),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "it", weight: 0.03,
            given: words(
                "Giuseppe Giovanni Maria Francesca Luca Marco Alessandro Giulia Chiara Antonio Paolo Elena Nicolò"
            ),
            family: words(
                "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Fontana Caruso"
            ) + ["De Luca", "D’Angelo"],
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "gr", weight: 0.03,
            given: words(
                "Georgios Dimitrios Konstantinos Ioannis Maria Eleni Katerina Nikolaos Sofia Anastasia"),
            family: words(
                "Papadopoulos Papadopoulou Georgiou Nikolaidis Konstantinidis Dimitriou Ioannidis Vlachos Karagiannis Oikonomou"
            ),
            nativeGiven: words("Γιώργος Δημήτριος Μαρία Ελένη Κωνσταντίνος Σοφία Αναστασία"),
            nativeFamily: words("Παπαδόπουλος Γεωργίου Νικολαΐδης Ιωαννίδης Οικονόμου Βλάχος Καραγιάννης")),
        Origin(
            label: "pl", weight: 0.02,
            given: words("Piotr Anna Katarzyna Tomasz Małgorzata Krzysztof Agnieszka Paweł Łukasz Magdalena"),
            family: words(
                "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski"
            ),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "ro", weight: 0.02,
            given: words("Andrei Ioana Mihai Elena Alexandru Cristina Ionuț Gabriela Ștefan"),
            family: words("Popescu Ionescu Popa Stan Dumitru Constantin Stoica Munteanu Răducanu"),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "ru-ua", weight: 0.025,
            given: words("Sergej Olga Natalia Alexander Dmitri Tatjana Jelena Wladimir Oksana Andrij"),
            family: words("Iwanow Petrow Smirnow Kusnezow Schewtschenko Kowalenko Bondarenko Melnyk Iwanowa"),
            nativeGiven: words("Сергей Ольга Наталья Дмитрий Татьяна Оксана Андрій Юлія"),
            nativeFamily: words("Иванов Иванова Петров Смирнова Кузнецов Шевченко Коваленко Мельник")),
        Origin(
            label: "ar", weight: 0.02,
            given: words("Mohammed Ahmad Ali Omar Fatima Aisha Layla Yasmin Hassan Khaled Nour Rania"),
            family: words("Haddad Khalil Mansour Nasser Saleh Hamdan Abdullah Ibrahim Yousef") + [
                "Al-Hassan"
            ],
            nativeGiven: words("محمد أحمد علي فاطمة ليلى ياسمين حسن"),
            nativeFamily: words("حداد خليل منصور ناصر صالح إبراهيم")),
        Origin(
            label: "af-ir", weight: 0.01,
            given: words("Ahmad Farid Mariam Zahra Reza Parisa Sohrab Shirin"),
            family: words("Hosseini Ahmadi Rahimi Karimi Mohammadi Noori Sadeghi"),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "zh", weight: 0.01,
            given: words("Wei Li Fang Jing Hao Mei Xiaoming Yan"),
            family: words("Wang Li Zhang Liu Chen Yang Huang Zhao Wu"),
            nativeGiven: words("伟 芳 静 浩 敏 秀英 小明"),
            nativeFamily: words("王 李 张 刘 陈 杨 黄")),
        Origin(
            label: "in", weight: 0.01,
            given: words("Priya Rahul Anjali Arjun Sanjay Deepa Vikram Lakshmi"),
            family: words("Sharma Patel Singh Kumar Gupta Reddy Iyer Nair"),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "vn", weight: 0.005,
            given: ["Thị Lan", "Văn Minh", "Thu Hà", "Quang Huy", "Ngọc Anh"],
            family: words("Nguyễn Trần Lê Phạm Hoàng"),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "es", weight: 0.01,
            given: words("José Carmen Javier Lucía Sergio Marta"),
            family: words("García Fernández López Martínez Sánchez Pérez Muñoz"),
            nativeGiven: [], nativeFamily: []),
        Origin(
            label: "fr", weight: 0.01,
            given: words("Jean Marie-Claire Camille Étienne Chloé Françoise"),
            family: words("Dubois Lefèvre Moreau Girard Bérenger"),
            nativeGiven: [], nativeFamily: []),
    ]

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }
}
