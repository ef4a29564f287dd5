/// Real Munich streets, each with the postcode(s) it lies in.
public enum MunichStreets {
    /// One street and its postcodes (at least one, all between 80331 and 81929).
    public struct Street: Hashable, Sendable {
        public var name: String
        public var postcodes: [String]
    }

    /// All streets of the table, in table order.
    public static let all: [Street] = table.split(separator: "\n").compactMap { line in
        let parts = line.split(separator: "|")
        guard parts.count == 2 else { return nil }
        return Street(
            name: String(parts[0]), postcodes: parts[1].split(separator: ",").map { String($0) })
    }

    // Name|postcode,postcode — grouped roughly by district.
    private static let table = """
        Marienplatz|80331
        Kaufingerstraße|80331
        Neuhauser Straße|80331
        Sendlinger Straße|80331
        Rosenstraße|80331
        Tal|80331
        Dienerstraße|80331
        Rindermarkt|80331
        Oberanger|80331
        Sonnenstraße|80331
        Herzog-Wilhelm-Straße|80331
        Zweibrückenstraße|80331
        Residenzstraße|80333
        Theatinerstraße|80333
        Weinstraße|80333
        Brienner Straße|80333
        Ottostraße|80333
        Sophienstraße|80333
        Karlstraße|80333
        Gabelsbergerstraße|80333
        Theresienstraße|80333
        Barer Straße|80333,80799
        Arcisstraße|80333,80799
        Luisenstraße|80333,80335
        Amalienstraße|80333,80799
        Türkenstraße|80333,80799
        Augustenstraße|80333,80335,80798
        Karlsplatz|80335
        Bayerstraße|80335
        Dachauer Straße|80335,80636,80637,80638,80992,80993,80995,80997
        Arnulfstraße|80335,80634,80636
        Nymphenburger Straße|80335,80636,80639
        Lothstraße|80335,80797
        Schillerstraße|80336
        Goethestraße|80336
        Schwanthalerstraße|80336,80339
        Landwehrstraße|80336
        Paul-Heyse-Straße|80336
        Sendlinger-Tor-Platz|80336
        Nußbaumstraße|80336
        Pettenkoferstraße|80336
        Mathildenstraße|80336
        Lindwurmstraße|80336,80337
        Thalkirchner Straße|80337
        Kapuzinerstraße|80337,80469
        Tumblingerstraße|80337
        Maistraße|80337
        Ruppertstraße|80337
        Schmellerstraße|80337
        Häberlstraße|80337
        Zenettistraße|80337
        Landsberger Straße|80339,80687,81241
        Westendstraße|80339,80686
        Gollierstraße|80339
        Ganghoferstraße|80339
        Bergmannstraße|80339
        Kazmairstraße|80339
        Tulbeckstraße|80339
        Parkstraße|80339
        Ligsalzstraße|80339
        Trappentreustraße|80339
        Heimeranstraße|80339
        Astallerstraße|80339
        Frauenstraße|80469
        Müllerstraße|80469
        Fraunhoferstraße|80469
        Reichenbachstraße|80469
        Klenzestraße|80469
        Gärtnerplatz|80469
        Corneliusstraße|80469
        Baaderstraße|80469
        Hans-Sachs-Straße|80469
        Holzstraße|80469
        Jahnstraße|80469
        Ickstattstraße|80469
        Westermühlstraße|80469
        Erhardtstraße|80469
        Auenstraße|80469
        Wittelsbacherstraße|80469
        Ehrengutstraße|80469
        Dreimühlenstraße|80469
        Maximilianstraße|80538,80539
        Thierschstraße|80538
        Liebigstraße|80538
        St.-Anna-Straße|80538
        Prinzregentenstraße|80538,81675
        Widenmayerstraße|80538
        Steinsdorfstraße|80538
        Kanalstraße|80538
        Knöbelstraße|80538
        Ludwigstraße|80539
        Leonrodstraße|80634
        Rotkreuzplatz|80634
        Donnersbergerstraße|80634
        Volkartstraße|80634,80636
        Wendl-Dietrich-Straße|80634
        Schulstraße|80634
        Schlörstraße|80634
        Renatastraße|80634,80639
        Frundsbergstraße|80634
        Blutenburgstraße|80636
        Lazarettstraße|80636
        Elvirastraße|80636
        Landshuter Allee|80636,80637
        Dom-Pedro-Straße|80637
        Waisenhausstraße|80637
        Hanebergstraße|80637
        Taxisstraße|80637
        Klugstraße|80637,80638
        Baldurstraße|80638
        Menzinger Straße|80638,80997
        Winthirstraße|80639
        Romanstraße|80639
        Hirschgartenallee|80639
        Notburgastraße|80639
        Wotanstraße|80639
        Fürstenrieder Straße|80686,80687,80689,81377
        Gotthardstraße|80686,80689
        Valpichlerstraße|80686
        Zschokkestraße|80686,80687
        Friedenheimer Straße|80686
        Agnes-Bernauer-Straße|80687
        Perhamerstraße|80687
        Elsenheimerstraße|80687
        Senftenauerstraße|80689
        Willibaldstraße|80689
        Camerloherstraße|80689
        Hiltenspergerstraße|80796,80798
        Tengstraße|80796,80798
        Hohenzollernstraße|80796,80801
        Belgradstraße|80796,80804
        Elisabethstraße|80796,80797
        Destouchesstraße|80796,80803
        Bauerstraße|80796
        Herzogstraße|80796,80803
        Schleißheimer Straße|80333,80797,80809,80935
        Heßstraße|80797,80799
        Ackermannstraße|80797
        Infanteriestraße|80797
        Görresstraße|80798
        Agnesstraße|80798
        Adelheidstraße|80798
        Schellingstraße|80799
        Kurfürstenstraße|80799,80801
        Nordendstraße|80799,80801
        Ainmillerstraße|80801
        Kaiserstraße|80801
        Friedrichstraße|80801
        Franz-Joseph-Straße|80801
        Leopoldstraße|80802,80804,80807
        Feilitzschstraße|80802
        Occamstraße|80802
        Marktstraße|80802
        Ungererstraße|80802,80805
        Münchner Freiheit|80802
        Dietlindenstraße|80802
        Ohmstraße|80802
        Keferstraße|80802
        Potsdamer Straße|80802
        Clemensstraße|80803
        Karl-Theodor-Straße|80803
        Rheinstraße|80803
        Parzivalstraße|80804
        Mainzer Straße|80804
        Rümannstraße|80804
        Berliner Straße|80805
        Osterwaldstraße|80805
        Biedersteiner Straße|80805
        Ingolstädter Straße|80807,80939
        Schenkendorfstraße|80807
        Domagkstraße|80807
        Milbertshofener Straße|80807
        Knorrstraße|80807,80937
        Frankfurter Ring|80807
        Korbinianplatz|80807
        Petuelring|80807,80809
        Lerchenauer Straße|80809,80935
        Moosacher Straße|80809
        Riesenfeldstraße|80809
        Spiridon-Louis-Ring|80809
        Dülferstraße|80933
        Blodigstraße|80933
        Neuherbergstraße|80937
        Heidemannstraße|80939
        Freisinger Landstraße|80939
        Situlistraße|80939
        Werner-Heisenberg-Allee|80939
        Pelkovenstraße|80992
        Bunzlauer Straße|80992
        Baubergerstraße|80992
        Hanauer Straße|80992,80993
        Feldmochinger Straße|80992,80993,80995
        Eversbuschstraße|80999
        Pasinger Marienplatz|81241
        Gleichmannstraße|81241
        Bäckerstraße|81241
        Planegger Straße|81241
        Bodenseestraße|81241,81243,81245
        Limesstraße|81243
        Ubostraße|81245
        Altostraße|81245
        Verdistraße|81247
        Pippinger Straße|81247
        Plinganserstraße|81369
        Albert-Roßhaupter-Straße|81369
        Passauerstraße|81369
        Daiserstraße|81371
        Alramstraße|81371
        Oberländerstraße|81371
        Valleystraße|81371
        Kidlerstraße|81371
        Lindenschmitstraße|81371
        Implerstraße|81371
        Brudermühlstraße|81371
        Schäftlarnstraße|81371
        Hansastraße|81373
        Garmischer Straße|81373,81377
        Partnachplatz|81373
        Guardinistraße|81375
        Großhaderner Straße|81375
        Würmtalstraße|81375
        Heiglhofstraße|81377
        Waldfriedhofstraße|81377
        Boschetsrieder Straße|81379
        Zielstattstraße|81379
        Aidenbachstraße|81379
        Machtlfinger Straße|81379
        Wolfratshauser Straße|81379,81479
        Appenzeller Straße|81475
        Forstenrieder Allee|81476
        Züricher Straße|81476
        Drygalski-Allee|81477
        Meglinger Straße|81477
        Herterichstraße|81477,81479
        Sollner Straße|81479
        Tegernseer Landstraße|81539,81541,81549
        Martin-Luther-Straße|81539
        Deisenhofener Straße|81539
        Perlacher Straße|81539
        St.-Martin-Straße|81539,81541
        Ichostraße|81541
        Silberhornstraße|81541
        Werinherstraße|81541
        Mariahilfplatz|81541
        Ohlmüllerstraße|81541
        Balanstraße|81541,81549,81669
        Hochstraße|81541,81669
        Humboldtstraße|81543
        Grünwalder Straße|81547
        Naupliastraße|81547
        Säbener Straße|81547
        Chiemgaustraße|81549
        Stadelheimer Straße|81549
        Ständlerstraße|81549
        Rosenheimer Straße|81667,81669,81671
        Weißenburger Straße|81667
        Pariser Straße|81667
        Steinstraße|81667
        Wörthstraße|81667
        Innere Wiener Straße|81667
        Preysingstraße|81667
        Lothringer Straße|81667
        Metzstraße|81667
        Belfortstraße|81667
        Elsässer Straße|81667
        Orleansstraße|81667,81669
        Lilienstraße|81669
        Anzinger Straße|81671
        Führichstraße|81671
        Berg-am-Laim-Straße|81673
        Baumkirchner Straße|81673
        Truderinger Straße|81673
        Kreillerstraße|81673
        Schlüsselbergstraße|81673
        Neumarkter Straße|81673
        Kirchenstraße|81675
        Einsteinstraße|81675,81677
        Ismaninger Straße|81675
        Maria-Theresia-Straße|81675
        Richard-Strauss-Straße|81677,81679
        Possartstraße|81679
        Herkomerplatz|81679
        Oberföhringer Straße|81679,81925
        Denninger Straße|81679,81925
        Heinrich-Wieland-Straße|81735
        Quiddestraße|81735
        Albert-Schweitzer-Straße|81735
        Ottobrunner Straße|81737
        Fritz-Erler-Straße|81737
        Thomas-Dehler-Straße|81737
        Unterhachinger Straße|81737
        Putzbrunner Straße|81737,81739
        Carl-Wery-Straße|81739
        Bajuwarenstraße|81825
        Feldbergstraße|81825
        Wasserburger Landstraße|81825,81827
        Willy-Brandt-Allee|81829
        Helsinkistraße|81829
        Lehrer-Wirth-Straße|81829
        Kirchtruderinger Straße|81829
        Cosimastraße|81925,81927
        Arabellastraße|81925
        Effnerstraße|81925
        Englschalkinger Straße|81925,81927
        Ostpreußenstraße|81927
        Johanneskirchner Straße|81929
        """
}
